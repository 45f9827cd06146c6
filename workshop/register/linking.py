"""Planners link workshop points to register items, promote a point, or undo a link.

A link is one dated row (who, when, why); undoing it stamps the row instead of deleting it,
so both directions of the lineage and their history stay readable.
"""

from __future__ import annotations

import sqlalchemy as sa

from workshop import audit
from workshop.actors import Actor
from workshop.errors import BadInput, InvalidState, NotFound
from workshop.extensions import db
from workshop.models import Program, Workshop, utcnow
from workshop.models.focus import FocusPoint
from workshop.models.register import RegisterLink
from workshop.text.normalize import validate_text
from workshop.transaction import commit

from . import messages, suggestions
from .access import require_planner
from .items import active_item, item_fields, new_item
from .structure import owned

LIVE_POINT = ("visible", "hidden")


def program_point(program: Program, point_id, lock: bool = False) -> FocusPoint:
    """A live point of one of this programme's workshops, or a clear refusal."""
    if type(point_id) is not int:
        raise BadInput("invalid_value", field="point")
    stmt = sa.select(FocusPoint).where(FocusPoint.id == point_id)
    point = db.session.scalar(stmt.with_for_update() if lock else stmt)
    if point is None or point.status not in LIVE_POINT:
        raise NotFound("not_found", messages.POINT_GONE, field="point")
    workshop = db.session.get(Workshop, point.workshop_id)
    if workshop.program_id != program.id:
        raise BadInput("invalid_value", messages.OTHER_PROGRAMME, field="point")
    return point


def active_link(point_id: int) -> RegisterLink | None:
    """The point's current link, if any."""
    return db.session.scalar(sa.select(RegisterLink).where(
        RegisterLink.point_id == point_id, RegisterLink.undone_at.is_(None)))


def _reason(value) -> str:
    return validate_text(value or "", field="reason", max_len=1000, required=False,
                         multiline=True)


def add_link(actor: Actor, program: Program, item, point: FocusPoint, kind: str,
             reason: str = "") -> RegisterLink:
    """Record one link (no commit); a point has at most one current link."""
    if active_link(point.id) is not None:
        raise InvalidState("conflict", messages.ALREADY_LINKED, field="point")
    link = RegisterLink(program_id=program.id, item_id=item.id, point_id=point.id, kind=kind,
                        reason=reason, by_user_id=actor.user.id)
    db.session.add(link)
    return link


def _finish(actor: Actor, action: str, link: RegisterLink) -> dict:
    try:
        db.session.flush()
    except sa.exc.IntegrityError as error:  # another planner linked it at the same moment
        db.session.rollback()
        raise InvalidState("conflict", messages.ALREADY_LINKED, field="point") from error
    audit.record(actor, None, action, target=f"item:{link.item_id}", reason=link.reason,
                 point=link.point_id, link=link.id)
    suggestions.forget(link.program_id)
    return commit({"link": link.id, "item": link.item_id, "point": link.point_id})


def link_point(actor: Actor, program_id, point_id, item_id, reason="") -> dict:
    """A planner says this workshop point feeds that register item."""
    program = require_planner(actor, program_id)
    clean = _reason(reason)
    item = active_item(program, item_id)
    point = program_point(program, point_id, lock=True)
    link = add_link(actor, program, item, point, "link", clean)
    return _finish(actor, "register.link", link)


def promote_point(actor: Actor, program_id, point_id, data: dict) -> dict:
    """A planner turns a workshop point into a new register item, linked to it."""
    program = require_planner(actor, program_id)
    point = program_point(program, point_id, lock=True)
    if active_link(point.id) is not None:
        raise InvalidState("conflict", messages.ALREADY_LINKED, field="point")
    fields = item_fields(program, {"title": point.title, "description": point.description,
                                   "theme_id": point.group_theme_id, **data})
    clean = _reason(data.get("reason"))
    workshop = db.session.get(Workshop, point.workshop_id)
    fields["phase_id"] = fields["phase_id"] or workshop.phase_id
    fields["part_id"] = fields["part_id"] or workshop.part_id
    item = new_item(actor, program, fields)
    link = add_link(actor, program, item, point, "promote", clean)
    suggestions.forget(program.id)
    return _finish(actor, "register.promote", link)


def unlink(actor: Actor, program_id, link_id, reason="") -> dict:
    """Undo a link: the row stays, dated, with who undid it and why."""
    program = require_planner(actor, program_id)
    clean = _reason(reason)
    link = owned(RegisterLink, program, link_id, "link")
    if link.undone_at is not None:
        raise InvalidState("conflict", messages.NOT_LINKED, field="link")
    active_item(program, link.item_id)
    link.undone_at, link.undone_by_user_id, link.undo_reason = utcnow(), actor.user.id, clean
    audit.record(actor, None, "register.unlink", target=f"item:{link.item_id}", reason=clean,
                 point=link.point_id, link=link.id)
    suggestions.forget(program.id)
    return commit({"link": link.id, "item": link.item_id, "point": link.point_id})
