"""Which production server: the reference `run.py` or gunicorn's gevent-websocket worker?

Not run by `make bench` (it needs gunicorn, which the project does not install): the one-off
measurement behind the choice in docs/deployment.md. Both serve the same SQLite database
(synchronous=FULL) in turn, one process each, interleaved: burst (300 phones × 20 votes, as
fast as acks allow) and rate (1,000 phones offered 200 votes/s for 15 s).
Usage: PYTHONPATH=<dir with gunicorn> .venv/bin/python bench/compare_servers.py [--repeats N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import psutil
import requests

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench.load_votes import Bench, calibrate, stop  # noqa: E402
from bench.vote_bench_app import PHONE_ENV  # noqa: E402
from tests.live_setup import ROOT, server_env  # noqa: E402
from tests.postgres import free_port  # noqa: E402

GUNICORN = ["-m", "gunicorn", "-w", "1", "-k",
            "geventwebsocket.gunicorn.workers.GeventWebSocketWorker",
            "--worker-connections", "10000", "--log-level", "warning"]


def start_gunicorn(database_url: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = server_env(database_url, PHONE_ENV | {"SQLITE_SYNCHRONOUS": "FULL"})
    process = subprocess.Popen([sys.executable, *GUNICORN, "-b", f"127.0.0.1:{port}",
                                "workshop:create_app()"], cwd=ROOT, env=env,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if requests.get(url + "/healthz", timeout=1).ok:
                return process, url
        except requests.RequestException:
            time.sleep(0.1)
    stop(process)
    raise RuntimeError("gunicorn did not start")


def on(bench: Bench, url: str, pid: int, scenario: str, phones: int, **extra) -> dict:
    """Run a scenario against another server on the same database and room."""
    saved = bench.server, bench.proc
    bench.server = SimpleNamespace(base_url=url, database_url=saved[0].database_url)
    bench.proc = psutil.Process(pid)
    try:
        return bench.app(scenario, phones, **extra)
    finally:
        bench.server, bench.proc = saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=2)
    options = parser.parse_args()
    report: dict = {"name": "run.py vs gunicorn", "calibration_ms": [calibrate()]}
    with tempfile.TemporaryDirectory(prefix="hamandishi-servers-") as tmp:
        bench = Bench(Path(tmp), 1000, "FULL")
        process, url = start_gunicorn(bench.server.database_url)
        worker = psutil.Process(process.pid).children()[0].pid
        try:
            for n in range(options.repeats):
                report["calibration_ms"].append(calibrate())
                report[f"burst_runpy_{n}"] = bench.app("burst", 300, votes=20)
                report[f"burst_gunicorn_{n}"] = on(bench, url, worker, "burst", 300, votes=20)
            report["rate_runpy"] = bench.app("rate", 1000, rate=200, seconds=15)
            report["rate_gunicorn"] = on(bench, url, worker, "rate", 1000, rate=200, seconds=15)
        finally:
            stop(process)
            bench.close()
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
