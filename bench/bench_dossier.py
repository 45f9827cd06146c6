"""Dossier benchmark: vote acks of a live workshop while programme dossiers build back to back.

A programme seeded like the demo (bench_register's generator at a smaller scale) plus one live
workshop of the same programme with an open approval round, served by the real server
(`run.py`, gevent, SQLite). 30 phones vote at workshop pace (1–3 s think time); phase 1 is
idle, phase 2 runs while a logged-in planner downloads the dossier PDF over HTTP back to back
(each download is a full build, database reads included, in the niced PDF worker pool).
Reports ack p50/p95 of both phases, their p95 ratio (target ≤ 1.5×), dossier seconds, and
whether every acked vote is stored exactly once.

Run: .venv/bin/python bench/bench_dossier.py [--seconds N] [--small]  (one JSON line last)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_minutes as minutes  # noqa: E402  (server start, seed helpers, percentiles)

TIMEOUT_SECONDS = 900
PHONES, PASSWORD, PLANNER = 30, "correct horse battery", "planner@example.org"


def _shape(small: bool):
    from workshop.register.seed import Shape

    return Shape(workshops_per_phase=2 if small else 6, points=100 if small else 250,
                 participants=30, rounds=3, ballot_points=12, link_share=0.9,
                 open_workshops=0, items_per_topic=6 if small else 25, districts=True)


def _live_workshop(db, program_id: int, facilitator) -> dict:
    """A workshop of the programme with 30 joined phones and an open approval round."""
    import sqlalchemy as sa

    from workshop.actors import Actor
    from workshop.models import Discipline, Program
    from workshop.workshops.services import create_workshop

    rng = random.Random(13)
    program = db.session.get(Program, program_id)
    w = create_workshop(Actor(user=facilitator), {
        "title": "کارگاه زنده " + minutes.phrase(rng, 3), "program_id": program.id,
        "phase_id": program.phases[-1].id, "guiding_question": minutes.phrase(rng, 10)})
    disciplines = list(db.session.scalars(sa.select(Discipline.id).where(
        Discipline.program_id == program.id)))
    minutes.PEOPLE, minutes.POINTS, minutes.ANNOTATIONS = PHONES, 20, 40
    people, tokens = minutes._people(db, w.id, disciplines, rng)
    points = minutes._points(db, w.id, people, rng)
    live = minutes._round(db, w.id, 1, "approval", points, people, rng, status="open")
    return {"workshop": w.id, "tokens": tokens, "round": live.id,
            "points": [p.id for p in points]}


def seed(url: str, small: bool) -> dict:
    """The programme, a planner, and the live workshop; ids, tokens and row counts."""
    import sqlalchemy as sa

    from workshop.auth.services import create_user
    from workshop.extensions import db
    from workshop.models.register import ProgramMember
    from workshop.register.seed import build_programme

    app = minutes._app(url)
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        planner = create_user(PLANNER, "پریسا برنامه‌ریز", "facilitator", PASSWORD)
        program = build_programme(_shape(small), creator_id=planner.id)
        db.session.add(ProgramMember(program_id=program, user_id=planner.id, role="planner"))
        db.session.commit()
        info = _live_workshop(db, program, planner)
        info["program"] = program
        info["rows"] = {t: db.session.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar()
                        for t in ("focus_point", "register_item", "ballot", "workshop")}
    return info


class Phone(threading.Thread):
    """One phone casting approval votes with operation ids; records (latency, ok, op)."""

    def __init__(self, base, info, token, stop, sink):
        super().__init__(daemon=True)
        import socketio

        self.sio = socketio.Client(reconnection=False, request_timeout=60)
        self.base, self.info, self.token, self.stop, self.sink = base, info, token, stop, sink
        self.ready = threading.Event()

    def run(self):
        wid = self.info["workshop"]
        # websocket-client sends the server's own Origin; adding one here would be refused.
        self.sio.connect(self.base, namespaces=["/live"], transports=["websocket"],
                         headers={"Cookie": f"hmp_{wid}={self.token}"},
                         auth={"workshop": wid, "view": "phone"}, wait_timeout=120)
        self.ready.set()
        rng = random.Random(self.token)
        while not self.stop.is_set():
            op = uuid.uuid4().hex
            payload = {"workshop": wid, "op": op, "round": self.info["round"],
                       "point": rng.choice(self.info["points"]), "value": rng.randint(0, 1)}
            t0 = time.perf_counter()
            ack = self.sio.call("cast_vote", payload, namespace="/live", timeout=15)
            self.sink.append((time.perf_counter() - t0, bool(ack and ack.get("ok")), op))
            time.sleep(rng.uniform(1.0, 3.0))
        self.sio.disconnect()


def login(base: str):
    import requests

    session = requests.Session()
    page = session.get(f"{base}/login", timeout=60).text
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page)
    data = {"email": PLANNER, "password": PASSWORD}
    if token:
        data["csrf_token"] = token.group(1)
    session.post(f"{base}/login", data=data, allow_redirects=False, timeout=60)
    return session


def dossier_loop(base, program, stop, builds, failures):
    """The planner downloads the Persian dossier again and again (each one a full build)."""
    session = login(base)
    while not stop.is_set():
        t0 = time.perf_counter()
        response = session.get(f"{base}/staff/programmes/{program}/dossier.pdf?lang=fa",
                               timeout=300)
        if response.status_code == 200 and response.content.startswith(b"%PDF"):
            builds.append((time.perf_counter() - t0, len(response.content)))
        else:
            failures.append(response.status_code)
            time.sleep(1)


def measure(base, info, seconds, with_dossiers):
    """Acks after the warm-up, every ack (for the stored check), dossier builds, failures."""
    acks, builds, failures, stop = [], [], [], threading.Event()
    phones = [Phone(base, info, t, stop, acks) for t in info["tokens"]]
    for p in phones:
        p.start()
        p.ready.wait(timeout=120)
    time.sleep(1.5)
    start = len(acks)  # votes cast while the others connected do not count for latency
    builder = None
    if with_dossiers:
        builder = threading.Thread(target=dossier_loop, daemon=True,
                                   args=(base, info["program"], stop, builds, failures))
        builder.start()
    time.sleep(seconds)
    stop.set()
    for p in phones:
        p.join(timeout=20)
    if builder:
        builder.join(timeout=300)  # let the last dossier finish: it is counted
    return acks[start:], acks, builds, failures


def stored_once(url: str, info: dict, acks: list) -> dict:
    """Every acked operation is stored as exactly one ballot row."""
    from tests.live_voting import stored_ops

    stored = [op for op in stored_ops(url, info["round"]) if op]
    acked = [op for _, ok, op in acks if ok]
    return {"acked": len(acked), "stored": len(stored),
            "acked_equals_stored": sorted(acked) == sorted(stored)}


def phase(name: str, acks: list) -> dict:
    lat = [a for a, _, _ in acks]
    ok = sum(ok for _, ok, _ in acks)
    print(f"vote acks, {name}: n={len(lat)} ok={ok} p50={minutes.pct(lat, .5):.1f} ms "
          f"p95={minutes.pct(lat, .95):.1f} ms max={minutes.pct(lat, 1):.1f} ms", flush=True)
    return {"n": len(lat), "ok": ok, "p50": round(minutes.pct(lat, .5)),
            "p95": round(minutes.pct(lat, .95))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=40, help="length of each phase")
    parser.add_argument("--small", action="store_true", help="a much smaller programme")
    options = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-dossier-"))
    url = f"sqlite:///{tmp / 'bench.sqlite3'}"
    t0 = time.perf_counter()
    info = seed(url, options.small)
    print(f"seeded in {time.perf_counter() - t0:.1f} s: {info['rows']}", flush=True)
    load_before = round(os.getloadavg()[0], 1)
    port = minutes.free_port()
    server = minutes.start_server(url, port)
    base = f"http://127.0.0.1:{port}"
    try:
        quiet, all_quiet, _, _ = measure(base, info, options.seconds, with_dossiers=False)
        busy, all_busy, builds, failures = measure(base, info, options.seconds,
                                                   with_dossiers=True)
    finally:
        server.terminate()
        server.wait(timeout=10)
    summary = {"benchmark": "dossier while voting", "rows": info["rows"],
               "load_avg_before": load_before, "load_avg_after": round(os.getloadavg()[0], 1),
               "phase_s": options.seconds, "ack_ms_idle": phase("idle", quiet),
               "ack_ms_dossiers": phase("dossiers", busy)}
    idle, loaded = summary["ack_ms_idle"]["p95"], summary["ack_ms_dossiers"]["p95"]
    summary["ack_p95_ratio"] = round(loaded / idle, 2) if idle else None
    summary["dossiers"] = len(builds)
    summary["dossier_failures"] = failures
    if builds:
        summary["dossier_s"] = {"median": round(statistics.median(b for b, _ in builds), 1),
                                "max": round(max(b for b, _ in builds), 1),
                                "kib": builds[0][1] // 1024}
    summary.update(stored_once(url, info, all_quiet + all_busy))
    print(json.dumps(summary, ensure_ascii=False))
    bad = failures or not builds or not summary["acked_equals_stored"]
    sys.exit(1 if bad or summary["ack_p95_ratio"] is None else 0)


if __name__ == "__main__":
    main()
