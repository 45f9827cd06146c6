"""Participants propose focus points and, until the discussion starts, edit or withdraw them."""

from __future__ import annotations

import sqlalchemy as sa

from workshop import audit
from workshop.actors import Actor
from workshop.errors import NotAllowed
from workshop.extensions import db
from workshop.models import Workshop, utcnow
from workshop.models.focus import FocusPoint, FocusPointRevision
from workshop.permissions import require_member
from workshop.text.normalize import validate_text
from workshop.transaction import commit
from workshop.workshops.services import get_workshop

from . import rules
from .broadcast import contributions_changed, point_event, point_gone
from .loading import open_point_in, themes_in
from .similarity import similar_to

TITLE_MAX = 140
DESCRIPTION_MAX = 2000


def point_fields(workshop: Workshop, data: dict) -> dict:
    """Validated title, description and theme tags of a point."""
    return {
        "title": validate_text(data.get("title"), field="title", max_len=TITLE_MAX),
        "description": validate_text(data.get("description") or "", field="description",
                                     max_len=DESCRIPTION_MAX, required=False, multiline=True),
        "tags": themes_in(workshop, data.get("tags")),
    }


def add_revision(point: FocusPoint, actor: Actor, reason: str = "") -> None:
    """Keep this version of the point's text in its history (append-only)."""
    db.session.add(FocusPointRevision(
        point_id=point.id, title=point.title, description=point.description,
        editor_kind="author" if actor.participant is not None else "facilitator",
        editor_participant_id=actor.participant.id if actor.participant else None,
        editor_user_id=actor.user.id if actor.user else None, reason=reason))


def _top_position(workshop: Workshop) -> int:
    """New points go first, so the newest is visible without scrolling."""
    lowest = db.session.scalar(sa.select(sa.func.min(FocusPoint.position))
                               .where(FocusPoint.workshop_id == workshop.id))
    return (lowest or 0) - 1


def propose_point(actor: Actor, workshop_id, data: dict) -> dict:
    """A participant proposes a point; every screen shows it at once."""
    workshop = get_workshop(workshop_id)
    require_member(actor, workshop)
    rules.require_proposing(workshop)
    fields = point_fields(workshop, data)
    similar = similar_to(workshop, fields["title"])
    me = actor.participant
    point = FocusPoint(workshop_id=workshop.id, author_id=me.id, discipline_id=me.discipline_id,
                       title=fields["title"], description=fields["description"],
                       tags=fields["tags"], position=_top_position(workshop),
                       anonymous=bool(workshop.setting("anonymous_proposals")))
    point.updated_at = point.created_at = utcnow()
    db.session.add(point)
    db.session.flush()
    add_revision(point, actor)
    audit.record(actor, workshop, "focus.propose", target=f"point:{point.id}")
    point_event(workshop, "point_proposed", point, similar=[s["id"] for s in similar])
    contributions_changed(workshop.id)
    return commit({"point": point.id, "similar": similar})


def own_point(actor: Actor, workshop: Workshop, point_id) -> FocusPoint:
    """A visible point written by this participant, while authors may still change it."""
    require_member(actor, workshop)
    point = open_point_in(workshop, point_id)
    if point.author_id != actor.participant.id:
        raise NotAllowed(field="point")
    rules.require_author_edits(workshop)
    return point


def edit_own_point(actor: Actor, workshop_id, point_id, data: dict) -> dict:
    """The author rewords their point; the old text stays in the history."""
    workshop = get_workshop(workshop_id)
    point = own_point(actor, workshop, point_id)
    fields = point_fields(workshop, data)
    apply_fields(point, fields)
    add_revision(point, actor)
    audit.record(actor, workshop, "focus.edit_own", target=f"point:{point.id}")
    point_event(workshop, "point_updated", point)
    return commit({"point": point.id})


def apply_fields(point: FocusPoint, fields: dict) -> None:
    """Set a point's text and tags and mark it edited."""
    point.title, point.description = fields["title"], fields["description"]
    point.tags = fields["tags"]
    point.updated_at = utcnow()


def withdraw_point(actor: Actor, workshop_id, point_id) -> dict:
    """The author takes their point back; it disappears from every screen."""
    workshop = get_workshop(workshop_id)
    point = own_point(actor, workshop, point_id)
    point.status, point.updated_at = "withdrawn", utcnow()
    audit.record(actor, workshop, "focus.withdraw", target=f"point:{point.id}")
    point_gone(workshop, "point_withdrawn", point)
    contributions_changed(workshop.id)
    return commit({"point": point.id})
