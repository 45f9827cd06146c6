"""The programme register at scale: 60 workshops × 500 points × 3 rounds (30,000 points,
about 3,000 register items) on a throwaway SQLite database.

Measures the register page's server time (Flask test client, several pages and filters),
searches typed with other spellings (Arabic ي/ك, Persian digits, a space for ZWNJ), a
near-duplicate lookup against the whole programme, and the dossier PDF as run.py builds it
(collect and layout in a niced child process).
Run: .venv/bin/python bench/bench_register.py [--small] [--no-dossier]  (one JSON line last)
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def p95(values: list[float]) -> float:
    return round(statistics.quantiles(values, n=20)[-1], 2)


def migrated_app(url: str):
    """The app on a fresh database at `url`, migrated to head (shared by the plan bench)."""
    from flask_migrate import upgrade

    from config import TestingConfig
    from workshop import create_app

    config = type("BenchConfig", (TestingConfig,), {"SQLALCHEMY_DATABASE_URI": url})
    app = create_app(config)
    with app.app_context():
        upgrade()
    return app


def _build(app, small: bool) -> tuple[int, dict, float]:
    from workshop.auth.services import create_user
    from workshop.register.seed import Shape, build_programme

    shape = Shape(workshops_per_phase=2 if small else 20, points=100 if small else 500,
                  participants=30, rounds=3, ballot_points=12, link_share=0.9,
                  open_workshops=0, items_per_topic=6 if small else 63, districts=True)
    started = time.perf_counter()
    with app.app_context():
        admin = create_user("bench@example.org", "Bench", "admin", "correct horse battery").id
        program = build_programme(shape, creator_id=admin)
        import sqlalchemy as sa

        from workshop.extensions import db

        counts = {t: db.session.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar()
                  for t in ("focus_point", "register_item", "register_link", "ballot",
                            "annotation", "vote_round")}
    return program, counts, round(time.perf_counter() - started, 1)


PAGES = ("", "?page=2", "?page=30", "?status=analysed", "?q=هوا", "?part=1")
# Searches typed as planners do: a space for ZWNJ, Arabic ي/ك, Persian digits, a wildcard.
SEARCHES = ("?q=حمل و نقل", "?q=كيفيت هوا", "?q=۱۲", "?q=زاينده رود", "?q=%", "?q=پاك")


def _page_times(app, program: int, repeats: int, pages=PAGES) -> list[float]:
    client = app.test_client()
    client.post("/login", data={"email": "bench@example.org",
                                "password": "correct horse battery"})
    urls = [f"/staff/programmes/{program}/register{q}" for q in pages]
    times = []
    for n in range(repeats):
        started = time.perf_counter()
        response = client.get(urls[n % len(urls)])
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return times


def _lookup_times(app, program: int, repeats: int) -> tuple[list[float], float]:
    from workshop.register import suggestions
    from workshop.register.seed import TOPICS

    with app.app_context():
        started = time.perf_counter()
        suggestions.similar_items(program, "گرم کردن")  # builds the index once
        build = (time.perf_counter() - started) * 1000
        times = []
        for n in range(repeats):
            text = f"بهبود {TOPICS[n % len(TOPICS)]} در منطقهٔ {n % 15 + 1} برای خانواده‌ها"
            started = time.perf_counter()
            suggestions.similar_items(program, text)
            times.append((time.perf_counter() - started) * 1000)
    return times, round(build, 1)


def _dossier_seconds(app, program: int) -> float:
    """The dossier as run.py builds it: collect and lay out in a niced PDF pool worker
    (its start included, as for the first dossier after a server starts)."""
    from workshop.pdfkit.pool import close_pool, pool_for

    started = time.perf_counter()
    try:
        pdf = pool_for(app).build("dossier", program, "fa")
    finally:
        close_pool(app)
    assert pdf.startswith(b"%PDF")
    return round(time.perf_counter() - started, 1)


def main() -> None:
    small = "--small" in sys.argv
    os.environ.setdefault("SQLITE_SYNCHRONOUS", "NORMAL")
    with tempfile.TemporaryDirectory() as tmp:
        # Before config is imported: its development class reads DATABASE_URL once.
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        app = migrated_app(f"sqlite:///{tmp}/bench.sqlite3")
        program, counts, seeded = _build(app, small)
        pages = _page_times(app, program, 60)
        searches = _page_times(app, program, 30, SEARCHES)
        lookups, index_build = _lookup_times(app, program, 200)
        dossier = None if "--no-dossier" in sys.argv else _dossier_seconds(app, program)
    print(json.dumps({
        "benchmark": "register", "rows": counts, "seed_s": seeded,
        "register_page_ms": {"p50": round(statistics.median(pages), 1), "p95": p95(pages),
                             "target_p95": 300},
        "search_page_ms": {"p50": round(statistics.median(searches), 1), "p95": p95(searches)},
        "near_duplicate_ms": {"p50": round(statistics.median(lookups), 2),
                              "p95": p95(lookups), "index_build": index_build,
                              "target_p95": 20},
        "dossier_s": dossier, "load_avg": round(os.getloadavg()[0], 1)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
