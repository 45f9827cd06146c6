// The phone's ballot: marks shown at once, kept in the outbox until the server saved them.
(function () {
  "use strict";
  const H = window.Hamandishi;
  const { ui } = H;
  const client = H.client;
  const root = document.querySelector(".voting-phone[data-role=voting]");
  if (!root || !client) return;
  const NOT_SENT_AFTER = 10000;
  const view = { rounds: [], mine: {}, results: {}, saved: {}, failed: {}, seen: {} };
  // One counter per round: a counter running across rounds would link anonymous marks to named ones.
  const seqKey = (roundId) => "hamandishi.voteseq." + client.workshop + "." + roundId;
  const $ = (role) => root.querySelector("[data-role=" + role + "]");

  function nextSeq(roundId) {
    const n = Number(localStorage.getItem(seqKey(roundId)) || 0) + 1;
    localStorage.setItem(seqKey(roundId), String(n));
    return n;
  }

  function noteSeq(state) {
    if (state && state.seq && state.seq > Number(localStorage.getItem(seqKey(state.round)) || 0)) {
      localStorage.setItem(seqKey(state.round), String(state.seq));
    }
  }

  function current() {
    return view.rounds.find((r) => r.status === "open") || null;
  }

  const { markKey, rankingOrder, help, budget } = H.votingRules;

  function pendingFor(roundId) {
    return client.pendingOps().filter((i) => i.payload.round === roundId &&
      (i.name === "cast_vote" || i.name === "cast_ranking"));
  }

  // The marks to show: the server's canonical state plus what is still in the outbox.
  function displayed(round) {
    const marks = new Map();
    ((view.mine[round.id] || {}).marks || []).forEach(([p, c, v]) => marks.set(markKey(round.id, p, c), v));
    pendingFor(round.id).forEach((item) => {
      const a = item.payload;
      if (item.name === "cast_ranking") {
        Array.from(marks.keys()).forEach((k) => marks.delete(k));
        a.ranking.forEach((p, i) => marks.set(markKey(round.id, p, "rank"), i + 1));
        return;
      }
      const key = markKey(round.id, a.point, a.criterion);
      const value = "delta" in a ? (marks.get(key) || 0) + a.delta : a.value;
      if (value === null || value === undefined) marks.delete(key); else marks.set(key, value);
    });
    return marks;
  }

  function statusOf(round, keys) {
    const now = Date.now();
    const pending = pendingFor(round.id).filter((i) => keys.some((k) => itemKeys(round, i).includes(k)));
    if (pending.length) {
      const late = pending.some((i) => now - (view.seen[i.payload.op] || now) > NOT_SENT_AFTER);
      return late ? "failed" : "sending";
    }
    if (keys.some((k) => view.failed[k])) return "failed";
    if (keys.some((k) => view.saved[k])) return "saved";
    return "";
  }

  function itemKeys(round, item) {
    if (item.name === "cast_ranking") return [round.id + ":rank"];
    return [markKey(round.id, item.payload.point, item.payload.criterion)];
  }

  function send(round, name, args, keys) {
    const op = client.command(name, Object.assign({ round: round.id, seq: nextSeq(round.id) }, args), { durable: true });
    keys.forEach((k) => { delete view.failed[k]; delete view.saved[k]; });
    client.pendingOps().forEach((i) => { view.seen[i.payload.op] = view.seen[i.payload.op] || Date.now(); });
    render();
    op.then((ack) => settle(round.id, keys, ack));
  }

  function settle(roundId, keys, ack) {
    if (ack && ack.ok) {
      adopt(ack.result);
      keys.forEach((k) => { view.saved[k] = true; delete view.failed[k]; });
    } else {
      keys.forEach((k) => { view.failed[k] = (ack && ack.message) || ui.t("vote.status.failed"); });
    }
    render();
  }

  function adopt(state) {
    if (!state || !state.round) return;
    const held = view.mine[state.round];
    if (!held || held.ballot === null || state.ballot === null || state.ballot >= held.ballot || state.status !== "open") {
      view.mine[state.round] = state;
    }
    noteSeq(state);
  }

  function retry() {
    client.pendingOps().forEach((i) => { view.seen[i.payload.op] = Date.now(); });
    if (!client.socket.connected) client.socket.connect(); else client._flushOutbox();
    render();
  }

  function badge(state, keys) {
    if (!state) return null;
    const span = ui.el("span", { class: "vote-status " + state, "data-status": state, role: "status",
      text: ui.t("vote.status." + state) });
    const message = keys.map((k) => view.failed[k]).find((m) => typeof m === "string");
    const wrap = ui.el("span", { class: "vote-state" }, [span]);
    if (state === "failed" && message && message !== ui.t("vote.status.failed")) {
      wrap.appendChild(ui.el("span", { class: "error small", text: message }));
    } else if (state === "failed") {
      wrap.appendChild(ui.el("button", { class: "button small", type: "button", onclick: retry, text: ui.t("vote.retry") }));
    }
    return wrap;
  }

  const controls = {
    approval(round, point, marks) {
      const key = markKey(round.id, point.id, "");
      const value = marks.get(key);
      const pick = (v) => () => send(round, "cast_vote", { point: point.id, value: value === v ? null : v }, [key]);
      const yes = ui.el("button", { class: "button", type: "button", "aria-pressed": String(value === 1), onclick: pick(1), text: ui.t("vote.yes") });
      yes.disabled = value !== 1 && budget(round, marks).full;
      if (yes.disabled) yes.setAttribute("aria-describedby", "vote-reason");
      return [[key], ui.el("div", { class: "segmented" }, [
        yes,
        ui.el("button", { class: "button", type: "button", "aria-pressed": String(value === 0), onclick: pick(0), text: ui.t("vote.no") }),
      ])];
    },
    dots(round, point, marks) {
      const key = markKey(round.id, point.id, "");
      const value = marks.get(key) || 0;
      const step = (d) => () => send(round, "cast_vote", { point: point.id, delta: d }, [key]);
      const minus = ui.el("button", { class: "button", type: "button", "aria-label": ui.t("vote.remove_dot"), onclick: step(-1), text: "−" });
      minus.disabled = !value;
      const plus = ui.el("button", { class: "button", type: "button", "aria-label": ui.t("vote.add_dot"), onclick: step(1), text: "+" });
      const cap = round.rules.per_point_cap;
      const capped = cap && value >= cap;
      plus.disabled = capped || budget(round, marks).full;
      const why = capped ? ui.el("p", { class: "vote-reason", id: "why-" + point.id, text: ui.t("vote.reason.cap", { n: ui.num(cap) }) }) : null;
      if (why) plus.setAttribute("aria-describedby", why.id);
      else if (plus.disabled) plus.setAttribute("aria-describedby", "vote-reason");
      return [[key], ui.el("div", {}, [ui.el("div", { class: "stepper" }, [
        minus,
        ui.el("span", { class: "dots", "data-role": "dot-count", text: ui.num(value) }),
        plus,
      ]), why].filter(Boolean))];
    },
    scores(round, point, marks) {
      const rules = round.rules;
      const keys = [];
      const rows = rules.criteria.map((c) => {
        const key = markKey(round.id, point.id, c.key);
        keys.push(key);
        const value = marks.get(key);
        const buttons = [];
        for (let s = rules.score_min; s <= rules.score_max; s++) {
          buttons.push(ui.el("button", { class: "button", type: "button", "aria-pressed": String(value === s),
            onclick: () => send(round, "cast_vote", { point: point.id, criterion: c.key, value: s }, [key]), text: ui.num(s) }));
        }
        return ui.el("div", { class: "criterion" }, [ui.el("span", { class: "small", text: ui.lang() === "fa" ? c.fa : c.en }),
          ui.el("div", { class: "segmented scale" }, buttons)]);
      });
      return [keys, ui.el("div", {}, rows)];
    },
    ranking(round, point, marks) {
      const key = round.id + ":rank";
      const order = rankingOrder(round, marks);
      const at = order.indexOf(point.id);
      const toggle = () => {
        const next = at >= 0 ? order.filter((p) => p !== point.id) : order.concat([point.id]).slice(0, round.rules.top_k);
        send(round, "cast_ranking", { ranking: next }, [key]);
      };
      const label = at >= 0 ? ui.t("vote.rank", { n: ui.num(at + 1) }) : "+";
      const button = ui.el("button", { class: "button rank-button", type: "button", "aria-pressed": String(at >= 0),
        onclick: toggle, text: label });
      button.disabled = at < 0 && order.length >= round.rules.top_k;
      if (button.disabled) button.setAttribute("aria-describedby", "vote-reason");
      return [at >= 0 ? [key] : [], button];   // the ranking's state shows on ranked points
    },
  };



  // The bar: what is left, whether the last marks are saved, and why a control rests.
  function renderBar(round, marks) {
    const b = budget(round, marks);
    $("vote-bar").hidden = false;
    $("vote-left").textContent = b.text;
    const all = Array.from(marks.keys()).concat(pendingFor(round.id).flatMap((i) => itemKeys(round, i)), [round.id + ":rank"]);
    const state = statusOf(round, all);
    const saved = $("vote-saved");
    saved.dataset.status = state;
    const text = state === "saved" ? ui.t("vote.status.saved") + " ✓" : state ? ui.t("vote.status." + state) : "";
    if (saved.textContent !== text) saved.textContent = text;
    const reason = $("vote-reason");
    reason.textContent = b.full ? b.why : "";
    reason.hidden = !(b.full && b.why);
  }

  function renderBallot(round) {
    const marks = displayed(round);
    $("vote-title").textContent = round.title || ui.t("vote.round", { n: ui.num(round.number) });
    $("vote-help").textContent = help(round);
    $("vote-privacy").textContent = ui.t(round.anonymous ? "vote.anonymous" : "vote.named");
    renderBar(round, marks);
    const list = ui.clear($("vote-points"));
    round.points.forEach((point) => {
      const [keys, control] = controls[round.method](round, point, marks);
      const item = ui.el("li", { class: "vote-point card", "data-point": point.id }, [
        ui.el("p", { class: "vote-point-title" }, [ui.bdi(point.title)]), control]);
      const state = badge(statusOf(round, keys), keys);
      if (state) item.appendChild(state);
      list.appendChild(item);
    });
  }

  function latestResults() {
    const closed = view.rounds.filter((r) => r.status === "closed" && !r.results_hidden);
    return closed.length ? view.results[closed[0].id] : null;
  }

  function render() {
    const round = current();
    const results = round ? view.results[round.id] : latestResults();
    root.hidden = !round && !results;
    ui.clear($("vote-points"));
    if (round) renderBallot(round);
    else if (results) {
      $("vote-title").textContent = results.round.title || ui.t("vote.round", { n: ui.num(results.round.number) });
      $("vote-help").textContent = ui.t("vote.round_closed");
      $("vote-privacy").textContent = "";
    }
    if (!round) $("vote-bar").hidden = true;
    const box = $("vote-results");
    // Results first once voting is over; under the ballot while a round is open.
    if (round) $("vote-points").after(box); else $("vote-points").before(box);
    const show = results && !results.hidden && !(round && round.results_hidden);
    box.hidden = !show;
    if (show) H.votingCharts.render(box, results, { detail: false });
    if (H.phone) H.phone.status();
  }

  function upsert(info) {
    const i = view.rounds.findIndex((r) => r.id === info.id);
    if (info.status === "deleted") { if (i >= 0) view.rounds.splice(i, 1); return; }
    if (i >= 0) view.rounds[i] = info; else view.rounds.unshift(info);
  }

  client.on("snapshot", (snap) => {
    const v = snap.voting || {};
    view.rounds = v.rounds || [];
    view.results = H.votingCharts.fromSnapshot(v);
    Object.values(v.mine || {}).forEach((state) => state && adopt(state));
    client.pendingOps().forEach((i) => { view.seen[i.payload.op] = view.seen[i.payload.op] || Date.now(); });
    render();
  });
  client.on("round_changed", (data) => { upsert(data.round); render(); });
  client.on("round_results", (data) => { view.results[data.round.id] = data; render(); });
  client.on("ballot_saved", (data) => { adopt(data); render(); });
  client.on("outbox_ack", ({ item, ack }) => {
    const round = view.rounds.find((r) => r.id === item.payload.round);
    if (round) settle(round.id, itemKeys(round, item), ack);
  });
  client.on("connection", () => render());
  // The phone's one status line: no open round, voted, round closed.
  if (H.phone) H.phone.addLine(() => {
    const stage = client.state && client.state.workshop ? client.state.workshop.stage : "";
    const round = current();
    if (round) return displayed(round).size ? ui.t("vote.line.voted") : stage === "vote" ? ui.t("vote.line.open") : "";
    const closed = view.rounds.some((r) => r.status === "closed");
    if (stage === "vote") return closed ? ui.t("vote.line.closed") : ui.t("vote.no_round");
    return stage === "results" && closed ? ui.t("vote.line.closed") : "";
  });
  setInterval(() => { if (current() && pendingFor(current().id).length) render(); }, 1000);
  H.voting = { view: view, render: render, retry: retry };
})();
