"""CSV, JSON and XLSX exports of a programme's register (one set of columns for all three)."""

from __future__ import annotations

import csv
import io
import json

import sqlalchemy as sa
from flask_babel import gettext as _

from workshop.actors import Actor
from workshop.extensions import db
from workshop.i18n import current_lang
from workshop.models import Program
from workshop.models.register import RegisterCitation, RegisterItem
from workshop.voting.exports import neutralise

from .access import require_reader
from .labels import STATUS
from .views import _counts

COLUMNS = ("id", "title", "description", "status", "set_aside_reason", "part", "theme",
           "phase", "published", "points", "workshops", "sources", "created_at")


def _header() -> list[str]:
    return [_("Number"), _("Title"), _("Description"), _("Status"), _("Reason"), _("Part"),
            _("Theme"), _("Phase"), _("Published"), _("Points"), _("Workshops"), _("Sources"),
            _("Created")]


def register_rows(program: Program, lang: str) -> list[dict]:
    """Every active item as a plain row (codes for the machine, names in the reader's tongue)."""
    items = list(db.session.scalars(sa.select(RegisterItem).where(
        RegisterItem.program_id == program.id, RegisterItem.state == "active")
        .order_by(RegisterItem.id)))
    counts = _counts([i.id for i in items]) if items else {}
    cited = dict(db.session.execute(sa.select(RegisterCitation.item_id, sa.func.count()).group_by(
        RegisterCitation.item_id)).all())

    def name(obj):
        return obj.name(lang) if obj is not None else ""

    return [{"id": i.id, "title": i.title, "description": i.description, "status": i.status,
             "set_aside_reason": i.set_aside_reason, "part": name(i.part),
             "theme": name(i.theme), "phase": name(i.phase), "published": i.published,
             "points": counts.get(i.id, (0, 0))[0], "workshops": counts.get(i.id, (0, 0))[1],
             "sources": cited.get(i.id, 0), "created_at": i.created_at.isoformat()}
            for i in items]


def export(actor: Actor, program_id, fmt: str) -> tuple[bytes, str]:
    """The register as bytes and a mimetype (readers may export what they may read)."""
    program = require_reader(actor, program_id)
    lang = current_lang()
    rows = register_rows(program, lang)
    if fmt == "json":
        body = {"program": {"id": program.id, "name": program.name(lang)}, "columns": COLUMNS,
                "items": rows}
        return json.dumps(body, ensure_ascii=False, indent=1).encode(), "application/json"
    if fmt == "xlsx":
        return _xlsx(rows, lang), ("application/vnd.openxmlformats-officedocument."
                                   "spreadsheetml.sheet")
    return _csv(rows, lang).encode("utf-8"), "text/csv; charset=utf-8"


def _cells(row: dict, lang: str) -> list:
    status = str(STATUS[row["status"]])
    return [row["id"], *(neutralise(row[c]) for c in ("title", "description")), status,
            neutralise(row["set_aside_reason"]), row["part"], row["theme"], row["phase"],
            _("Yes") if row["published"] else _("No"), row["points"], row["workshops"],
            row["sources"], row["created_at"]]


def _csv(rows: list[dict], lang: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([neutralise(row[c]) for c in COLUMNS])
    return "\ufeff" + buffer.getvalue()


def _xlsx(rows: list[dict], lang: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Register")[:31]
    sheet.sheet_view.rightToLeft = lang == "fa"
    sheet.append(_header())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(_cells(row, lang))
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGHIJKLM", (8, 50, 60, 14, 30, 24, 18, 14, 10, 8, 10, 8, 26),
                             strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
