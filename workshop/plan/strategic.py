"""The strategic level: the plan's years, goals per part, strategies and the focus points
they answer."""

from __future__ import annotations

import sqlalchemy as sa

from workshop import audit
from workshop.actors import Actor
from workshop.errors import BadInput
from workshop.extensions import db
from workshop.models import Program
from workshop.models.plan import PlanFrame, PlanGoal, PlanStrategy, PlanStrategyItem
from workshop.models.register import ProgramPart, RegisterItem
from workshop.register.access import require_planner
from workshop.register.structure import owned
from workshop.transaction import commit

from . import fields, messages
from .statuses import ensure_defaults


def frame_of(program: Program) -> PlanFrame | None:
    """The programme's strategic horizon, if set."""
    return db.session.scalar(sa.select(PlanFrame).where(PlanFrame.program_id == program.id))


def plan_years(program: Program) -> range:
    """The strategic plan's Jalali years (refuses until they are set)."""
    frame = frame_of(program)
    if frame is None:
        raise BadInput("invalid_value", message=str(messages.NO_FRAME), field="year")
    return range(frame.first_year, frame.last_year + 1)


def set_frame(actor: Actor, program_id, first, last) -> PlanFrame:
    """A planner sets the strategic plan's first and last Jalali year."""
    program = require_planner(actor, program_id)
    first, last = fields.year(first, "first_year"), fields.year(last, "last_year")
    if not 1 <= last - first <= 24:
        raise BadInput("invalid_value", message=str(messages.BAD_SPAN), field="last_year")
    frame = frame_of(program) or PlanFrame(program_id=program.id)
    frame.first_year, frame.last_year = first, last
    db.session.add(frame)
    ensure_defaults(program)
    audit.record(actor, None, "plan.frame", target=f"program:{program.id}", first=first,
                 last=last)
    commit()
    return frame


def _unique_code(model, program: Program, code: str) -> str:
    taken = db.session.scalar(sa.select(model.id).where(model.program_id == program.id,
                                                        model.code == code))
    if taken is not None:
        raise BadInput("invalid_value", message=str(messages.TAKEN_CODE), field="code")
    return code


def _position(model, **where) -> int:
    query = sa.select(sa.func.count(model.id))
    for column, value in where.items():
        query = query.where(getattr(model, column) == value)
    return db.session.scalar(query)


def add_goal(actor: Actor, program_id, data: dict) -> PlanGoal:
    """A planner adds a goal to a part of the programme."""
    program = require_planner(actor, program_id)
    part = owned(ProgramPart, program, data.get("part_id"), "part_id")
    code = _unique_code(PlanGoal, program, fields.code(data.get("code")))
    goal = PlanGoal(program_id=program.id, part_id=part.id, code=code,
                    position=_position(PlanGoal, part_id=part.id), **fields.names(data))
    db.session.add(goal)
    db.session.flush()
    audit.record(actor, None, "plan.goal_add", target=f"goal:{goal.id}", code=code)
    commit({"goal": goal.id})
    return goal


def add_strategy(actor: Actor, program_id, data: dict) -> PlanStrategy:
    """A planner adds a strategy under a goal, answering some register items."""
    program = require_planner(actor, program_id)
    goal = owned(PlanGoal, program, data.get("goal_id"), "goal_id")
    code = _unique_code(PlanStrategy, program, fields.code(data.get("code")))
    items = [_item_of(program, item_id) for item_id in data.get("item_ids") or ()]
    strategy = PlanStrategy(program_id=program.id, goal_id=goal.id, code=code,
                            position=_position(PlanStrategy, goal_id=goal.id),
                            **fields.names(data))
    db.session.add(strategy)
    db.session.flush()
    for item in items:
        _link(actor, strategy, item)
    audit.record(actor, None, "plan.strategy_add", target=f"strategy:{strategy.id}", code=code)
    commit({"strategy": strategy.id})
    return strategy


def _item_of(program: Program, item_id) -> RegisterItem:
    item = db.session.get(RegisterItem, item_id) if type(item_id) is int else None
    if item is None or item.state != "active":
        raise BadInput("not_found", field="item_id")
    if item.program_id != program.id:
        raise BadInput("invalid_value", message=str(messages.OTHER_PROGRAMME_ITEM),
                       field="item_id")
    return item


def _link(actor: Actor, strategy: PlanStrategy, item: RegisterItem) -> None:
    exists = db.session.scalar(sa.select(PlanStrategyItem.id).where(
        PlanStrategyItem.strategy_id == strategy.id, PlanStrategyItem.item_id == item.id))
    if exists is None:
        db.session.add(PlanStrategyItem(strategy_id=strategy.id, item_id=item.id,
                                        by_user_id=actor.user.id))


def link_item(actor: Actor, program_id, strategy_id, item_id) -> None:
    """A planner records that a strategy answers a register focus point of this programme."""
    program = require_planner(actor, program_id)
    strategy = owned(PlanStrategy, program, strategy_id, "strategy_id")
    _link(actor, strategy, _item_of(program, item_id))
    audit.record(actor, None, "plan.strategy_link", target=f"strategy:{strategy.id}",
                 item=item_id)
    commit()


def unlink_item(actor: Actor, program_id, strategy_id, item_id) -> None:
    """A planner removes a strategy's answer to a focus point (kept in the audit log)."""
    program = require_planner(actor, program_id)
    strategy = owned(PlanStrategy, program, strategy_id, "strategy_id")
    db.session.execute(sa.delete(PlanStrategyItem).where(
        PlanStrategyItem.strategy_id == strategy.id, PlanStrategyItem.item_id == item_id))
    audit.record(actor, None, "plan.strategy_unlink", target=f"strategy:{strategy.id}",
                 item=item_id)
    commit()
