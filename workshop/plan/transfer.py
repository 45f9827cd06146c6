"""Indicator values out and in: the CSV/XLSX export is exactly the import format.

A row's stable key is (indicator code, kind, year, quarter): a known key updates, a new one
creates. Every row is checked first; one bad row and nothing is written.
"""

from __future__ import annotations

import csv
import io
from itertools import islice

import sqlalchemy as sa

from workshop.actors import Actor
from workshop.errors import BadInput
from workshop.extensions import db
from workshop.i18n import current_lang
from workshop.models import Program
from workshop.models.plan import PlanIndicator, PlanValue
from workshop.register.access import require_planner, require_reader
from workshop.voting.exports import neutralise

from . import messages
from .checks import RowChecker, indicator_table

COLUMNS = ("indicator", "name", "unit", "kind", "year", "quarter", "value", "note",
           "evidence_url", "reason")
MAX_ROWS = 50_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def value_rows(program: Program, lang: str) -> list[list]:
    """Every target and actual as a row of COLUMNS (reason empty: nothing to explain yet)."""
    rows = db.session.execute(sa.select(
        PlanIndicator.code, getattr(PlanIndicator, f"name_{lang}"), PlanIndicator.unit,
        PlanValue.kind, PlanValue.year, PlanValue.quarter, PlanValue.value, PlanValue.note,
        PlanValue.evidence_url).join(PlanIndicator).where(
        PlanIndicator.program_id == program.id).order_by(
        PlanIndicator.id, PlanValue.kind.desc(), PlanValue.year, PlanValue.quarter))
    return [[code, name, unit, kind, year, quarter or "", _plain(value), note, url, ""]
            for code, name, unit, kind, year, quarter, value, note, url in rows]


def _plain(value: float):
    return int(value) if value == int(value) else value


def export(actor: Actor, program_id, fmt: str) -> tuple[bytes, str]:
    """The values as CSV or XLSX (readers may export what they may read)."""
    program = require_reader(actor, program_id)
    rows = value_rows(program, current_lang())
    if fmt == "xlsx":
        return _xlsx(rows), XLSX
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([neutralise(c) if isinstance(c, str) else c for c in r] for r in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8"), "text/csv; charset=utf-8"


def _xlsx(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("values")
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append([neutralise(c) if isinstance(c, str) else c for c in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_rows(data: bytes, filename: str) -> list[list]:
    """The file's rows (header first) from CSV or XLSX bytes."""
    try:
        if filename.lower().endswith(".xlsx"):
            from python_calamine import CalamineWorkbook

            sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
            return [list(row) for row in islice(sheet.iter_rows(), MAX_ROWS + 1)]
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[:MAX_ROWS + 1]
    except Exception:  # noqa: BLE001 -- any unreadable file gets the same clear refusal
        raise BadInput("invalid_value", message=str(messages.BAD_FILE), field="file") from None


def import_values(actor: Actor, program_id, data: bytes, filename: str) -> dict:
    """Check every row; write all of them in one transaction, or none and report why."""
    program = require_planner(actor, program_id)
    rows = read_rows(data, filename)
    if not rows or [str(c).strip().lstrip("\ufeff") for c in rows[0][:len(COLUMNS)]] != \
            list(COLUMNS):
        return {"ok": False, "errors": [{"line": 1, "reason": str(messages.BAD_HEADER)}]}
    checker = RowChecker(indicator_table(program), program)
    for line, row in enumerate(rows[1:], start=2):
        if any(str(c).strip() for c in row):
            checker.check(line, list(row) + [""] * (len(COLUMNS) - len(row)))
    if checker.errors:
        return {"ok": False, "errors": checker.errors}
    return {"ok": True, **checker.write(actor)}
