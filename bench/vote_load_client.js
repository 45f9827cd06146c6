// Load generator for votes: N socket.io phones (websocket only) + one results observer.
// Usage: node bench/vote_load_client.js spec.json  -> prints one JSON summary line.
// spec: {url, target: "app"|"bare", scenario: "pace"|"burst"|"rate", cookies: [..],
//        workshop, round, points: [..], votes, rate, seconds, observer_cookie, inflight,
//        ready_file, go_file, think_ms: [low, high] (pace: time between a phone's votes),
//        room (bare: the room its phones join; "room" if none)}
// With ready_file/go_file, the client writes ready_file once its phones are connected and
// starts voting when go_file exists: several clients (workshops) then vote at once.
// scenario "storm": every phone connects at once (inflight = all) and the time until each has
// its first "snapshot" is measured; no votes.
"use strict";
const fs = require("fs");
const crypto = require("crypto");
const { io } = require("socket.io-client");

const spec = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const app = spec.target === "app";
const RESULTS = app ? "round_results" : "tally";
const now = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pick = (list) => list[Math.floor(Math.random() * list.length)];

const sent = new Map();      // op -> send time
const acked = [];            // {op, ms, ballot, at}
const errors = [];
const lags = [];
let pendingLag = [];         // acked votes whose results have not been seen yet
const phonesWithResults = new Set();

const storm = spec.scenario === "storm";

function connect(cookie, view, index) {
  return new Promise((resolve, reject) => {
    let connected = false, snapshot = false;
    const ready = () => { if (connected && (snapshot || !storm)) resolve(socket); };
    const socket = io(spec.url + (app ? "/live" : ""), {
      transports: ["websocket"], reconnection: false, timeout: 20000,
      extraHeaders: cookie ? { Cookie: cookie, Origin: spec.url } : {},
      auth: app ? { workshop: spec.workshop, view: view } : { room: spec.room || "room" },
    });
    socket.once("snapshot", () => { snapshot = true; ready(); });
    socket.once("connect", () => { connected = true; ready(); });
    socket.once("connect_error", (err) => reject(new Error("connect " + index + ": " + (err && err.message))));
    socket.on(RESULTS, () => phonesWithResults.add(index));
  });
}

async function connectAll() {
  const sockets = new Array(spec.cookies.length);
  let next = 0;
  async function worker() {
    while (next < spec.cookies.length) {
      const i = next++;
      sockets[i] = await connect(spec.cookies[i], "phone", i);
    }
  }
  const inflight = spec.inflight || 50;                     // 50 handshakes in flight
  await Promise.all(Array.from({ length: inflight }, worker));
  return sockets;
}

function observe(socket) {
  socket.on(app ? "round_results_full" : "tally", (data) => {
    const at = now();
    if (app && data.round && data.round.id !== spec.round) return;
    const through = data.through || 0;
    const rest = [];
    for (const vote of pendingLag) {
      if (vote.ballot <= through) lags.push(at - vote.sentAt); else rest.push(vote);
    }
    pendingLag = rest;
  });
}

function vote(socket) {
  const op = crypto.randomUUID().replace(/-/g, "");
  const payload = app
    ? { workshop: spec.workshop, op: op, round: spec.round, point: pick(spec.points), delta: 1 }
    : { op: op, option: Math.floor(Math.random() * 4) };
  const sentAt = now();
  sent.set(op, sentAt);
  return new Promise((resolve) => {
    socket.timeout(30000).emit(app ? "cast_vote" : "vote", payload, (err, ack) => {
      const at = now();
      if (err || !ack || !ack.ok) {
        errors.push(err ? "timeout" : (ack && ack.error) || "no ack");
      } else {
        const ballot = ack.result && ack.result.ballot;
        acked.push({ op: op, ms: at - sentAt, at: at });
        pendingLag.push({ ballot: ballot, sentAt: sentAt });
      }
      resolve();
    });
  });
}

async function runPace(sockets) {
  await Promise.all(sockets.map(async (s) => {
    const [low, high] = spec.think_ms || [1000, 3000];   // a person's pace between votes
    for (let i = 0; i < spec.votes; i++) { await sleep(low + Math.random() * (high - low)); await vote(s); }
  }));
}

async function runBurst(sockets) {
  await Promise.all(sockets.map(async (s) => { for (let i = 0; i < spec.votes; i++) await vote(s); }));
}

async function runRate(sockets) {
  const total = Math.round(spec.rate * spec.seconds);
  const interval = 1000 / spec.rate;
  const start = now();
  const inflight = [];
  for (let i = 0; i < total; i++) {
    const wait = start + i * interval - now();
    if (wait > 0) await sleep(wait);
    inflight.push(vote(sockets[i % sockets.length]));
  }
  await Promise.all(inflight);
}

function pct(values, p) {
  if (!values.length) return null;
  const sorted = values.slice().sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p / 100 * sorted.length))] * 10) / 10;
}

function bySecond(start) {
  // the p95 of the acks that arrived in each second of the run: is the tail a moment or steady?
  const buckets = [];
  for (const a of acked) {
    const second = Math.max(0, Math.floor((a.at - start) / 1000));
    (buckets[second] = buckets[second] || []).push(a.ms);
  }
  return Array.from(buckets, (values) => (values ? pct(values, 95) : null));
}

async function main() {
  const t0 = now();
  const sockets = await connectAll();
  const connectMs = now() - t0;
  if (storm) {
    const summary = { target: spec.target, scenario: "storm", phones: sockets.length,
                      connect_s: Math.round(connectMs) / 1000 };
    sockets.forEach((s) => s.disconnect());
    fs.writeFileSync(spec.out, JSON.stringify(Object.assign({ ops: [] }, summary)));
    process.stdout.write(JSON.stringify(summary) + "\n", () => process.exit(0));
    return;
  }
  const observer = await connect(spec.observer_cookie, "projector", -1);
  observe(observer);
  await sleep(500);
  if (spec.ready_file) {
    fs.writeFileSync(spec.ready_file, "ready");
    while (!fs.existsSync(spec.go_file)) await sleep(10);
  }
  phonesWithResults.clear();
  const start = now();
  if (spec.scenario === "pace") await runPace(sockets);
  else if (spec.scenario === "burst") await runBurst(sockets);
  else await runRate(sockets);
  const seconds = (now() - start) / 1000;
  await sleep(3000);                       // the trailing coalesced broadcast, on a busy machine
  const ackMs = acked.map((a) => a.ms);
  const summary = {
    target: spec.target, scenario: spec.scenario, phones: sockets.length,
    connect_s: Math.round(connectMs) / 1000, sent: sent.size, acked: acked.length,
    errors: errors.length, error_kinds: [...new Set(errors)].slice(0, 5),
    seconds: Math.round(seconds * 100) / 100, votes_per_s: Math.round(acked.length / seconds),
    ack_ms: { p50: pct(ackMs, 50), p95: pct(ackMs, 95), p99: pct(ackMs, 99) },
    lag_ms: { p50: pct(lags, 50), p95: pct(lags, 95), n: lags.length, unseen: pendingLag.length },
    phones_with_results: phonesWithResults.size,
    ack_p95_ms_by_second: bySecond(start),
  };
  sockets.forEach((s) => s.disconnect());
  observer.disconnect();
  fs.writeFileSync(spec.out, JSON.stringify(Object.assign({ ops: acked.map((a) => a.op) }, summary)));
  process.stdout.write(JSON.stringify(summary) + "\n", () => process.exit(0));
}

main().catch((err) => { process.stderr.write(String(err && err.stack || err) + "\n"); process.exit(1); });
