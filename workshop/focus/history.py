"""Reading a point's edit history (staff, and the author for their own point)."""

from __future__ import annotations

from workshop.actors import Actor
from workshop.errors import NotAllowed
from workshop.permissions import can_view_staff, require_member
from workshop.workshops.services import get_workshop

from .loading import point_in
from .services import point_history


def history(actor: Actor, workshop_id, point_id) -> list[dict]:
    """Every version of a point's text; participants may read only their own points'."""
    workshop = get_workshop(workshop_id)
    if not can_view_staff(actor, workshop):
        require_member(actor, workshop)
    point = point_in(workshop, point_id)
    if not can_view_staff(actor, workshop) and point.author_id != actor.participant.id:
        raise NotAllowed(field="point")
    return point_history(point)
