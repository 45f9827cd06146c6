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
The bare reference (bench/deployments.py: the bare Flask-SocketIO server in the same shape —
same nginx, Redis and PostgreSQL, one transaction a vote) runs the burst (1 vs 2 processes,
interleaved) and the workshops (after the app's) in the same run: `bare_burst_ratio` says what
a second process gives the bare stack on this machine, `workshops_bare` what the bare stack's
acks and tallies take with these 1,000 phones, and `workshops_ack_p95_vs_bare` the app's
median workshop ack p95 ÷ the bare stack's.
Every acked vote must be stored exactly once. Prints one JSON summary as its last line.
Options: --repeats N (default 3), --quick (smaller, for a smoke run), --only SCENARIO...,
--slower MS... (the workshops again, phones voting MS ± 1,000 ms apart), --no-bare.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import psutil

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench.deployments import BareDeployment, Deployment  # noqa: E402
from bench.load_votes import _median, calibrate  # noqa: E402
from tests.cluster import missing_binaries  # noqa: E402
from tests.postgres import ThrowawayPostgres  # noqa: E402

DURABLE = ("max_connections=300",)  # PostgreSQL's own defaults: fsync, synchronous_commit on


def burst(deployment: Deployment, phones: int, votes: int, tmp: Path) -> dict:
    room, cookies = deployment.rooms[0]
    spec = deployment.spec(room, cookies[:phones], "burst", votes=votes)
    return deployment.run([spec], tmp)[0]


def workshops(deployment: Deployment, rooms: int, votes: int, tmp: Path,
              think_ms: tuple[int, int] = (1000, 3000)) -> dict:
    """The last `rooms` rooms at workshop pace at once; the worst and the median workshop."""
    specs = [deployment.spec(room, cookies, "pace", votes=votes, think_ms=list(think_ms))
             for room, cookies in deployment.rooms[-rooms:]]
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

        def deploy(kind, processes: int, name: str, *sizes: int):
            started.append(kind(processes, pg_url, tmp / name))
            for size in sizes:
                started[-1].add_room(size)
            return started[-1]

        two = deploy(Deployment, 2, "two", big)
        if "burst" in options.only:
            bursts(deploy(Deployment, 1, "one", phones), two, options, phones, votes, report, "")
            if options.bare:
                bursts(deploy(BareDeployment, 1, "bare-one", phones),
                       deploy(BareDeployment, 2, "bare-two", phones),
                       options, phones, votes, report, "bare_")
        if "rate" in options.only:
            report["rate"] = burst_rate(two, big, tmp)
        if "workshops" in options.only:
            bare = deploy(BareDeployment, 2, "bare-rooms", *[big // rooms] * rooms) \
                if options.bare else None
            all_workshops(two, bare, rooms, big, max(votes // 2, 5), options, report)
    finally:
        for part in reversed(started):
            part.stop()


def all_workshops(two, bare, rooms: int, big: int, votes: int, options, report: dict) -> None:
    """The app's rooms at workshop pace, then (same run) the bare stack's, then slower paces."""
    tmp = two.cluster.tmp
    for _ in range(rooms):
        two.add_room(big // rooms)
    report["calibration_ms"].append(calibrate())
    report["workshops"] = workshops(two, rooms, votes, tmp)
    if bare is not None:
        report["workshops_bare"] = workshops(bare, rooms, votes, tmp)
        app_p95 = report["workshops"]["ack_p95_ms"]["median"]
        report["workshops_ack_p95_vs_bare"] = round(
            app_p95 / report["workshops_bare"]["ack_p95_ms"]["median"], 2)
    for think in options.slower:  # the same rooms at slower paces: where acks stay fast
        report[f"workshops_{think}ms"] = workshops(two, rooms, votes, tmp,
                                                   (think - 1000, think + 1000))


def bursts(one, two, options, phones: int, votes: int, report: dict, prefix: str) -> None:
    """1 and 2 processes, interleaved: votes/s and the ratio of medians."""
    ones, twos = [], []
    tmp = two.cluster.tmp
    for _ in range(options.repeats):
        report["calibration_ms"].append(calibrate())
        ones.append(burst(one, phones, votes, tmp))
        twos.append(burst(two, phones, votes, tmp))
    report[f"{prefix}burst_one_process"], report[f"{prefix}burst_two_processes"] = ones, twos
    rate_one = _median([b["votes_per_s"] for b in ones])
    rate_two = _median([b["votes_per_s"] for b in twos])
    report[f"{prefix}burst_ratio"] = round(rate_two / rate_one, 2) if rate_one else None


def burst_rate(deployment: Deployment, phones: int, tmp: Path) -> dict:
    room, cookies = deployment.rooms[0]
    spec = deployment.spec(room, cookies[:phones], "rate", rate=200, seconds=15)
    return deployment.run([spec], tmp)[0]


def failures(report: dict) -> list[str]:
    runs = {f"{prefix}burst": report.get(f"{prefix}burst_one_process", [])
            + report.get(f"{prefix}burst_two_processes", []) for prefix in ("", "bare_")}
    runs["rate"] = [report["rate"]] if "rate" in report else []
    runs["workshops"] = [v for k, v in report.items()
                         if k.startswith("workshops") and isinstance(v, dict)]
    return [name for name, results in runs.items()
            if any(not r["stored_once"] or r["errors"] for r in results)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--slower", nargs="*", type=int, default=[],
                        help="also run the workshops at these mean ms between a phone's votes")
    parser.add_argument("--no-bare", dest="bare", action="store_false",
                        help="skip the bare stack's runs in the same shape (bench/deployments.py)")
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
