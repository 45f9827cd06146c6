"""The facilitator merges near-duplicate points and undoes a merge until a vote used it.

The survivor keeps the merged points' annotations, their authors (through the lineage) and
their theme tags; the lineage stays visible on the survivor.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from workshop import audit
from workshop.actors import Actor
from workshop.errors import BadInput, InvalidState, NotFound
from workshop.extensions import db
from workshop.models import Workshop, utcnow
from workshop.models.annotation import Annotation
from workshop.models.focus import FocusPoint, FocusPointMerge
from workshop.realtime.publish import publish
from workshop.transaction import commit

from .broadcast import summary
from .loading import point_in
from .moderation import facilitated, live_point
from .serialize import lineage, merged_children
from .voting_link import point_used_in_round

MAX_MERGED = 20
USED_IN_VOTE = _l("A voting round has already used this point, so the merge cannot change.")
NOT_MERGED = _l("This point is not merged into another one.")


def _merged_ids(survivor_id, merged) -> list[int]:
    if not isinstance(merged, list) or not 1 <= len(merged) <= MAX_MERGED:
        raise BadInput("invalid_value", field="merged")
    if any(type(v) is not int for v in merged) or len(set(merged)) != len(merged):
        raise BadInput("invalid_value", field="merged")
    if survivor_id in merged:
        raise BadInput("invalid_value", field="merged")
    return merged


def _fold(workshop: Workshop, survivor: FocusPoint, point: FocusPoint, actor: Actor) -> None:
    """Fold one point into the survivor: status, lineage row, annotations and tags."""
    if point_used_in_round(point.id):
        raise InvalidState("invalid_stage", USED_IN_VOTE, field="merged")
    db.session.add(FocusPointMerge(workshop_id=workshop.id, survivor_id=survivor.id,
                                   merged_id=point.id, by_user_id=actor.user.id,
                                   previous_status=point.status))
    point.status, point.merged_into_id, point.merged_at = "merged", survivor.id, utcnow()
    db.session.execute(sa.update(Annotation).where(Annotation.point_id == point.id)
                       .values(point_id=survivor.id))
    survivor.tags = survivor.tags + [t for t in point.tags if t not in survivor.tags]


def merge_points(actor: Actor, workshop_id, survivor_id, merged) -> dict:
    """Merge two or more points into one survivor; phones drop the merged ones."""
    workshop = facilitated(actor, workshop_id)
    survivor = live_point(workshop, survivor_id)
    ids = _merged_ids(survivor.id, merged)
    points = [live_point(workshop, pid) for pid in ids]
    for point in points:
        _fold(workshop, survivor, point, actor)
    db.session.flush()
    db.session.expire_all()
    audit.record(actor, workshop, "focus.merge", target=f"point:{survivor.id}", merged=ids)
    public = summary(survivor, workshop, "phone") if survivor.status == "visible" else None
    publish(workshop, "points_merged", {"point": public, "merged_ids": ids},
            {"point": summary(survivor, workshop, "staff"), "merged_ids": ids})
    return commit({"point": survivor.id, "merged": ids})


def _subtree(point: FocusPoint) -> set[int]:
    """The point and everything merged into it, whose annotations go back with it."""
    children = merged_children(point.workshop_id)
    return {point.id, *(p.id for p in lineage(point.id, children))}


def _active_merge(point: FocusPoint) -> FocusPointMerge:
    merge = db.session.scalar(sa.select(FocusPointMerge).where(
        FocusPointMerge.merged_id == point.id, FocusPointMerge.undone_at.is_(None)))
    if point.status != "merged" or merge is None:
        raise NotFound("not_found", NOT_MERGED, field="point")
    return merge


def unmerge_point(actor: Actor, workshop_id, point_id) -> dict:
    """Take a merged point out of its survivor again, with its own annotations."""
    workshop = facilitated(actor, workshop_id)
    point = point_in(workshop, point_id)
    merge = _active_merge(point)
    survivor = db.session.get(FocusPoint, merge.survivor_id)
    if point_used_in_round(survivor.id) or point_used_in_round(point.id):
        raise InvalidState("invalid_stage", USED_IN_VOTE, field="point")
    moving = _subtree(point)
    db.session.execute(sa.update(Annotation).where(
        Annotation.point_id == survivor.id, Annotation.origin_point_id.in_(moving))
        .values(point_id=point.id))
    merge.undone_at, merge.undone_by_user_id = utcnow(), actor.user.id
    point.status, point.merged_into_id, point.merged_at = merge.previous_status, None, None
    db.session.flush()
    db.session.expire_all()
    audit.record(actor, workshop, "focus.unmerge", target=f"point:{point.id}",
                 survivor=survivor.id)
    # Annotations move between points here, so screens reload the focus state as a whole.
    publish(workshop, "point_unmerged", {"point_id": point.id, "survivor_id": survivor.id},
            {"point_id": point.id, "survivor_id": survivor.id,
             "point": summary(point, workshop, "staff"),
             "survivor": summary(survivor, workshop, "staff")})
    return commit({"point": point.id, "survivor": survivor.id})
