"""The planners' edit page: form fields to service arguments (the services check them)."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from workshop.actors import Actor
from workshop.extensions import db
from workshop.models.plan import (
    OperationalPlan,
    PlanGoal,
    PlanIndicator,
    PlanProject,
    PlanStrategy,
    PlanUnit,
)
from workshop.models.register import RegisterItem
from workshop.register.access import require_planner
from workshop.register.structure import parts_of, workshops_of
from workshop.register.web import number

from . import ballot, indicators, operational, statuses, strategic, values

SAVED = _l("Saved.")
IDS = ("workshop_id", "part_id", "goal_id", "strategy_id", "project_id", "operational_id",
       "parent_id", "unit_id", "owner_unit_id", "indicator_id", "item_id")


def _pairs(text: str) -> dict[str, str]:
    """"1404=12; 1405=15" -> {"1404": "12", "1405": "15"} (years and values checked later)."""
    out = {}
    for part in str(text or "").replace("،", ";").replace("\n", ";").split(";"):
        if part.strip():
            year, _sep, value = part.partition("=")
            out[year.strip()] = value.strip()
    return out


def form_data(form) -> dict:
    """The posted fields, ids as ints (a bad id becomes None and is refused)."""
    data = {k: v for k, v in form.items() if k != "csrf_token"}
    for key in IDS:
        if key in data:
            data[key] = number(data[key])
    data["targets"], data["budgets"] = _pairs(data.get("targets")), _pairs(data.get("budgets"))
    data["item_ids"] = [number(x) for x in str(form.get("item_ids", "")).split(",")
                        if x.strip()]
    return data


def _list(model, program_id: int, order=None):
    return list(db.session.scalars(sa.select(model).where(model.program_id == program_id)
                                   .order_by(order if order is not None else model.id)))


def page(actor: Actor, program_id) -> dict:
    """What the edit forms choose from."""
    program = require_planner(actor, program_id)
    return {"program": program, "parts": parts_of(program),
            "frame": strategic.frame_of(program), "statuses": statuses.statuses_of(program),
            "goals": _list(PlanGoal, program.id), "strategies": _list(PlanStrategy, program.id),
            "units": _list(PlanUnit, program.id),
            "operational": _list(OperationalPlan, program.id, OperationalPlan.first_year),
            "projects": _list(PlanProject, program.id),
            "indicators": _list(PlanIndicator, program.id),
            "planned": [w for w in workshops_of(program)
                        if w.status == "scheduled" and w.stage == "lobby"],
            "items": list(db.session.scalars(sa.select(RegisterItem).where(
                RegisterItem.program_id == program.id, RegisterItem.state == "active")
                .order_by(RegisterItem.id)))}


def _ballot(actor: Actor, program_id, data: dict) -> dict:
    """Codes such as "S3, P12" -> the elements a planned workshop votes on."""
    chosen = []
    for code in str(data.get("codes", "")).replace("،", ",").split(","):
        code = code.strip()
        if not code:
            continue
        model = PlanStrategy if code.upper().startswith("S") else PlanProject
        found = db.session.scalar(sa.select(model.id).where(model.program_id == program_id,
                                                            model.code == code))
        chosen.append(["strategy" if model is PlanStrategy else "project", found])
    return ballot.put_on_ballot(actor, program_id, data.get("workshop_id"), chosen)


ACTIONS = {
    "ballot": _ballot,
    "frame": lambda a, p, d: strategic.set_frame(a, p, d.get("first_year"), d.get("last_year")),
    "unit": operational.add_unit,
    "goal": strategic.add_goal,
    "strategy": strategic.add_strategy,
    "link": lambda a, p, d: strategic.link_item(a, p, d.get("strategy_id"), d.get("item_id")),
    "operational": operational.add_operational,
    "project": operational.add_project,
    "budget": lambda a, p, d: operational.set_budget(a, p, d.get("project_id"), d.get("year"),
                                                     d.get("allocated"), d.get("spent")),
    "progress": lambda a, p, d: operational.set_progress(a, p, d.get("project_id"),
                                                         d.get("progress")),
    "milestone": lambda a, p, d: operational.add_milestone(a, p, d.get("project_id"), d),
    "indicator": indicators.add_indicator,
    "value": lambda a, p, d: values.set_value(a, p, d.get("indicator_id"), d.get("kind"), d),
    "status": statuses.set_status,
}
