"""Minutes benchmark: build time for a big workshop, and vote acks while PDFs are built.

1. In process: a workshop with 300 participants, 500 focus points, 2,000 annotations and
   3 closed rounds; time collecting the archive and building the Persian and English PDFs
   (goal: ≤ 3 s for collect + build).
2. Against the real server (`run.py`, gevent): 30 phones cast votes over websockets at a
   human-ish pace; acknowledgement latency without builds, then while a secretary
   has draft previews built back to back as the workspace does (change the summary, start the
   preview, follow its progress, download it): each is a full build in the worker pool.
   Target: vote ack p95 while building ≤ 1.5× idle.

Also reports the server process's own CPU seconds in each phase (from /proc), which the load
from other jobs on a shared machine does not change: with the preview's collection in the
worker, the server's extra CPU per preview is only the job's start, the polls and the download.

Run: .venv/bin/python bench/bench_minutes.py [--seconds N]  (N s per phase, default 20; about
two minutes; prints a table and one JSON line)
"""

from __future__ import annotations

import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PEOPLE, POINTS, ANNOTATIONS, PHONES, PASSWORD = 300, 500, 2000, 30, "correct horse battery"
WORDS = ("پیاده‌راه", "مترو", "هوا", "چهارباغ", "محله", "دوچرخه", "پارک", "آب", "Transit",
         "(Line 2)", "نوسازی", "۱۴۰۵", "ایمنی", "میراث", "بازار")


def phrase(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _app(url: str):
    os.environ["DATABASE_URL"] = url
    from workshop import create_app

    return create_app()


def _people(db, wid, disciplines, rng):
    from workshop.models import Participant, utcnow
    from workshop.workshops.codes import new_token, token_hash

    tokens, rows = [], []
    for i in range(PEOPLE):
        token = new_token()
        tokens.append(token)
        rows.append(Participant(workshop_id=wid, display_name=f"{phrase(rng, 2)} {i}",
                                discipline_id=rng.choice(disciplines), joined_at=utcnow(),
                                organisation=phrase(rng, 1), token_hash=token_hash(token)))
    db.session.add_all(rows)
    db.session.commit()
    return rows, tokens


def _points(db, wid, people, rng):
    from workshop.models.annotation import ANNOTATION_KINDS, Annotation
    from workshop.models.focus import FocusPoint

    points = [FocusPoint(workshop_id=wid, title=phrase(rng, 5)[:140], position=i,
                         author_id=rng.choice(people).id,
                         discipline_id=rng.choice(people).discipline_id) for i in range(POINTS)]
    db.session.add_all(points)
    db.session.flush()
    db.session.add_all([Annotation(
        workshop_id=wid, point_id=(p := rng.choice(points)).id, origin_point_id=p.id,
        author_id=(a := rng.choice(people)).id, discipline_id=a.discipline_id,
        kind=rng.choice(ANNOTATION_KINDS), body=phrase(rng, 12), pinned=rng.random() < 0.01)
        for _ in range(ANNOTATIONS)])
    db.session.commit()
    return points


def _round(db, wid, number, method, points, people, rng, status="closed"):
    from workshop.models.voting import DEFAULT_CRITERIA, RoundPoint, VoteRound

    extra = {"dots": {"budget": 10}, "scores": {"criteria": list(DEFAULT_CRITERIA),
             "matrix_x": "importance", "matrix_y": "feasibility"}}.get(method, {})
    rnd = VoteRound(workshop_id=wid, number=number, title=f"دور {number}", method=method,
                    status="draft", anonymous=number == 3, **extra)
    rnd.points = [RoundPoint(point_id=p.id, position=i, title=p.title)
                  for i, p in enumerate(points)]
    db.session.add(rnd)
    db.session.flush()
    rnd.status = "open"
    db.session.flush()
    if status == "closed":
        db.session.add_all(_ballots(rnd, method, points, people, rng))
        db.session.flush()
        rnd.status = "closed"
    db.session.commit()
    return rnd


def _marks(method, points, rng):
    """(point, criterion, value) marks of one voter."""
    if method == "approval":
        return [(point, "", 1) for point in rng.sample(points, 20)]
    if method == "dots":
        return [(point, "", 2) for point in rng.sample(points, 5)]
    return [(point, c, rng.randint(1, 5)) for point in points
            for c in ("importance", "urgency", "feasibility")]


def _ballots(rnd, method, points, people, rng):
    from workshop.models.voting import Ballot

    return [Ballot(round_id=rnd.id, point_id=point.id, criterion=criterion, value=value,
                   voter_key=f"v{p.id}", discipline_id=p.discipline_id,
                   participant_id=None if rnd.anonymous else p.id)
            for p in people for point, criterion, value in _marks(method, points, rng)]


def seed(url: str) -> dict:
    """The big workshop, plus an open round for the live part; returns ids and tokens."""
    import sqlalchemy as sa

    from workshop.actors import Actor
    from workshop.auth.services import create_user
    from workshop.extensions import db
    from workshop.models import Discipline, Program, User
    from workshop.programs.seed import seed_default_program
    from workshop.workshops.services import create_workshop, set_staff

    rng = random.Random(5)
    app = _app(url)
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        seed_default_program()
        fac = create_user("fac@example.org", "مریم تسهیل‌گر", "facilitator", PASSWORD)
        sec = create_user("sec@example.org", "سارا دبیر", "secretary", PASSWORD)
        program = db.session.scalar(sa.select(Program))
        w = create_workshop(Actor(user=fac), {"title": "کارگاه بزرگ " + phrase(rng, 3),
                                              "program_id": program.id,
                                              "phase_id": program.phases[0].id,
                                              "guiding_question": phrase(rng, 10)})
        set_staff(Actor(user=db.session.get(User, fac.id)), w.id, [sec.id], "secretary")
        disciplines = list(db.session.scalars(sa.select(Discipline.id)))
        people, tokens = _people(db, w.id, disciplines, rng)
        points = _points(db, w.id, people, rng)
        _round(db, w.id, 1, "approval", points, people, rng)
        _round(db, w.id, 2, "dots", points[:100], people, rng)
        _round(db, w.id, 3, "scores", points[:15], people, rng)
        live = _round(db, w.id, 4, "approval", points[100:120], people, rng, status="open")
        return {"workshop": w.id, "tokens": tokens[:PHONES], "round": live.id,
                "points": [p.id for p in points[100:120]], "secretary": sec.id}


def time_build(url: str, info: dict) -> dict:
    """Collect the archive and build both PDFs, in process (as a request would)."""
    from workshop.actors import Actor
    from workshop.extensions import db
    from workshop.minutes.archive import collect
    from workshop.minutes.pdf import build_minutes_pdf, minutes_labels
    from workshop.minutes.versions import ensure_draft
    from workshop.models import User, Workshop

    app = _app(url)
    out = {}
    with app.test_request_context():
        workshop = db.session.get(Workshop, info["workshop"])
        actor = Actor(user=db.session.get(User, info["secretary"]))
        version = ensure_draft(actor, workshop)
        for attempt in ("cold", "warm"):
            t0 = time.perf_counter()
            data = collect(workshop, version)
            out[f"collect_{attempt}"] = time.perf_counter() - t0
        for lang in ("fa", "en"):
            labels = minutes_labels(lang)
            t0, c0 = time.perf_counter(), time.process_time()
            pdf = build_minutes_pdf(data, lang, labels)
            out[f"build_{lang}"] = time.perf_counter() - t0
            out[f"cpu_{lang}"] = time.process_time() - c0
            out[f"pages_{lang}"] = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page")
            out[f"bytes_{lang}"] = len(pdf)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(url: str, port: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in ("TEST_DATABASE_URL",)}
    env.update(DATABASE_URL=url, PORT=str(port), HOST="127.0.0.1", SECRET_KEY="bench-secret",
               SOCKET_COMMANDS_PER_SECOND="50")
    log = open(Path(url.removeprefix("sqlite:///")).with_suffix(".log"), "wb")  # noqa: SIM115
    proc = subprocess.Popen([sys.executable, "run.py"], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    import requests

    for _ in range(100):
        try:
            requests.get(f"http://127.0.0.1:{port}/", timeout=1)
            return proc
        except requests.RequestException:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start")


def login(base: str):
    import requests

    session = requests.Session()
    page = session.get(f"{base}/login").text
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page)
    data = {"email": "sec@example.org", "password": PASSWORD}
    if token:
        data["csrf_token"] = token.group(1)
    session.post(f"{base}/login", data=data, allow_redirects=False)
    return session


class Phone(threading.Thread):
    """One phone casting approval votes with operation ids; records ack latencies."""

    def __init__(self, base, info, token, stop, sink):
        super().__init__(daemon=True)
        import socketio

        self.sio = socketio.Client(reconnection=False, request_timeout=60)  # a busy machine
        self.base, self.info, self.token, self.stop, self.sink = base, info, token, stop, sink
        self.ready = threading.Event()

    def run(self):
        wid = self.info["workshop"]
        self.sio.connect(self.base, namespaces=["/live"], transports=["websocket"],
                         headers={"Cookie": f"hmp_{wid}={self.token}"},  # Origin: its own
                         auth={"workshop": wid, "view": "phone"}, wait_timeout=120)
        self.ready.set()
        rng = random.Random(self.token)
        while not self.stop.is_set():
            payload = {"workshop": wid, "op": uuid.uuid4().hex, "round": self.info["round"],
                       "point": rng.choice(self.info["points"]), "value": rng.randint(0, 1)}
            t0 = time.perf_counter()
            ack = self.sio.call("cast_vote", payload, namespace="/live", timeout=15)
            self.sink.append((time.perf_counter() - t0, bool(ack and ack.get("ok"))))
            time.sleep(rng.uniform(1.0, 3.0))  # human pace, as in the voting benchmark
        self.sio.disconnect()


def build_loop(base, info, stop, builds):
    """The secretary's workspace, back to back: change the summary, ask for a preview, follow
    its progress until ready, download it. Each round changes the content, so each preview is
    a real build (the server keeps previews by content hash)."""
    session = login(base)
    minutes = f"{base}/staff/workshops/{info['workshop']}/minutes"
    page = session.get(minutes, timeout=60).text
    headers = {"X-CSRFToken": re.search(r'name="csrf-token" content="([^"]+)"', page)[1]}
    base_revision, n = 0, 0
    while not stop.is_set():
        n += 1
        t0 = time.perf_counter()
        edit = session.post(f"{minutes}/edit", headers=headers, timeout=60, json={
            "kind": "summary", "text": f"خلاصهٔ جلسه، نسخهٔ {n}", "base": base_revision}).json()
        base_revision = edit["result"]["unit"]["revision"]
        status = session.post(f"{minutes}/preview?lang=fa", headers=headers,
                              timeout=60).json()["result"]
        while status["state"] == "building" and not stop.is_set():
            time.sleep(0.5)  # the page polls like this
            status = session.get(f"{minutes}/preview/status?lang=fa", timeout=60).json()["result"]
        if status["state"] == "ready":
            pdf = session.get(base + status["url"], timeout=60)
            if pdf.content.startswith(b"%PDF"):
                builds.append(time.perf_counter() - t0)


def cpu_seconds(pid: int) -> float:
    """User + system CPU the process has used so far (Linux /proc), whatever else runs."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(base, info, seconds, with_builds, pid):
    acks, builds, stop = [], [], threading.Event()
    phones = [Phone(base, info, t, stop, acks) for t in info["tokens"]]
    for p in phones:  # connect one by one: each connect sends a full (large) snapshot
        p.start()
        p.ready.wait(timeout=120)
    time.sleep(1.5)
    acks.clear()
    cpu = cpu_seconds(pid)
    builder = None
    if with_builds:
        builder = threading.Thread(target=build_loop, args=(base, info, stop, builds),
                                   daemon=True)
        builder.start()
    time.sleep(seconds)
    cpu = cpu_seconds(pid) - cpu
    stop.set()
    for p in phones:
        p.join(timeout=20)
    if builder:
        builder.join(timeout=60)
    return acks, builds, cpu


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000 if values else float("nan")


def main() -> None:
    seconds = int(sys.argv[sys.argv.index("--seconds") + 1]) if "--seconds" in sys.argv else 20
    tmp = Path(tempfile.mkdtemp(prefix="bench-minutes-"))
    url = f"sqlite:///{tmp / 'bench.sqlite3'}"
    t0 = time.perf_counter()
    info = seed(url)
    print(f"load average before: {os.getloadavg()[0]:.1f} (2 cores)")
    print(f"seeded in {time.perf_counter() - t0:.1f} s ({PEOPLE} people, {POINTS} points, "
          f"{ANNOTATIONS} annotations, 3 closed rounds)")
    build = time_build(url, info)
    total = build["collect_warm"] + build["build_fa"]
    print(f"collect archive: cold {build['collect_cold']:.2f} s, "
          f"warm {build['collect_warm']:.2f} s")
    for lang in ("fa", "en"):
        print(f"build PDF {lang}: {build[f'build_{lang}']:.2f} s "
              f"(CPU {build[f'cpu_{lang}']:.2f} s), {build[f'pages_{lang}']} pages, "
              f"{build[f'bytes_{lang}'] // 1024} KiB")
    print(f"collect + build (fa): {total:.2f} s  (goal ≤ 3 s: {'ok' if total <= 3 else 'MISSED'})")
    port = free_port()
    server = start_server(url, port)
    try:
        base = f"http://127.0.0.1:{port}"
        quiet, _, cpu_idle = measure(base, info, seconds, False, server.pid)
        busy, builds, cpu_busy = measure(base, info, seconds, True, server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)
    summary = {"name": "minutes PDF", "load_avg": round(os.getloadavg()[0], 1),
               "collect_s": round(build["collect_warm"], 2),
               "build_fa_s": round(build["build_fa"], 2), "cpu_fa_s": round(build["cpu_fa"], 2),
               "build_en_s": round(build["build_en"], 2), "pages_fa": build["pages_fa"],
               "collect_build_fa_s": round(total, 2), "previews_while_voting": len(builds)}
    failed = 0
    for name, acks in (("idle", quiet), ("building", busy)):
        lat = [a for a, ok in acks]
        failed += sum(not ok for _, ok in acks)
        print(f"vote acks, {name}: n={len(lat)} ok={sum(ok for _, ok in acks)} "
              f"p50={pct(lat, .5):.1f} ms p95={pct(lat, .95):.1f} ms max={pct(lat, 1):.1f} ms")
        summary[f"ack_ms_{name}"] = {"p50": round(pct(lat, .5)), "p95": round(pct(lat, .95))}
    idle_p95, busy_p95 = (summary[f"ack_ms_{k}"]["p95"] for k in ("idle", "building"))
    summary["ack_p95_ratio"] = round(busy_p95 / idle_p95, 2) if idle_p95 else None
    summary["server_cpu_s"] = {"idle": round(cpu_idle, 2), "building": round(cpu_busy, 2)}
    print(f"server process CPU: idle {cpu_idle:.2f} s, building {cpu_busy:.2f} s "
          f"in {seconds} s each")
    if builds:
        summary["server_cpu_per_preview_s"] = round((cpu_busy - cpu_idle) / len(builds), 2)
        summary["preview_median_s"] = round(statistics.median(builds), 2)
        print(f"preview builds over HTTP while voting: {len(builds)}, "
              f"median {statistics.median(builds):.2f} s")
    print(json.dumps(summary))
    if failed or not quiet or not busy:
        sys.exit(1)

if __name__ == "__main__":
    main()
