"""Fuzz every socket event (≥ 2,000 Hypothesis examples each) and every route (issue 11).

Runs the property of tests/fuzzing.py at benchmark scale on a fresh SQLite database and prints
one JSON line: examples sent, seconds, and the failures found (the pass figure is zero
unhandled errors, zero `internal` acks and zero 5xx). FUZZ_EXAMPLES / FUZZ_ROUTE_EXAMPLES
change the counts (defaults 2000 and 200); FUZZ_ONLY=cast_vote,move_stage limits the events.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

TIMEOUT_SECONDS = 7200  # ~35 events × 2,000 examples at 20–60 ms each on the 2-core machine
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HAMANDISHI_CONFIG", "testing")


def _app(directory: str):
    from flask_migrate import upgrade

    from config import TestingConfig
    from workshop import create_app

    config = type("FuzzConfig", (TestingConfig,), {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{directory}/fuzz.sqlite3",
        "SOCKET_COMMANDS_PER_SECOND": 10**6, "JOIN_ATTEMPTS_PER_MINUTE": 10**6})
    app = create_app(config)
    with app.app_context():
        upgrade()
    return app


def main() -> int:
    from tests.fuzzing import build_rig, fuzz_route, fuzz_socket_event, quiet_logs, route_cases
    from workshop.realtime.commands import COMMANDS, QUERIES

    examples = int(os.environ.get("FUZZ_EXAMPLES", "2000"))
    route_examples = int(os.environ.get("FUZZ_ROUTE_EXAMPLES", "200"))
    only = [e for e in os.environ.get("FUZZ_ONLY", "").split(",") if e]
    events = only or sorted({*COMMANDS, *QUERIES, "snapshot"})
    failures: list[str] = []
    started = time.monotonic()
    shm = "/dev/shm" if os.path.isdir("/dev/shm") else None  # fsyncs cost nothing there
    with tempfile.TemporaryDirectory(dir=shm) as directory:
        app = _app(directory)
        quiet_logs()
        rig = build_rig(app)
        for event in events:
            try:
                fuzz_socket_event(rig, event, examples)
            except Exception as error:  # noqa: BLE001 - reported, then the next event runs
                failures.append(f"{event}: {str(error)[:300]}")
        if not only:
            for rule, methods in route_cases(app):
                try:
                    fuzz_route(rig, rule, methods, route_examples)
                except Exception as error:  # noqa: BLE001
                    failures.append(f"{rule.rule}: {str(error)[:300]}")
    print(json.dumps({"events": len(events), "examples_per_event": examples,
                      "socket_messages": rig.counts["socket"], "http_requests": rig.counts["http"],
                      "failures": len(failures), "seconds": round(time.monotonic() - started, 1),
                      "failed": failures[:20]}, ensure_ascii=False))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
