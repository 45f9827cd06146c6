"""The project portfolio as a sheet (CSV or XLSX): one row per project with its place in the
plan, owner, dates, progress, status and budget. An export only: values import through
transfer.py."""

from __future__ import annotations

import csv
import io

from workshop.actors import Actor
from workshop.i18n import current_lang
from workshop.register.access import require_reader
from workshop.voting.exports import neutralise

from . import snapshot
from .display import day

COLUMNS = ("project", "name", "parent", "strategy", "goal", "operational_plan", "owner_unit",
           "starts_on", "ends_on", "weight", "progress", "status", "allocated", "spent")


def rows(plan: dict, lang: str) -> list[list]:
    """Every project in tree order under its strategy and goal."""
    out = []
    codes = {p["id"]: p["code"] for p in plan["projects"]}
    ops = {o["id"]: o["name"] for o in plan["operational"]}
    for goal in plan["goals"]:
        for strategy in goal["strategies"]:
            stack = list(reversed(strategy["projects"]))
            while stack:
                p = stack.pop()
                status = p["status"].name(lang) if p["status"] else ""
                out.append([p["code"], p["name"], codes.get(p["parent_id"], ""),
                            strategy["code"], goal["code"], ops.get(p["operational_id"], ""),
                            plan["units"].get(p["unit_id"], {}).get("name", ""),
                            day(p["starts_on"], "en"), day(p["ends_on"], "en"), p["weight"],
                            round(p["progress"], 1), status, p["allocated"], p["spent"]])
                stack.extend(reversed(p["children"]))
    return out


def export(actor: Actor, program_id, fmt: str) -> tuple[bytes, str]:
    """The portfolio as CSV or XLSX (readers may export what they may read)."""
    program = require_reader(actor, program_id)
    lang = current_lang()
    table = rows(snapshot.load(program, lang), lang)
    if fmt == "xlsx":
        from openpyxl import Workbook

        from .transfer import XLSX

        book = Workbook(write_only=True)
        sheet = book.create_sheet("portfolio")
        sheet.sheet_view.rightToLeft = lang == "fa"
        for row in [list(COLUMNS), *table]:
            sheet.append([neutralise(c) if isinstance(c, str) else c for c in row])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue(), XLSX
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([neutralise(c) if isinstance(c, str) else c for c in r] for r in table)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8"), "text/csv; charset=utf-8"
