"""Indicators: outcome indicators on goals and strategies, output and result indicators on
projects, each with a baseline and a target per plan year."""

from __future__ import annotations

from workshop import audit
from workshop.actors import Actor
from workshop.errors import BadInput
from workshop.extensions import db
from workshop.models import Program
from workshop.models.plan import (
    DIRECTIONS,
    INDICATOR_KINDS,
    OperationalPlan,
    PlanGoal,
    PlanIndicator,
    PlanProject,
    PlanStrategy,
    PlanUnit,
)
from workshop.register.access import require_planner
from workshop.register.structure import optional_owned, owned
from workshop.text.normalize import validate_text
from workshop.transaction import commit

from . import fields, messages, values
from .strategic import _unique_code, plan_years


def years_of(indicator: PlanIndicator) -> range | tuple[int, int]:
    """The years an indicator may carry targets and actuals for."""
    if indicator.project_id is None:
        return plan_years(db.session.get(Program, indicator.program_id))
    project = db.session.get(PlanProject, indicator.project_id)
    return db.session.get(OperationalPlan, project.operational_id).years


def _owner(program: Program, kind: str, data: dict) -> dict:
    """The one goal, strategy or project the indicator measures (outcome: goal/strategy)."""
    given = [k for k in ("goal_id", "strategy_id", "project_id") if data.get(k)]
    allowed = ("goal_id", "strategy_id") if kind == "outcome" else ("project_id",)
    if len(given) != 1 or given[0] not in allowed:
        raise BadInput("invalid_value", message=str(messages.BAD_OWNER), field="owner")
    model = {"goal_id": PlanGoal, "strategy_id": PlanStrategy, "project_id": PlanProject}
    return {given[0]: owned(model[given[0]], program, data[given[0]], given[0]).id}


def _describe(data: dict) -> dict:
    if data.get("kind") not in INDICATOR_KINDS:
        raise BadInput("invalid_value", field="kind")
    if data.get("direction") not in DIRECTIONS:
        raise BadInput("invalid_value", field="direction")
    return {"kind": data["kind"], "direction": data["direction"],
            "unit": validate_text(data.get("unit"), field="unit", max_len=40),
            "data_source": validate_text(data.get("data_source") or "", field="data_source",
                                         max_len=200, required=False),
            "baseline_year": fields.year(data.get("baseline_year"), "baseline_year"),
            "baseline_value": fields.number(data.get("baseline_value"), "baseline_value"),
            **fields.names(data)}


def add_indicator(actor: Actor, program_id, data: dict) -> PlanIndicator:
    """A planner adds an indicator with its baseline and its targets ({year: value})."""
    program = require_planner(actor, program_id)
    described = _describe(data)
    indicator = PlanIndicator(
        program_id=program.id, **described, **_owner(program, described["kind"], data),
        code=_unique_code(PlanIndicator, program, fields.code(data.get("code"))),
        owner_unit_id=_unit(program, data))
    years = years_of(indicator)
    if indicator.baseline_year > years[0]:
        raise BadInput("invalid_value", message=str(messages.YEAR_OUTSIDE), field="baseline_year")
    targets = {fields.within(fields.year(year, f"target_{year}"), years, f"target_{year}"):
               fields.number(target, f"target_{year}")
               for year, target in (data.get("targets") or {}).items()}
    db.session.add(indicator)
    db.session.flush()
    for year, target in targets.items():
        values.put(actor, indicator, "target", year, 0, target)
    audit.record(actor, None, "plan.indicator_add", target=f"indicator:{indicator.id}")
    commit({"indicator": indicator.id})
    return indicator


def _unit(program: Program, data: dict) -> int | None:
    unit = optional_owned(PlanUnit, program, data.get("owner_unit_id"), "owner_unit_id")
    return unit.id if unit else None
