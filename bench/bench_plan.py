"""The plan at scale: 10 goals, 60 strategies, 400 projects and 1,500 indicators × 6 years of
actuals, on a throwaway SQLite database.

Measures the plan dashboard's and the traceability view's server time (Flask test client),
the plan PDF built off the request path (data collected in the request, laid out by a pool
worker process), and an XLSX import of 10,000 rows (whole-file check, then one transaction).
Run: .venv/bin/python bench/bench_plan.py [--small]   (prints one JSON line last)
"""

from __future__ import annotations

import io
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench_register import migrated_app  # noqa: E402  (same fresh, migrated database)

TIMEOUT_SECONDS = 900
PASSWORD = "correct horse battery"


def p95(values: list[float]) -> float:
    return round(statistics.quantiles(values, n=20)[-1], 1)


def _build(app, small: bool) -> tuple[int, dict, float]:
    import sqlalchemy as sa

    from workshop.auth.services import create_user
    from workshop.extensions import db
    from workshop.plan.seed import PlanShape, build_plan
    from workshop.register.seed import Shape, build_programme

    shape = PlanShape(goals=10, strategies=60, projects=400, indicators=1500, actual_years=6)
    if small:
        shape = PlanShape(goals=5, strategies=20, projects=80, indicators=300, actual_years=6)
    with app.app_context():
        admin = create_user("bench@example.org", "Bench", "admin", PASSWORD).id
        program = build_programme(Shape(workshops_per_phase=2, points=60, items_per_topic=4),
                                   creator_id=admin)
        started = time.perf_counter()
        build_plan(program, shape, by=admin)
        seeded = round(time.perf_counter() - started, 1)
        counts = {t: db.session.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar()
                  for t in ("plan_goal", "plan_strategy", "plan_project", "plan_indicator",
                            "plan_value", "register_item")}
    return program, counts, seeded


def _client(app):
    client = app.test_client()
    client.post("/login", data={"email": "bench@example.org", "password": PASSWORD})
    return client


def _times(app, urls: list[str], repeats: int) -> list[float]:
    client, times = _client(app), []
    for url in urls:  # warm: templates compiled, caches filled
        client.get(url)
    for n in range(repeats):
        started = time.perf_counter()
        response = client.get(urls[n % len(urls)])
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return times


def _pdf(app, program: int) -> dict:
    """Collect in a request, lay out in the pool (as under gevent), and check the bytes."""
    from workshop.actors import Actor
    from workshop.extensions import db
    from workshop.models import User
    from workshop.pdfkit.pool import pool_for
    from workshop.plan import documents
    from workshop.plan.plan_pdf import build_plan_pdf

    with app.test_request_context(query_string={"lang": "fa"}):
        started = time.perf_counter()
        data, lang = documents.collect(Actor(user=db.session.get(User, 1)), program)
        collected = time.perf_counter() - started
        body = pool_for(app).build("plan", data, lang, documents.labels())
        total = time.perf_counter() - started
        cpu = time.process_time()  # the same layout in this process, for its CPU seconds
        build_plan_pdf(data, lang, documents.labels())
        cpu = time.process_time() - cpu
    assert body.startswith(b"%PDF")
    return {"collect_s": round(collected, 2), "total_s": round(total, 1),
            "layout_cpu_s": round(cpu, 1), "bytes": len(body), "target_s": 15}


def _workbook(app, program: int, rows: int) -> bytes:
    """The XLSX export, plus quarterly actuals (new rows) up to `rows` rows."""
    from openpyxl import Workbook

    from workshop.plan import transfer

    with app.test_request_context():
        from workshop.extensions import db
        from workshop.models import Program

        exported = transfer.value_rows(db.session.get(Program, program), "fa")
    extra = [[r[0], r[1], r[2], "actual", r[4], q, r[6], "فصلی", "", ""]
             for r in exported if r[3] == "actual" for q in (1, 2, 3, 4)]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("values")
    sheet.append(transfer.COLUMNS)
    for row in (exported + extra)[:rows]:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _import(app, program: int, rows: int) -> dict:
    from workshop.actors import Actor
    from workshop.extensions import db
    from workshop.models import User
    from workshop.plan import transfer

    body = _workbook(app, program, rows)
    with app.test_request_context():
        started, cpu = time.perf_counter(), time.process_time()
        result = transfer.import_values(Actor(user=db.session.get(User, 1)), program, body,
                                        "values.xlsx")
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
    assert result["ok"], result["errors"][:3]
    return {"rows": result["created"] + result["updated"], "created": result["created"],
            "updated": result["updated"], "seconds": round(seconds, 2),
            "cpu_s": round(cpu, 2), "target_s": 5}


def main() -> None:
    small = "--small" in sys.argv
    os.environ.setdefault("SQLITE_SYNCHRONOUS", "NORMAL")
    with tempfile.TemporaryDirectory() as tmp:
        app = migrated_app(f"sqlite:///{tmp}/bench.sqlite3")
        program, counts, seeded = _build(app, small)
        base = f"/staff/programmes/{program}/plan"
        dashboard = _times(app, [f"{base}?lang=fa", f"{base}?lang=en"], 30)
        trace = _times(app, [f"{base}/trace?lang=fa", f"{base}/trace?lang=en"], 30)
        pdf = _pdf(app, program)
        imported = _import(app, program, 2000 if small else 10_000)
    print(json.dumps({
        "benchmark": "plan", "rows": counts, "seed_s": seeded,
        "load_avg": round(os.getloadavg()[0], 1),
        "dashboard_ms": {"p50": round(statistics.median(dashboard), 1), "p95": p95(dashboard),
                         "target_p95": 300},
        "traceability_ms": {"p50": round(statistics.median(trace), 1), "p95": p95(trace),
                            "target_p95": 300},
        "plan_pdf": pdf, "xlsx_import": imported}, ensure_ascii=False))


if __name__ == "__main__":
    main()
