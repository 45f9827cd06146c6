"""Pure permission predicates and the service-side guards that raise on refusal."""

from __future__ import annotations

import sqlalchemy as sa

from workshop.actors import Actor
from workshop.errors import NotAllowed, NotFound
from workshop.extensions import db
from workshop.models import Workshop, WorkshopStaff


def staff_role(user, workshop: Workshop) -> str | None:
    """The user's role in this workshop ("facilitator", "secretary") or None."""
    if user is None or not user.active:
        return None
    if user.is_admin:
        return "facilitator"
    stmt = sa.select(WorkshopStaff.role).where(
        WorkshopStaff.workshop_id == workshop.id, WorkshopStaff.user_id == user.id
    )
    roles = set(db.session.scalars(stmt))
    if "facilitator" in roles:
        return "facilitator"
    return "secretary" if "secretary" in roles else None


def can_facilitate(actor: Actor, workshop: Workshop) -> bool:
    """Facilitators (and admins) run the workshop."""
    return actor.user is not None and staff_role(actor.user, workshop) == "facilitator"


def can_keep_minutes(actor: Actor, workshop: Workshop) -> bool:
    """Assigned secretaries and facilitators may edit the minutes."""
    return actor.user is not None and staff_role(actor.user, workshop) is not None


def can_view_staff(actor: Actor, workshop: Workshop) -> bool:
    """Staff of this workshop see the console (including who wrote anonymous points)."""
    return can_keep_minutes(actor, workshop)


def is_member(actor: Actor, workshop: Workshop) -> bool:
    """An admitted participant of exactly this workshop."""
    p = actor.participant
    return p is not None and p.workshop_id == workshop.id and p.status == "admitted"


def require_facilitator(actor: Actor, workshop: Workshop) -> None:
    """Refuse unless the actor facilitates this workshop (a foreign workshop looks absent)."""
    if can_facilitate(actor, workshop):
        return
    raise _refusal(actor, workshop)


def require_staff(actor: Actor, workshop: Workshop) -> None:
    """Refuse unless the actor is staff of this workshop."""
    if can_view_staff(actor, workshop):
        return
    raise _refusal(actor, workshop)


def require_member(actor: Actor, workshop: Workshop) -> None:
    """Refuse unless the actor is an admitted participant of this workshop."""
    if is_member(actor, workshop):
        return
    p = actor.participant
    if p is not None and p.workshop_id == workshop.id:
        raise NotAllowed("removed" if p.status == "removed" else "not_admitted")
    raise _refusal(actor, workshop)


def _refusal(actor: Actor, workshop: Workshop):
    """Outsiders learn nothing about another workshop: they get not_found, insiders forbidden."""
    p = actor.participant
    if p is not None and p.workshop_id != workshop.id:
        return NotFound()
    if actor.user is not None and staff_role(actor.user, workshop) is None:
        return NotFound()
    return NotAllowed()
