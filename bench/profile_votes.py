"""Profile the app's vote path under load: py-spy samples the real server during a burst.

Usage: .venv/bin/python bench/profile_votes.py [--phones N] [--votes N] [--scenario burst|rate]
Writes collapsed stacks to bench/results/profile-votes.txt and prints the heaviest frames
(inclusive share of samples), so a change to the vote path can be judged by where time goes.
"""

from __future__ import annotations

import argparse
import collections
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench.load_reconnect import wait_all_left  # noqa: E402
from bench.load_votes import Bench  # noqa: E402


def summarise(path: Path, top: int = 45) -> None:
    """Inclusive sample share per function (a frame counted once per stack)."""
    inclusive: collections.Counter = collections.Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        n = int(count)
        total += n
        frames = {f.split(" (")[0] + " " + f.split("/")[-1].split(":")[0] for f in stack.split(";")}
        for frame in frames:
            inclusive[frame] += n
    for frame, n in inclusive.most_common(top):
        print(f"{100 * n / total:5.1f}%  {frame}")


# SPY_IDLE=1: sample idle time too (where a process that is not CPU-bound waits).
IDLE = ["--idle"] if os.environ.get("SPY_IDLE") else []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--phones", type=int, default=300)
    parser.add_argument("--votes", type=int, default=20)
    parser.add_argument("--scenario", default="burst", choices=("burst", "rate", "pace", "storm"))
    parser.add_argument("--before", type=int, default=0,
                        help="unprofiled runs of the scenario first (each opens a new round)")
    options = parser.parse_args()
    out = BENCH / "results" / "profile-votes.txt"
    with tempfile.TemporaryDirectory(prefix="hamandishi-prof-") as tmp:
        bench = Bench(Path(tmp), options.phones, "FULL")
        extra = {"storm": {"inflight": options.phones},
                 "rate": {"rate": 200, "seconds": 10}}.get(options.scenario,
                                                          {"votes": options.votes})
        for _ in range(options.before):
            bench.app(options.scenario, options.phones, **extra)
            if options.scenario == "storm":
                wait_all_left(bench.server.database_url, bench.room.workshop["id"])
        spy = subprocess.Popen(["py-spy", "record", "--pid", str(bench.proc.pid), "--rate", "200",
                                *IDLE, "--format", "raw", "--output", str(out)],
                               stdout=subprocess.DEVNULL)
        try:
            result = bench.app(options.scenario, options.phones, **extra)
            print({k: v for k, v in result.items() if not isinstance(v, (list, dict))})
        finally:
            spy.send_signal(signal.SIGINT)
            spy.wait(30)
            bench.close()
    summarise(out)


if __name__ == "__main__":
    main()
