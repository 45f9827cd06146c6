"""What each audience sees of points and annotations (staff see authors, even anonymous ones).

Audiences: "staff" (console), "phone", "projector" and "export" (minutes). Everything but
"staff" is public: no author of an anonymous contribution, no hidden or deleted items.
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa

from workshop.extensions import db
from workshop.models.annotation import ANNOTATION_KINDS, Annotation
from workshop.models.focus import FocusPoint, FocusPointMerge

STAFF = "staff"


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def shows_author(item, workshop, audience: str) -> bool:
    """Staff always see who wrote it; others only when the contribution is not anonymous."""
    if audience == STAFF:
        return True
    return not (item.anonymous or workshop.setting("anonymous_proposals"))


def _discipline(item, workshop, audience: str) -> int | None:
    """An anonymous contribution shows no discipline outside staff: in a small room the one
    person of a discipline would be named by it (issue 11, k-anonymity)."""
    return item.discipline_id if shows_author(item, workshop, audience) else None


def _author(item, workshop, audience: str) -> dict | None:
    if item.author is None or not shows_author(item, workshop, audience):
        return None
    data = {"name": item.author.display_name}
    if audience == STAFF:
        data["id"] = item.author_id
    return data


def empty_counts() -> dict:
    """Counts of a point without annotations."""
    return {"by_kind": dict.fromkeys(ANNOTATION_KINDS, 0), "by_discipline": {}, "total": 0,
            "replies": 0}


def annotation_counts(point_ids: list[int], public_for=None) -> dict[int, dict]:
    """Visible annotations per point by kind and by discipline (replies counted apart). For a
    public audience (`public_for` is the workshop) anonymous ones count under no discipline:
    "1 concern from health" would name the one health person in the room."""
    counts = {pid: empty_counts() for pid in point_ids}
    if not point_ids:
        return counts
    everyone_anonymous = public_for is not None and public_for.setting("anonymous_proposals")
    stmt = (sa.select(Annotation.point_id, Annotation.kind, Annotation.discipline_id,
                      Annotation.anonymous, sa.func.count())
            .where(Annotation.point_id.in_(point_ids), Annotation.status == "visible")
            .group_by(Annotation.point_id, Annotation.kind, Annotation.discipline_id,
                      Annotation.anonymous))
    for point_id, kind, discipline_id, anonymous, n in db.session.execute(stmt):
        hidden = public_for is not None and (anonymous or everyone_anonymous)
        _add_count(counts[point_id], kind, None if hidden else discipline_id, n)
    return counts


def counts_for(point_ids: list[int], workshop, audience: str) -> dict[int, dict]:
    """`annotation_counts` as `audience` may see them."""
    return annotation_counts(point_ids, None if audience == STAFF else workshop)


def _add_count(counts: dict, kind: str, discipline_id, n: int) -> None:
    if kind == "reply":
        counts["replies"] += n
        return
    counts["by_kind"][kind] += n
    counts["total"] += n
    key = str(discipline_id or 0)
    counts["by_discipline"][key] = counts["by_discipline"].get(key, 0) + n


def merged_children(workshop_id: int) -> dict[int, list[FocusPoint]]:
    """Active merges of a workshop: survivor id -> the points folded into it."""
    stmt = (sa.select(FocusPoint).join(FocusPointMerge, FocusPointMerge.merged_id == FocusPoint.id)
            .where(FocusPointMerge.workshop_id == workshop_id,
                   FocusPointMerge.undone_at.is_(None))
            .order_by(FocusPointMerge.at, FocusPointMerge.id))
    children = defaultdict(list)
    for point in db.session.scalars(stmt):
        children[point.merged_into_id].append(point)
    return children


def lineage(point_id: int, children: dict[int, list[FocusPoint]]) -> list[FocusPoint]:
    """Every point merged into this one, directly or through earlier merges."""
    found, queue = [], list(children.get(point_id, ()))
    while queue:
        child = queue.pop(0)
        found.append(child)
        queue.extend(children.get(child.id, ()))
    return found


def _lineage_row(point: FocusPoint, workshop, audience: str) -> dict:
    return {"id": point.id, "title": point.title,
            "discipline_id": _discipline(point, workshop, audience),
            "author": _author(point, workshop, audience)}


def point_row(point: FocusPoint, workshop, audience: str, counts: dict,
              merged: list[FocusPoint]) -> dict:
    """One point for one audience, given its counts and lineage."""
    row = {
        "id": point.id, "title": point.title, "description": point.description,
        "discipline_id": _discipline(point, workshop, audience),
        "tags": [t.id for t in point.tags],
        "theme_id": point.group_theme_id, "position": point.position,
        "created_at": _iso(point.created_at), "updated_at": _iso(point.updated_at),
        "edited": point.updated_at != point.created_at,
        "author": _author(point, workshop, audience),
        "anonymous": not shows_author(point, workshop, "phone"),
        "merged_from": [_lineage_row(p, workshop, audience) for p in merged],
        "counts": counts,
    }
    if audience == STAFF:
        row |= {"status": point.status, "hidden_reason": point.hidden_reason}
    return row


def point_rows(points: list[FocusPoint], workshop, audience: str) -> list[dict]:
    """Many points for one audience with batched counts and lineage."""
    counts = counts_for([p.id for p in points], workshop, audience)
    children = merged_children(workshop.id)
    return [point_row(p, workshop, audience, counts[p.id], lineage(p.id, children))
            for p in points]


def annotation_row(annotation: Annotation, workshop, audience: str) -> dict:
    """One annotation for one audience."""
    row = {
        "id": annotation.id, "point_id": annotation.point_id, "parent_id": annotation.parent_id,
        "kind": annotation.kind, "body": annotation.body, "source_url": annotation.source_url,
        "pinned": annotation.pinned,
        "discipline_id": _discipline(annotation, workshop, audience),
        "author": _author(annotation, workshop, audience),
        "created_at": _iso(annotation.created_at),
        "edited": annotation.updated_at != annotation.created_at,
    }
    if audience == STAFF:
        row |= {"status": annotation.status, "hidden_reason": annotation.hidden_reason,
                "origin_point_id": annotation.origin_point_id}
    return row
