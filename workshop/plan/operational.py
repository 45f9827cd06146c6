"""The operational level: owner units, two-year operational plans, projects, budgets and
milestones."""

from __future__ import annotations

import sqlalchemy as sa

from workshop import audit
from workshop.actors import Actor
from workshop.errors import BadInput
from workshop.extensions import db
from workshop.models import Program
from workshop.models.plan import (
    UNIT_KINDS,
    OperationalPlan,
    PlanBudget,
    PlanMilestone,
    PlanProject,
    PlanStrategy,
    PlanUnit,
)
from workshop.register.access import require_planner
from workshop.register.structure import optional_owned, owned
from workshop.text.normalize import validate_text
from workshop.transaction import commit

from . import fields, messages
from .strategic import _unique_code, plan_years


def add_unit(actor: Actor, program_id, data: dict) -> PlanUnit:
    """A planner adds an owner unit: a deputy, an organisation or a district."""
    program = require_planner(actor, program_id)
    if data.get("kind") not in UNIT_KINDS:
        raise BadInput("invalid_value", field="kind")
    key = fields.code(data.get("key"), "key")
    if db.session.scalar(sa.select(PlanUnit.id).where(PlanUnit.program_id == program.id,
                                                      PlanUnit.key == key)):
        raise BadInput("invalid_value", message=str(messages.TAKEN_CODE), field="key")
    unit = PlanUnit(program_id=program.id, key=key, kind=data["kind"], **fields.names(data))
    db.session.add(unit)
    db.session.flush()
    audit.record(actor, None, "plan.unit_add", target=f"unit:{unit.id}", key=key)
    commit({"unit": unit.id})
    return unit


def add_operational(actor: Actor, program_id, data: dict) -> OperationalPlan:
    """A planner opens a two-year operational plan inside the strategic plan's years."""
    program = require_planner(actor, program_id)
    first = fields.within(fields.year(data.get("first_year"), "first_year"),
                          plan_years(program), "first_year")
    fields.within(first + 1, plan_years(program), "first_year")
    if db.session.scalar(sa.select(OperationalPlan.id).where(
            OperationalPlan.program_id == program.id, OperationalPlan.first_year == first)):
        raise BadInput("invalid_value", message=str(messages.TAKEN_CODE), field="first_year")
    plan = OperationalPlan(program_id=program.id, first_year=first, **fields.names(data))
    db.session.add(plan)
    db.session.flush()
    audit.record(actor, None, "plan.operational_add", target=f"operational:{plan.id}")
    commit({"operational": plan.id})
    return plan


def _budgets(plan: OperationalPlan, data: dict) -> dict[int, int]:
    """{year: allocated rials}, every year inside the operational plan."""
    out = {}
    for year, amount in (data.get("budgets") or {}).items():
        y = fields.within(fields.year(year, f"budget_{year}"), plan.years, f"budget_{year}")
        out[y] = fields.rials(amount, f"budget_{year}")
    return out


def _placement(program: Program, data: dict):
    plan = owned(OperationalPlan, program, data.get("operational_id"), "operational_id")
    strategy = owned(PlanStrategy, program, data.get("strategy_id"), "strategy_id")
    parent = optional_owned(PlanProject, program, data.get("parent_id"), "parent_id")
    if parent and (parent.operational_id, parent.strategy_id) != (plan.id, strategy.id):
        raise BadInput("invalid_value", message=str(messages.PARENT_ELSEWHERE),
                       field="parent_id")
    return plan, strategy, parent


def _dates(plan: OperationalPlan, data: dict):
    starts = fields.jalali_date(data.get("starts_on"), "starts_on")
    ends = fields.jalali_date(data.get("ends_on"), "ends_on")
    fields.within(fields.jalali_year(starts), plan.years, "starts_on")
    fields.within(fields.jalali_year(ends), plan.years, "ends_on")
    if ends < starts:
        raise BadInput("invalid_value", message=str(messages.BAD_DATES), field="ends_on")
    return starts, ends


def add_project(actor: Actor, program_id, data: dict) -> PlanProject:
    """A planner adds a project (or a sub-project) to an operational plan's portfolio."""
    program = require_planner(actor, program_id)
    plan, strategy, parent = _placement(program, data)
    unit = owned(PlanUnit, program, data.get("unit_id"), "unit_id")
    starts, ends = _dates(plan, data)
    budgets = _budgets(plan, data)
    project = PlanProject(
        program_id=program.id, operational_id=plan.id, strategy_id=strategy.id,
        parent_id=parent.id if parent else None, unit_id=unit.id, starts_on=starts, ends_on=ends,
        code=_unique_code(PlanProject, program, fields.code(data.get("code"))),
        weight=_weight(data.get("weight", 1)), **fields.names(data))
    db.session.add(project)
    db.session.flush()
    db.session.add_all(PlanBudget(project_id=project.id, year=y, allocated=a)
                       for y, a in budgets.items())
    audit.record(actor, None, "plan.project_add", target=f"project:{project.id}")
    commit({"project": project.id})
    return project


def _weight(value) -> float:
    weight = fields.number(value, "weight")
    if weight <= 0:
        raise BadInput("invalid_value", field="weight")
    return weight


def set_budget(actor: Actor, program_id, project_id, year, allocated, spent) -> PlanBudget:
    """A planner sets a project's allocated and spent rials for one year of its plan."""
    program = require_planner(actor, program_id)
    project = owned(PlanProject, program, project_id, "project_id")
    plan = db.session.get(OperationalPlan, project.operational_id)
    y = fields.within(fields.year(year), plan.years)
    row = db.session.scalar(sa.select(PlanBudget).where(
        PlanBudget.project_id == project.id, PlanBudget.year == y)) or PlanBudget(
        project_id=project.id, year=y)
    row.allocated, row.spent = fields.rials(allocated, "allocated"), fields.rials(spent, "spent")
    db.session.add(row)
    audit.record(actor, None, "plan.budget", target=f"project:{project.id}", year=y,
                 allocated=row.allocated, spent=row.spent)
    commit()
    return row


def set_progress(actor: Actor, program_id, project_id, progress) -> None:
    """A planner records a leaf project's own progress (parents roll up, see rules.py)."""
    program = require_planner(actor, program_id)
    project = owned(PlanProject, program, project_id, "project_id")
    project.progress = fields.share(progress)
    audit.record(actor, None, "plan.progress", target=f"project:{project.id}",
                 progress=project.progress)
    commit()


def add_milestone(actor: Actor, program_id, project_id, data: dict) -> PlanMilestone:
    """A planner adds a dated milestone to a project."""
    program = require_planner(actor, program_id)
    project = owned(PlanProject, program, project_id, "project_id")
    milestone = PlanMilestone(
        project_id=project.id, due=fields.jalali_date(data.get("due"), "due"),
        title=validate_text(data.get("title"), field="title", max_len=200),
        done_on=fields.jalali_date(data["done_on"], "done_on") if data.get("done_on") else None)
    db.session.add(milestone)
    db.session.flush()
    audit.record(actor, None, "plan.milestone", target=f"project:{project.id}")
    commit({"milestone": milestone.id})
    return milestone
