"""The suite under load: browser and real-server tests while CPU hogs run beside them.

A test that waits for the ack or the event it needs (not a fixed sleep, not a short timeout)
only gets slower when the machine is busy. This runs a chosen set of browser and real-server
tests next to one busy-loop process per core plus the vote benchmark's load (`load_votes.py
--quick`, repeated), and fails if any test fails. Prints one JSON summary as its last line.
Options: --hogs N (busy loops, default: one per core), --no-votes, -k/--tests to choose.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load_votes import calibrate  # noqa: E402

TESTS = ["tests/voting/test_browser_voting.py", "tests/test_browser_spine.py",
         "tests/minutes/test_browser_minutes.py", "tests/test_realserver_reconnect.py",
         "tests/test_realserver_security.py", "tests/test_realserver_graceful_stop.py"]
BUSY = "import time\nend = time.time() + 3600\nwhile time.time() < end:\n    pass\n"


def start_hogs(count: int, votes: bool) -> list[subprocess.Popen]:
    hogs = [subprocess.Popen([sys.executable, "-c", BUSY]) for _ in range(count)]
    if votes:  # the vote benchmark, again and again, with its own servers and node clients
        loop = (f"while true; do {sys.executable} bench/load_votes.py --quick --repeats 1 "
                ">/dev/null 2>&1; done")
        hogs.append(subprocess.Popen(["bash", "-c", loop], cwd=ROOT, start_new_session=True))
    return hogs


def stop_hogs(hogs: list[subprocess.Popen]) -> None:
    for hog in hogs:
        if hog.args[0] == "bash":
            os.killpg(hog.pid, 15)  # the loop and the benchmark it is running
        else:
            hog.terminate()
        hog.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hogs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--no-votes", action="store_true")
    parser.add_argument("--tests", nargs="*", default=TESTS)
    options = parser.parse_args()
    quiet = calibrate()
    hogs = start_hogs(options.hogs, not options.no_votes)
    try:
        time.sleep(5)  # let the hogs take the cores before the tests start
        busy, started = calibrate(), time.monotonic()
        done = subprocess.run([sys.executable, "-m", "pytest", *options.tests, "-q",
                               "-p", "no:cacheprovider"], cwd=ROOT, capture_output=True,
                              text=True, timeout=3600)
        load = os.getloadavg()[0]
    finally:
        stop_hogs(hogs)
    tail = [line for line in done.stdout.splitlines() if line.strip()][-1:]
    print("\n".join(done.stdout.splitlines()[-15:]))
    summary = {"name": "suite under load", "tests": len(options.tests), "hogs": options.hogs,
               "vote_load": not options.no_votes, "calibration_ms": {"before": quiet,
               "during": busy}, "load_avg": round(load, 1),
               "seconds": round(time.monotonic() - started), "result": tail[0] if tail else "",
               "failed": done.returncode != 0}
    print(json.dumps(summary, ensure_ascii=False))
    sys.exit(1 if done.returncode else 0)


if __name__ == "__main__":
    main()
