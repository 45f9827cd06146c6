"""Statuses are rows each programme defines: a name, a level and the largest gap they hold."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from workshop import audit
from workshop.actors import Actor
from workshop.errors import BadInput
from workshop.extensions import db
from workshop.models import Program
from workshop.models.plan import LEVELS, PlanStatus
from workshop.register.access import require_planner
from workshop.transaction import commit

from . import fields

DEFAULTS = (("on_track", "on_track", 10.0, "در مسیر", "On track"),
            ("at_risk", "at_risk", 25.0, "در معرض خطر", "At risk"),
            ("off_track", "off_track", None, "خارج از مسیر", "Off track"))


@dataclass(frozen=True)
class Status:
    """A status row as a plain value (read for every project and indicator of a page)."""

    id: int
    key: str
    level: str
    max_gap: float | None
    name_fa: str
    name_en: str

    def name(self, lang: str) -> str:
        return self.name_fa if lang == "fa" else self.name_en


def statuses_of(program: Program) -> list[Status]:
    """The programme's statuses in the order the rule tries them."""
    rows = db.session.execute(sa.select(
        PlanStatus.id, PlanStatus.key, PlanStatus.level, PlanStatus.max_gap, PlanStatus.name_fa,
        PlanStatus.name_en).where(PlanStatus.program_id == program.id).order_by(
        PlanStatus.position, PlanStatus.id))
    return [Status(*row) for row in rows]


def ensure_defaults(program: Program) -> None:
    """Three statuses to start from (no commit), when the programme has none yet."""
    if statuses_of(program):
        return
    db.session.add_all(PlanStatus(program_id=program.id, key=key, level=level, max_gap=gap,
                                  name_fa=fa, name_en=en, position=n)
                       for n, (key, level, gap, fa, en) in enumerate(DEFAULTS))


def set_status(actor: Actor, program_id, data: dict) -> PlanStatus:
    """A planner adds or changes a status row (by key): names, level, largest gap, order."""
    program = require_planner(actor, program_id)
    key = fields.code(data.get("key"), "key")
    if data.get("level") not in LEVELS:
        raise BadInput("invalid_value", field="level")
    gap = data.get("max_gap")
    row = db.session.scalar(sa.select(PlanStatus).where(
        PlanStatus.program_id == program.id, PlanStatus.key == key)) or PlanStatus(
        program_id=program.id, key=key)
    row.level, row.position = data["level"], int(fields.number(data.get("position", 0),
                                                               "position"))
    row.max_gap = None if gap in (None, "") else fields.number(gap, "max_gap")
    for field, value in fields.names(data).items():
        setattr(row, field, value)
    db.session.add(row)
    audit.record(actor, None, "plan.status", target=f"program:{program.id}", key=key)
    commit()
    return row
