"""The plan dashboard and the traceability view (reads only)."""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa

from workshop.actors import Actor
from workshop.extensions import db
from workshop.i18n import current_lang
from workshop.models import Program
from workshop.models.register import RegisterItem
from workshop.register import provenance
from workshop.register.access import is_planner, require_reader
from workshop.register.structure import owned

from . import ballot, snapshot

OFF_TRACK_SHOWN = 100


def dashboard(actor: Actor, program_id) -> dict:
    """Goals -> strategies -> projects with status and progress, budget, indicators off track."""
    program = require_reader(actor, program_id)
    plan = snapshot.load(program, current_lang())
    off = [i for i in plan["indicators"] if i["status"] is not None and
           i["status"].level == "off_track"]
    return {"program": program, "plan": plan, "planner": is_planner(actor, program),
            "off_track": off[:OFF_TRACK_SHOWN], "off_track_count": len(off),
            "priorities": priorities(program, plan)}


def priorities(program: Program, plan: dict) -> list[dict]:
    """Strategies and projects voted on in workshops, best supported first."""
    rows = {**{("strategy", s["id"]): s for s in plan["strategies"]},
            **{("project", p["id"]): p for p in plan["projects"]}}
    out = [{"kind": key[0], "code": rows[key]["code"], "name": rows[key]["name"],
            "rounds": found, "best": max((r["support"] or 0) for r in found)}
           for key, found in ballot.results(program).items() if key in rows and found]
    return sorted(out, key=lambda r: -r["best"])


def _by_owner(indicators: list[dict]) -> dict[tuple[str, int], list[dict]]:
    out = defaultdict(list)
    for i in indicators:
        for kind in ("goal", "strategy", "project"):
            if i[f"{kind}_id"]:
                out[(kind, i[f"{kind}_id"])].append(i)
    return out


def orphans(plan: dict, items: list[RegisterItem]) -> dict[str, list]:
    """What the plan leaves loose: unanswered focus points, strategies without an outcome
    indicator, projects without budget or output indicator, indicators without a value due."""
    answered = {i for s in plan["strategies"] for i in s["items"]}
    owners = _by_owner(plan["indicators"])
    return {
        "items": [i for i in items if i.id not in answered],
        "strategies": [s for s in plan["strategies"] if not owners.get(("strategy", s["id"]))],
        "no_budget": [p for p in plan["projects"] if not p["allocated"]],
        "no_output": [p for p in plan["projects"] if not any(
            i["kind"] == "output" for i in owners.get(("project", p["id"]), ()))],
        "no_value": [i for i in plan["indicators"] if i["due"] and i["actual"] is None]}


def _items(program: Program) -> list[RegisterItem]:
    return list(db.session.scalars(sa.select(RegisterItem).where(
        RegisterItem.program_id == program.id, RegisterItem.state == "active",
        RegisterItem.status != "set_aside").order_by(RegisterItem.id)))


def traceability(actor: Actor, program_id) -> dict:
    """Every focus point with the strategies, projects and indicators that answer it, and the
    orphan checks."""
    program = require_reader(actor, program_id)
    plan = snapshot.load(program, current_lang())
    items = _items(program)
    answering = defaultdict(list)
    for s in plan["strategies"]:
        for item_id in s["items"]:
            answering[item_id].append(s)
    return {"program": program, "plan": plan, "items": items, "answering": answering,
            "orphans": orphans(plan, items), "by_owner": _by_owner(plan["indicators"]),
            "planner": is_planner(actor, program)}


def trace_item(actor: Actor, program_id, item_id) -> dict:
    """One focus point: forward to strategies, projects and indicators; back to the workshops,
    points, disciplines and votes behind it."""
    data = traceability(actor, program_id)
    item = owned(RegisterItem, data["program"], item_id, "item")
    points = provenance.points_by_item([item.id]).get(item.id, set())
    disciplines = list(data["program"].disciplines)
    return {**data, "item": item, "strategies": data["answering"].get(item.id, []),
            "workshops": provenance.workshops_behind(points),
            "rounds": provenance.round_rows(points), "disciplines": disciplines,
            "stances": provenance.stance_rows([item.id], [d.id for d in disciplines])[item.id]}


def indicator_page(actor: Actor, program_id, indicator_id) -> dict:
    """One indicator's yearly (and quarterly) targets and actuals with notes, evidence and
    every target revision: old value, new value, reason, who and when."""
    from workshop.models.plan import PlanIndicator, PlanValue
    from workshop.models.user import User

    from .values import revisions_of

    program = require_reader(actor, program_id)
    indicator = owned(PlanIndicator, program, indicator_id, "indicator")
    rows = list(db.session.scalars(sa.select(PlanValue).where(
        PlanValue.indicator_id == indicator.id).order_by(PlanValue.year, PlanValue.quarter,
                                                         PlanValue.kind.desc())))
    revisions = revisions_of(indicator.id)
    who = dict(db.session.execute(sa.select(User.id, User.email).where(User.id.in_(
        {r.by_user_id for r in revisions} | {0}))).all())
    years: dict[tuple[int, int], dict] = {}
    for row in rows:
        years.setdefault((row.year, row.quarter), {})[row.kind] = row
    return {"program": program, "indicator": indicator, "years": years,
            "revisions": revisions, "who": who, "planner": is_planner(actor, program)}


def project_page(actor: Actor, program_id, project_id) -> dict:
    """One project: status against time and budget, budget per year (allocated and spent),
    milestones, sub-projects, indicators and the workshop votes on it."""
    from workshop.models.plan import PlanBudget, PlanMilestone, PlanProject

    program = require_reader(actor, program_id)
    row = owned(PlanProject, program, project_id, "project")
    plan = snapshot.load(program, current_lang())
    project = next(p for p in plan["projects"] if p["id"] == row.id)
    return {"program": program, "plan": plan, "project": project,
            "unit": plan["units"].get(project["unit_id"]),
            "strategy": next(s for s in plan["strategies"] if s["id"] == row.strategy_id),
            "budgets": list(db.session.scalars(sa.select(PlanBudget).where(
                PlanBudget.project_id == row.id).order_by(PlanBudget.year))),
            "milestones": list(db.session.scalars(sa.select(PlanMilestone).where(
                PlanMilestone.project_id == row.id).order_by(PlanMilestone.due))),
            "indicators": _by_owner(plan["indicators"]).get(("project", row.id), []),
            "votes": ballot.results(program).get(("project", row.id), []),
            "planner": is_planner(actor, program)}
