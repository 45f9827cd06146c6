"""The planners' "to link" queue: points of closed workshops not yet in the register."""

from __future__ import annotations

import sqlalchemy as sa

from workshop.actors import Actor
from workshop.errors import BadInput
from workshop.extensions import db
from workshop.models import Workshop
from workshop.models.focus import FocusPoint
from workshop.models.register import RegisterLink

from . import suggestions
from .access import require_planner, require_reader

PAGE = 30


def _unlinked(program_id: int):
    linked = sa.select(RegisterLink.point_id).where(RegisterLink.undone_at.is_(None))
    return sa.select(FocusPoint, Workshop).join(Workshop).where(
        Workshop.program_id == program_id, Workshop.status == "closed",
        FocusPoint.status == "visible", FocusPoint.id.not_in(linked))


def queue_count(program_id: int) -> int:
    """How many closed-workshop points still wait for a link."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(
        _unlinked(program_id).subquery()))


def to_link(actor: Actor, program_id, page: int = 1, workshop_id=None) -> dict:
    """One page of the queue, each point with its near-duplicate suggestions."""
    program = require_planner(actor, program_id)
    if type(page) is not int or page < 1:
        raise BadInput("invalid_value", field="page")
    stmt = _unlinked(program.id)
    if workshop_id is not None:
        stmt = stmt.where(Workshop.id == workshop_id)
    rows = db.session.execute(stmt.order_by(Workshop.id, FocusPoint.position, FocusPoint.id)
                              .offset((page - 1) * PAGE).limit(PAGE)).all()
    return {"total": queue_count(program.id), "page": page, "rows": [
        {"point": point, "workshop": workshop,
         "suggestions": suggestions.similar_items(program.id, point.title)}
        for point, workshop in rows]}


def suggest_for(actor: Actor, program_id, text) -> list[dict]:
    """Items resembling a text typed while linking (readers may look too)."""
    from workshop.text.normalize import validate_text

    program = require_reader(actor, program_id)
    clean = validate_text(text, field="text", max_len=200, required=False)
    return suggestions.similar_items(program.id, clean) if len(clean) >= 3 else []
