"""The plan as JSON and as a PDF: collect plain data in the request, lay out off the loop."""

from __future__ import annotations

import json
from collections import defaultdict

import sqlalchemy as sa
from flask_babel import gettext as _

from workshop.actors import Actor
from workshop.extensions import db
from workshop.i18n import current_lang
from workshop.models import Program
from workshop.models.plan import PlanIndicator, PlanValue
from workshop.register.access import require_reader

from . import snapshot


def labels() -> dict[str, str]:
    """Every label the layout prints, in the reader's language."""
    return {"strategic": _("Strategic plan"), "operational": _("Operational plans"),
            "indicators": _("Indicators"), "code": _("Code"), "strategy": _("Strategy"),
            "answers": _("Focus points answered"), "progress": _("Progress"),
            "project": _("Project"), "unit": _("Owner unit"), "status": _("Status"),
            "budget": _("Spent / allocated (rials)"), "indicator": _("Indicator"),
            "baseline": _("Baseline"), "target": _("Target"), "actual": _("Actual"),
            "chart": _("Target and actual by year"),
            "chart_note": _("Target and actual: each indicator's yearly targets (grey, dashed) "
                            "and actuals (blue); target and actual columns show the year its "
                            "status reads.")}


def _series(program: Program) -> dict[int, list[list]]:
    """Indicator -> [[year, target, actual], ...] over every year with a yearly value."""
    cells: dict[int, dict[int, list]] = defaultdict(dict)
    for ind, kind, year, value in db.session.execute(sa.select(
            PlanValue.indicator_id, PlanValue.kind, PlanValue.year, PlanValue.value).join(
            PlanIndicator).where(PlanIndicator.program_id == program.id,
                                 PlanValue.quarter == 0)):
        row = cells[ind].setdefault(year, [year, None, None])
        row[1 if kind == "target" else 2] = value
    return {i: [years[y] for y in sorted(years)] for i, years in cells.items()}


def _name(status) -> str:
    return status.name(current_lang()) if status is not None else "—"


def _projects(plan: dict, units: dict, op_id: int) -> list[dict]:
    out = []

    def walk(p: dict, depth: int) -> None:
        out.append({"code": p["code"], "name": p["name"], "depth": depth,
                    "unit": units.get(p["unit_id"], {}).get("name", ""),
                    "progress": p["progress"], "status": _name(p["status"]),
                    "allocated": p["allocated"], "spent": p["spent"]})
        for child in p["children"]:
            walk(child, depth + 1)

    for s in plan["strategies"]:
        for p in s["projects"]:
            if p["operational_id"] == op_id:
                walk(p, 0)
    return out


def collect(actor: Actor, program_id) -> tuple[dict, str]:
    """The plan's data as plain JSON-able values, and the language."""
    program = require_reader(actor, program_id)
    lang = current_lang()
    plan, series = snapshot.load(program, lang), _series(program)
    goals = [{"code": g["code"], "name": g["name"], "progress": g["progress"],
              "strategies": [{"code": s["code"], "name": s["name"], "items": len(s["items"]),
                              "progress": s["progress"]} for s in g["strategies"]]}
             for g in plan["goals"]]
    ops = [{"name": o["name"], "projects": _projects(plan, plan["units"], o["id"])}
           for o in plan["operational"]]
    indicators = [{"code": i["code"], "name": i["name"], "unit": i["unit"],
                   "kind": i["kind"], "baseline": i["baseline_value"], "target": i["target"],
                   "actual": i["actual"], "status": _name(i["status"]),
                   "series": series.get(i["id"], [])} for i in plan["indicators"]]
    count = _counter(lang)
    summary = _("%(goals)s goals, %(strategies)s strategies, %(projects)s projects, "
                "%(indicators)s indicators; statuses read the year %(year)s.",
                goals=count(len(goals)), strategies=count(len(plan["strategies"])),
                projects=count(len(plan["projects"])), indicators=count(len(indicators)),
                year=count(plan["closed_year"], grouped=False))
    return {"program": program.name(lang), "summary": summary, "goals": goals,
            "operational": ops, "indicators": indicators}, lang


def _counter(lang: str):
    """Counts and years in the reader's digits (the summary is one translated sentence)."""
    from workshop.i18n.formatting import format_number, to_persian_digits

    def count(n: int, grouped: bool = True) -> str:
        if grouped:
            return format_number(n, lang)
        return to_persian_digits(n) if lang == "fa" else str(n)

    return count


def plan_json(actor: Actor, program_id) -> bytes:
    """The whole plan with every yearly series, for other tools."""
    data, lang = collect(actor, program_id)
    return json.dumps({"language": lang, **data}, ensure_ascii=False, indent=1).encode()


def plan_pdf(actor: Actor, program_id) -> bytes:
    """The plan PDF, laid out in the worker pool under gevent (inline in tests)."""
    from workshop.minutes.builds import _under_gevent

    data, lang = collect(actor, program_id)
    if _under_gevent():
        from flask import current_app

        from workshop.pdfkit.pool import pool_for

        return pool_for(current_app._get_current_object()).build("plan", data, lang, labels())
    from .plan_pdf import build_plan_pdf

    return build_plan_pdf(data, lang, labels())
