"""Reconnect storm: 1,000 phones connect at once, each until it holds a fresh snapshot.

The app (`python run.py`, SQLite synchronous=FULL) against the bare Flask-SocketIO reference
(join a room, send the current tally), interleaved in the same run. The first app storm is a
first connect (attendance rows written), the later ones are reconnects after everyone left
(the Wi-Fi came back). The workshop holds 3 rounds (2 closed, 1 open) throughout, so every
storm meets the same state (the snapshot carries each round's results). Both servers run for
the whole benchmark, so each later storm meets what the earlier ones left behind (Engine.IO
keeps a closed socket until its ping task wakes).
Target: app ≤ 1.5× bare (median of the pairs). Prints one JSON summary as its last line.
Options: --phones N (default 1000), --repeats N (default 3).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from bench.load_votes import Bench, _median, calibrate, run_node, start_bare, stop  # noqa: E402

ROUNDS = 3  # voting rounds held before the storms (two closed, one open), as mid-workshop


def wait_all_left(database_url: str, workshop_id: int, timeout: float = 60) -> float:
    """Seconds until the server has noted every phone's leave (the storm starts from empty)."""
    engine, start = sa.create_engine(database_url), time.monotonic()
    query = sa.text("SELECT COUNT(*) FROM participant WHERE workshop_id = :w "
                    "AND joined_at IS NOT NULL AND left_at IS NULL")
    try:
        while time.monotonic() - start < timeout:
            with engine.connect() as conn:
                if conn.execute(query, {"w": workshop_id}).scalar() <= 1:  # the proposer
                    return round(time.monotonic() - start, 2)
            time.sleep(0.2)
        raise RuntimeError("phones still counted in the room after the storm")
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--phones", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    options = parser.parse_args()
    report: dict = {"name": f"reconnect storm ({options.phones} phones at once)",
                    "calibration_ms": [calibrate()]}
    storm = {"inflight": options.phones}
    with tempfile.TemporaryDirectory(prefix="hamandishi-storm-") as tmp:
        bench = Bench(Path(tmp), options.phones, "FULL")
        bare, bare_url = start_bare(Path(tmp), "FULL")
        bare_spec = {"url": bare_url, "target": "bare", "scenario": "storm",
                     "cookies": [""] * options.phones, "observer_cookie": "", **storm}
        try:
            for _ in range(ROUNDS):  # a workshop under way: every storm meets the same rounds
                bench.room.new_round()
            apps, bares = [], []
            for _ in range(options.repeats):
                apps.append(bench.app("storm", options.phones, new_round=False, **storm))
                apps[-1]["leaves_noted_s"] = wait_all_left(
                    bench.server.database_url, bench.room.workshop["id"])
                bares.append(run_node(bare_spec, Path(tmp)))
                time.sleep(apps[-1]["leaves_noted_s"])  # the bare server's leaves, likewise
                report["calibration_ms"].append(calibrate())
        finally:
            stop(bare)
            bench.close()
    app_s = _median([a["connect_s"] for a in apps])
    bare_s = _median([b["connect_s"] for b in bares])
    report |= {"app_s": [a["connect_s"] for a in apps], "bare_s": [b["connect_s"] for b in bares],
               "leaves_noted_s": [a["leaves_noted_s"] for a in apps],
               "app_rss_mb": max(a["rss_mb"] for a in apps),
               "ratio": round(app_s / bare_s, 2) if bare_s else None}
    report["failed"] = [] if all(a["phones"] == options.phones for a in apps) else ["storm"]
    print(json.dumps(report, ensure_ascii=False))
    sys.exit(1 if report["failed"] else 0)


if __name__ == "__main__":
    main()
