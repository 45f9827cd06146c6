"""The facilitator edits, hides, restores, orders and groups points and pins annotations.

Every action is audited with who, what, when and why.
"""

from __future__ import annotations

import sqlalchemy as sa

from workshop import audit
from workshop.actors import Actor
from workshop.errors import BadInput, InvalidState, NotFound
from workshop.extensions import db
from workshop.models import Workshop, utcnow
from workshop.models.focus import FocusPoint
from workshop.permissions import require_facilitator
from workshop.realtime.publish import publish, publish_unversioned
from workshop.realtime.rooms import participant_room
from workshop.text.normalize import validate_text
from workshop.transaction import commit
from workshop.workshops.services import get_workshop

from . import rules
from .broadcast import annotation_event, point_event, point_gone
from .loading import MERGED_AWAY, annotation_in, point_in, theme_in
from .proposing import add_revision, apply_fields, point_fields

REASON_MAX = 500
MAX_ORDER = 2000


def facilitated(actor: Actor, workshop_id) -> Workshop:
    """The workshop, if the actor facilitates it and it is not closed."""
    workshop = get_workshop(workshop_id)
    require_facilitator(actor, workshop)
    rules.require_not_closed(workshop)
    return workshop


def live_point(workshop: Workshop, point_id) -> FocusPoint:
    point = point_in(workshop, point_id)
    if point.status == "merged":
        raise NotFound("not_found", MERGED_AWAY, field="point", merged_into=point.merged_into_id)
    if point.status not in ("visible", "hidden"):
        raise NotFound(field="point")
    return point


def _reason(value, required: bool) -> str:
    return validate_text(value or "", field="reason", max_len=REASON_MAX, required=required)


def edit_point(actor: Actor, workshop_id, point_id, data: dict) -> dict:
    """The facilitator rewords a point (e.g. to make it clearer); history keeps both."""
    workshop = facilitated(actor, workshop_id)
    point = live_point(workshop, point_id)
    fields, reason = point_fields(workshop, data), _reason(data.get("reason"), False)
    apply_fields(point, fields)
    add_revision(point, actor, reason)
    audit.record(actor, workshop, "focus.moderate_edit", target=f"point:{point.id}",
                 reason=reason)
    point_event(workshop, "point_updated", point)
    return commit({"point": point.id})


def hide_point(actor: Actor, workshop_id, point_id, reason) -> dict:
    """The facilitator hides a point with a reason; it leaves every phone and the projector."""
    workshop = facilitated(actor, workshop_id)
    point = live_point(workshop, point_id)
    if point.status == "hidden":
        raise InvalidState("conflict", field="point")
    point.hidden_reason = _reason(reason, True)
    point.status = "hidden"
    audit.record(actor, workshop, "focus.hide", target=f"point:{point.id}",
                 reason=point.hidden_reason)
    point_gone(workshop, "point_hidden", point)
    if point.author_id is not None:
        publish_unversioned("point_hidden_notice", participant_room(point.author_id),
                            {"point_id": point.id, "title": point.title,
                             "reason": point.hidden_reason})
    return commit({"point": point.id})


def restore_point(actor: Actor, workshop_id, point_id) -> dict:
    """The facilitator brings a hidden point back on every screen."""
    workshop = facilitated(actor, workshop_id)
    point = live_point(workshop, point_id)
    if point.status != "hidden":
        raise InvalidState("conflict", field="point")
    point.status, point.hidden_reason = "visible", ""
    audit.record(actor, workshop, "focus.restore", target=f"point:{point.id}")
    point_event(workshop, "point_restored", point)
    return commit({"point": point.id})


def _order_ids(value) -> list[int]:
    if not isinstance(value, list) or not value or len(value) > MAX_ORDER:
        raise BadInput("invalid_value", field="order")
    if any(type(v) is not int for v in value) or len(set(value)) != len(value):
        raise BadInput("invalid_value", field="order")
    return value


def reorder_points(actor: Actor, workshop_id, order) -> dict:
    """The facilitator sets the order points are shown in; unlisted points follow."""
    workshop = facilitated(actor, workshop_id)
    ids = _order_ids(order)
    points = {p.id: p for p in db.session.scalars(
        sa.select(FocusPoint).where(FocusPoint.workshop_id == workshop.id)
        .order_by(FocusPoint.position, FocusPoint.id.desc()))}
    if not set(ids) <= set(points):
        raise NotFound(field="order")
    rest = [pid for pid in points if pid not in set(ids)]
    for position, pid in enumerate(ids + rest):
        points[pid].position = position
    audit.record(actor, workshop, "focus.reorder", target="points", order=ids)
    visible = [pid for pid in ids + rest if points[pid].status == "visible"]
    live = [pid for pid in ids + rest if points[pid].status in ("visible", "hidden")]
    publish(workshop, "points_reordered", {"order": visible}, {"order": live})
    return commit({"order": live})


def group_point(actor: Actor, workshop_id, point_id, theme_id) -> dict:
    """The facilitator puts a point under a theme (or takes it out with None)."""
    workshop = facilitated(actor, workshop_id)
    point = live_point(workshop, point_id)
    theme = None if theme_id is None else theme_in(workshop, theme_id)
    point.group_theme_id = theme.id if theme else None
    audit.record(actor, workshop, "focus.group", target=f"point:{point.id}",
                 theme=point.group_theme_id)
    point_event(workshop, "point_grouped", point)
    return commit({"point": point.id, "theme": point.group_theme_id})


def pin_annotation(actor: Actor, workshop_id, annotation_id, pinned) -> dict:
    """The facilitator pins (or unpins) an annotation to the top of its point."""
    workshop = facilitated(actor, workshop_id)
    note = annotation_in(workshop, annotation_id)
    if type(pinned) is not bool:
        raise BadInput("invalid_value", field="pinned")
    if note.status != "visible":
        raise NotFound(field="annotation")
    note.pinned = pinned
    audit.record(actor, workshop, "focus.pin" if pinned else "focus.unpin",
                 target=f"annotation:{note.id}")
    annotation_event(workshop, "annotation_pinned", note, db.session.get(FocusPoint,
                                                                          note.point_id))
    return commit({"annotation": note.id, "pinned": pinned})


def hide_annotation(actor: Actor, workshop_id, annotation_id, reason) -> dict:
    """The facilitator hides an offensive or off-topic annotation, with a reason."""
    workshop = facilitated(actor, workshop_id)
    note = annotation_in(workshop, annotation_id)
    if note.status != "visible":
        raise InvalidState("conflict", field="annotation")
    note.hidden_reason, note.status = _reason(reason, True), "hidden"
    note.updated_at = utcnow()
    audit.record(actor, workshop, "focus.annotation_hide", target=f"annotation:{note.id}",
                 reason=note.hidden_reason)
    annotation_event(workshop, "annotation_hidden", note, db.session.get(FocusPoint,
                                                                         note.point_id))
    return commit({"annotation": note.id})


def restore_annotation(actor: Actor, workshop_id, annotation_id) -> dict:
    """The facilitator brings a hidden annotation back."""
    workshop = facilitated(actor, workshop_id)
    note = annotation_in(workshop, annotation_id)
    if note.status != "hidden":
        raise InvalidState("conflict", field="annotation")
    note.status, note.hidden_reason = "visible", ""
    audit.record(actor, workshop, "focus.annotation_restore", target=f"annotation:{note.id}")
    annotation_event(workshop, "annotation_restored", note, db.session.get(FocusPoint,
                                                                           note.point_id))
    return commit({"annotation": note.id})
