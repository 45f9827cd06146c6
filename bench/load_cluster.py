"""Two app processes + Redis + PostgreSQL behind nginx against one process, same run.

Both set-ups run the deployment of docs/deployment.md (tests/cluster.py: nginx from
deploy/nginx.conf.template, PostgreSQL with fsync and synchronous_commit on, as in
production); the one-process set-up has no Redis, as a one-process deployment would not.
Scenarios (node load client, bench/vote_load_client.js, all phones through nginx):
  burst     — 300 phones × 20 votes, each sent when the previous is acked; 1 vs 2 processes,
              interleaved --repeats times: votes/s and the ratio of medians (target ≥ 1.5);
  rate      — 1,000 phones offered 200 votes/s for 15 s on 2 processes (ack p95 ≤ 150 ms);
  workshops — 10 workshops × 100 phones at workshop pace (votes 1–3 s apart) at once on
              2 processes (ack p95 ≤ 60 ms, result lag p95 ≤ 300 ms; worst workshop shown):
              every workshop's phones are connected before any of them votes.
Every acked vote must be stored exactly once. Prints one JSON summary as its last line.
Options: --repeats N (default 3), --quick (smaller, for a smoke run), --only SCENARIO...,
--slower MS... (the workshops again, phones voting MS ± 1,000 ms apart).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench.load_votes import _median, calibrate, run_node  # noqa: E402
from bench.vote_bench_app import PHONE_ENV, VotingRoom, add_phones  # noqa: E402
from tests.cluster import Cluster, missing_binaries  # noqa: E402
from tests.postgres import ThrowawayPostgres  # noqa: E402

DURABLE = ("max_connections=300",)  # PostgreSQL's own defaults: fsync, synchronous_commit on


class Deployment:
    """One cluster with voting rooms and prepared phones; runs scenarios through nginx."""

    def __init__(self, processes: int, pg_url: str, tmp: Path):
        env = dict(PHONE_ENV)
        if processes == 1:
            env["SOCKETIO_MESSAGE_QUEUE"] = ""  # one process needs no message queue
        tmp.mkdir(parents=True, exist_ok=True)
        self.cluster = Cluster(processes, pg_url, env, tmp).start()
        self.rooms: list[tuple[VotingRoom, list[str]]] = []

    def add_room(self, phones: int) -> tuple[VotingRoom, list[str]]:
        room = VotingRoom(self.cluster.front)
        cookies = add_phones(self.cluster.database_url, room.workshop["id"], phones)
        self.rooms.append((room, cookies))
        return self.rooms[-1]

    def processes(self) -> list[psutil.Process]:
        """The app processes, nginx (master and worker) and redis: what serves the load."""
        pids = [s.process.pid for s in self.cluster.servers.values()]
        pids.append(self.cluster.nginx.process.pid)
        procs = [psutil.Process(pid) for pid in pids]
        procs += procs[-1].children()
        if self.cluster.redis and len(self.cluster.servers) > 1:
            procs.append(psutil.Process(self.cluster.redis.process.pid))
        return procs

    def spec(self, room: VotingRoom, cookies: list[str], scenario: str, **extra) -> dict:
        return {"url": self.cluster.front.base_url, "target": "app", "scenario": scenario,
                "cookies": cookies, "workshop": room.workshop["id"],
                "round": room.new_round(), "points": room.points,
                "observer_cookie": room.staff.cookie_header(), **extra}

    def run(self, specs: list[dict], tmp: Path) -> list[dict]:
        """Run node load clients at once (one per spec); check acked == stored per round.

        Several clients connect all their phones first and then start voting together."""
        procs = self.processes()
        if len(specs) > 1:
            specs = together(specs, tmp)
        with ThreadPoolExecutor(len(specs) + 1) as pool:
            running = [pool.submit(run_node, spec, tmp) for spec in specs]
            if len(specs) > 1:
                wait_ready(specs, running)
            for proc in procs:
                proc.cpu_percent()
            psutil.cpu_percent()
            results = [job.result() for job in running]
        cpu = {f"{p.name()}:{p.pid}": p.cpu_percent() for p in procs}
        machine = psutil.cpu_percent() * psutil.cpu_count()
        for spec, result in zip(specs, results, strict=True):
            ops = result.pop("ops")
            stored = self.stored_ops(spec["round"])
            result["stored_once"] = sorted(stored) == sorted(ops)
            result["cpu_pct_total"] = round(sum(cpu.values()))
            result["cpu_pct"] = {name: round(pct) for name, pct in cpu.items()}
            result["machine_cpu_pct"] = round(machine)  # every process, of 100 × cores
        return results

    def stored_ops(self, round_id: int) -> list[str]:
        from tests.live_voting import stored_ops

        return stored_ops(self.cluster.database_url, round_id)

    def stop(self) -> None:
        self.cluster.stop()


def together(specs: list[dict], tmp: Path) -> list[dict]:
    """Specs whose clients wait for one go file after their phones are connected."""
    go = tmp / f"go-{time.monotonic_ns()}"
    return [spec | {"ready_file": str(go) + f".ready{i}", "go_file": str(go)}
            for i, spec in enumerate(specs)]


def wait_ready(specs: list[dict], running: list, timeout: float = 600) -> None:
    """Start every client's voting once all are connected (or one has failed)."""
    deadline = time.monotonic() + timeout
    while not all(Path(s["ready_file"]).exists() for s in specs):
        if any(job.done() for job in running) or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    Path(specs[0]["go_file"]).touch()


def burst(deployment: Deployment, phones: int, votes: int, tmp: Path) -> dict:
    room, cookies = deployment.rooms[0]
    spec = deployment.spec(room, cookies[:phones], "burst", votes=votes)
    return deployment.run([spec], tmp)[0]


def workshops(deployment: Deployment, votes: int, tmp: Path,
              think_ms: tuple[int, int] = (1000, 3000)) -> dict:
    """Every room at workshop pace at once; the worst and the median workshop."""
    specs = [deployment.spec(room, cookies, "pace", votes=votes, think_ms=list(think_ms))
             for room, cookies in deployment.rooms[1:]]
    results = deployment.run(specs, tmp)
    p95 = [r["ack_ms"]["p95"] for r in results]
    lag = [r["lag_ms"]["p95"] for r in results if r["lag_ms"]["p95"] is not None]
    return {"workshops": len(results), "phones": sum(r["phones"] for r in results),
            "think_ms": list(think_ms),
            "votes_per_s": sum(r["votes_per_s"] for r in results),
            "acked": sum(r["acked"] for r in results),
            "errors": sum(r["errors"] for r in results),
            "ack_p95_ms": {"worst": max(p95), "median": _median(p95)},
            "ack_p50_ms_median": _median([r["ack_ms"]["p50"] for r in results]),
            "lag_p95_ms": {"worst": max(lag) if lag else None, "median": _median(lag)},
            "ack_p95_ms_by_second": _by_second([r["ack_p95_ms_by_second"] for r in results]),
            "stored_once": all(r["stored_once"] for r in results),
            "cpu_pct_total": results[0]["cpu_pct_total"],
            "machine_cpu_pct": results[0]["machine_cpu_pct"]}


def _by_second(series: list[list]) -> list:
    """Each second's ack p95, the median over the workshops (where the tail is in time)."""
    seconds = max(len(s) for s in series)
    return [_median([s[i] for s in series if i < len(s) and s[i] is not None])
            for i in range(seconds)]


def _postgres(stack) -> str:
    given = os.environ.get("TEST_DATABASE_URL")
    if given:
        return given
    cluster = ThrowawayPostgres(settings=DURABLE).start()
    stack.append(cluster)
    return cluster.url


def measure(options, tmp: Path, report: dict) -> None:
    phones, votes, big, rooms = (100, 10, 300, 3) if options.quick else (300, 20, 1000, 10)
    started: list = []
    try:
        pg_url = _postgres(started)
        two = Deployment(2, pg_url, tmp / "two")
        started.append(two)
        two.add_room(big)
        if "burst" in options.only:
            one = Deployment(1, pg_url, tmp / "one")
            started.append(one)
            one.add_room(phones)
            bursts(one, two, options.repeats, phones, votes, tmp, report)
        if "rate" in options.only:
            report["rate"] = burst_rate(two, big, tmp)
        if "workshops" in options.only:
            for _ in range(rooms):
                two.add_room(big // rooms)
            report["calibration_ms"].append(calibrate())
            report["workshops"] = workshops(two, max(votes // 2, 5), tmp)
            for think in options.slower:  # the same rooms at slower paces: where acks stay fast
                report[f"workshops_{think}ms"] = workshops(
                    two, max(votes // 2, 5), tmp, (think - 1000, think + 1000))
    finally:
        for part in reversed(started):
            part.stop()


def bursts(one, two, repeats: int, phones: int, votes: int, tmp: Path, report: dict) -> None:
    """1 and 2 processes, interleaved: votes/s and the ratio of medians."""
    ones, twos = [], []
    for _ in range(repeats):
        report["calibration_ms"].append(calibrate())
        ones.append(burst(one, phones, votes, tmp))
        twos.append(burst(two, phones, votes, tmp))
    report["burst_one_process"], report["burst_two_processes"] = ones, twos
    rate_one = _median([b["votes_per_s"] for b in ones])
    rate_two = _median([b["votes_per_s"] for b in twos])
    report["burst_ratio"] = round(rate_two / rate_one, 2) if rate_one else None


def burst_rate(deployment: Deployment, phones: int, tmp: Path) -> dict:
    room, cookies = deployment.rooms[0]
    spec = deployment.spec(room, cookies[:phones], "rate", rate=200, seconds=15)
    return deployment.run([spec], tmp)[0]


def failures(report: dict) -> list[str]:
    runs = {"burst": report.get("burst_one_process", []) + report.get("burst_two_processes", []),
            "rate": [report["rate"]] if "rate" in report else [],
            "workshops": [v for k, v in report.items() if k.startswith("workshops")]}
    return [name for name, results in runs.items()
            if any(not r["stored_once"] or r["errors"] for r in results)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--slower", nargs="*", type=int, default=[],
                        help="also run the workshops at these mean ms between a phone's votes")
    parser.add_argument("--only", nargs="+", default=["burst", "rate", "workshops"],
                        choices=["burst", "rate", "workshops"])
    options = parser.parse_args()
    missing = missing_binaries(postgres="TEST_DATABASE_URL" not in os.environ)
    if missing:
        print(json.dumps({"name": "cluster", "skipped": f"not installed: {missing}"}))
        return
    report: dict = {"name": "2 processes + Redis + PostgreSQL behind nginx vs 1",
                    "cores": psutil.cpu_count(), "load_avg": os.getloadavg()[0],
                    "calibration_ms": [calibrate()]}
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="hamandishi-cluster-bench-") as tmp:
        measure(options, Path(tmp), report)
    report["seconds"] = round(time.monotonic() - started)
    report["load_avg_end"] = os.getloadavg()[0]
    report["failed"] = failures(report)
    print(json.dumps(report, ensure_ascii=False))
    sys.exit(1 if report["failed"] else 0)


if __name__ == "__main__":
    main()
