"""Vote load against the real app (`python run.py`, gevent) and a bare Flask-SocketIO reference.

Scenarios (node socket.io-client load generator, bench/vote_load_client.js):
  pace  — 300 phones × 20 votes, 1–3 s apart: ack p95, projector result lag p95, stored once;
  burst — 300 phones × 20 votes as fast as each ack allows: votes/s, app ÷ bare (interleaved);
  rate  — 1000 connected phones, 200 votes/s for 15 s: ack p95, every phone gets results, RSS.
Prints one JSON summary as its last line. Options: --repeats N (burst pairs, default 2),
--quick (fewer phones and votes, for a smoke run).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
# LOAD_CLIENT_NICE=10: the load clients stand in for phones, which bring their own CPUs; niced,
# they take what the server leaves instead of competing with it (both figures are reported).
NICE = ["nice", "-n", os.environ["LOAD_CLIENT_NICE"]] if os.environ.get("LOAD_CLIENT_NICE") else []
sys.path.insert(0, str(ROOT))

from bench.vote_bench_app import VotingRoom, add_phones, start_app  # noqa: E402
from tests.postgres import free_port  # noqa: E402


def calibrate() -> float:
    """Milliseconds for a fixed CPU loop: how fast the machine is right now."""
    start = time.perf_counter()
    total = 0
    for i in range(2_000_000):
        total += i * i
    return round((time.perf_counter() - start) * 1000, 1)


def run_node(spec: dict, tmp: Path) -> dict:
    path = tmp / f"spec-{time.monotonic_ns()}.json"
    out = path.with_suffix(".out.json")
    path.write_text(json.dumps(spec | {"out": str(out)}))
    done = subprocess.run([*NICE, "node", str(BENCH / "vote_load_client.js"), str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=900)
    if done.returncode:
        raise RuntimeError(f"load client failed: {done.stderr[-2000:]}")
    return json.loads(out.read_text())


def start_bare(tmp: Path, sync: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = os.environ | {"BARE_DB": str(tmp / f"bare-{port}.sqlite3"), "PORT": str(port),
                        "BARE_SYNC": sync}
    process = subprocess.Popen([sys.executable, str(BENCH / "vote_bare_server.py")], cwd=ROOT,
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, start_new_session=True)
    assert "ready" in process.stdout.readline()
    return process, f"http://127.0.0.1:{port}"


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()


class Bench:
    """Holds the app server, its room and phones, and runs scenarios on app or bare."""

    def __init__(self, tmp: Path, phones: int, sync: str):
        self.tmp, self.sync = tmp, sync
        self.server, _ = start_app(tmp, sync)
        self.room = VotingRoom(self.server)
        self.cookies = add_phones(self.server.database_url, self.room.workshop["id"], phones)
        self.observer = self.room.staff.cookie_header()
        self.proc = psutil.Process(self.server.process.pid)

    def app(self, scenario: str, phones: int, new_round: bool = True, **extra) -> dict:
        round_id = self.room.new_round() if new_round else self.room.round
        spec = {"url": self.server.base_url, "target": "app", "scenario": scenario,
                "cookies": self.cookies[:phones], "workshop": self.room.workshop["id"],
                "round": round_id, "points": self.room.points,
                "observer_cookie": self.observer, **extra}
        self.proc.cpu_percent()
        result = run_node(spec, self.tmp)
        result["server_cpu_pct"] = self.proc.cpu_percent()
        result["rss_mb"] = round(self.proc.memory_info().rss / 2**20)
        ops = result.pop("ops")
        stored = self.room.stored_ops()
        result["stored_once"] = sorted(stored) == sorted(ops) and len(stored) == len(set(stored))
        return result

    def bare(self, scenario: str, phones: int, **extra) -> dict:
        process, url = start_bare(self.tmp, self.sync)
        try:
            spec = {"url": url, "target": "bare", "scenario": scenario,
                    "cookies": [""] * phones, "observer_cookie": "", **extra}
            result = run_node(spec, self.tmp)
            result.pop("ops")
            result["rss_mb"] = round(psutil.Process(process.pid).memory_info().rss / 2**20)
            return result
        finally:
            stop(process)

    def close(self) -> None:
        self.server.stop()


def _median(values):
    values = sorted(v for v in values if v is not None)
    return values[len(values) // 2] if values else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--sync", default="FULL", choices=("FULL", "NORMAL"),
                        help="SQLite synchronous setting for both servers (the app ships FULL)")
    options = parser.parse_args()
    small, big, votes = (60, 200, 5) if options.quick else (300, 1000, 20)
    report: dict = {"name": f"votes (SQLite synchronous={options.sync})",
                    "calibration_ms": [calibrate()]}
    with tempfile.TemporaryDirectory(prefix="hamandishi-votes-") as tmp:
        bench = Bench(Path(tmp), big, options.sync)
        try:
            report["pace"] = bench.app("pace", small, votes=votes)
            report["pace_bare"] = bench.bare("pace", small, votes=votes)
            bursts, bares = [], []
            for _ in range(options.repeats):
                report["calibration_ms"].append(calibrate())
                bursts.append(bench.app("burst", small, votes=votes))
                bares.append(bench.bare("burst", small, votes=votes))
            report["burst"], report["burst_bare"] = bursts, bares
            app_rate = _median([b["votes_per_s"] for b in bursts])
            bare_rate = _median([b["votes_per_s"] for b in bares])
            report["burst_ratio"] = round(app_rate / bare_rate, 2) if bare_rate else None
            report["rate"] = bench.app("rate", big, rate=200, seconds=15)
            report["rate_bare"] = bench.bare("rate", big, rate=200, seconds=15)
        finally:
            bench.close()
    failed = [k for k in ("pace", "rate") if not report[k]["stored_once"] or report[k]["errors"]]
    failed += ["burst"] if any(not b["stored_once"] or b["errors"] for b in report["burst"]) else []
    report["failed"] = failed
    print(json.dumps(report, ensure_ascii=False))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
