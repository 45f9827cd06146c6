"""The programme dashboard: workshops by phase and kind, participation by discipline over
time, the register by status, and coverage gaps."""

from __future__ import annotations

from collections import Counter, defaultdict

import sqlalchemy as sa

from workshop.actors import Actor
from workshop.extensions import db
from workshop.models import Participant, Program, Workshop
from workshop.models.focus import FocusPoint
from workshop.models.register import RegisterItem, RegisterLink

from .access import is_planner, require_reader
from .coverage import disciplines_of, required_of
from .structure import workshops_of


def _participation(program: Program) -> dict[int, Counter]:
    """Workshop -> discipline -> admitted participants."""
    stmt = sa.select(Participant.workshop_id, Participant.discipline_id, sa.func.count()).join(
        Workshop, Workshop.id == Participant.workshop_id).where(
        Workshop.program_id == program.id, Participant.status == "admitted").group_by(
        Participant.workshop_id, Participant.discipline_id)
    out: dict[int, Counter] = defaultdict(Counter)
    for workshop_id, discipline, n in db.session.execute(stmt):
        out[workshop_id][discipline] += n
    return out


def never_in_the_room(program: Program, required: list[int]) -> dict[int, int]:
    """Required discipline -> active items none of whose workshops it attended."""
    present = sa.select(RegisterLink.item_id, Participant.discipline_id).join(
        FocusPoint, FocusPoint.id == RegisterLink.point_id).join(
        Participant, Participant.workshop_id == FocusPoint.workshop_id).where(
        RegisterLink.program_id == program.id, RegisterLink.undone_at.is_(None),
        Participant.status == "admitted").distinct()
    heard = Counter(d for _item, d in db.session.execute(present))
    items = db.session.scalar(sa.select(sa.func.count(RegisterItem.id)).where(
        RegisterItem.program_id == program.id, RegisterItem.state == "active",
        RegisterItem.status != "set_aside"))
    return {d: items - heard.get(d, 0) for d in required}


def dashboard(actor: Actor, program_id) -> dict:
    """Everything the dashboard shows, computed with grouped queries."""
    program = require_reader(actor, program_id)
    workshops = workshops_of(program)
    by_phase = Counter((w.phase_id, w.kind) for w in workshops)
    statuses = dict(db.session.execute(sa.select(RegisterItem.status, sa.func.count()).where(
        RegisterItem.program_id == program.id, RegisterItem.state == "active")
        .group_by(RegisterItem.status)).all())
    required = required_of(program)
    return {"program": program, "workshops": workshops, "by_phase": by_phase,
            "participation": _participation(program), "disciplines": disciplines_of(program),
            "statuses": statuses, "required": required,
            "gaps": never_in_the_room(program, required), "planner": is_planner(actor, program)}
