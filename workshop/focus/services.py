"""The focus feature's public read API, for its own views and for other features.

Voting and the minutes read points, annotations, lineage and counts only through here:

- `visible_points(workshop)` – the points everyone sees, in the facilitator's order.
- `point_summary(point, audience)` – one point as "staff", "phone", "projector" or "export"
  sees it (public audiences never get the author of an anonymous point).
- `points_for(workshop, audience)` / `annotations_for(workshop, audience)` – batched lists.
- `point_lineage(point)` – the points merged into it; `point_counts(point)` – its tallies.
- `point_history(point)` – every version of its text.
"""

from __future__ import annotations

import sqlalchemy as sa

from workshop.extensions import db
from workshop.models import Workshop
from workshop.models.annotation import Annotation
from workshop.models.focus import FocusPoint, FocusPointRevision

from .serialize import (
    annotation_counts,
    annotation_row,
    counts_for,
    lineage,
    merged_children,
    point_row,
    point_rows,
)
from .themes import theme_row, themes_for

__all__ = ["annotations_for", "point_counts", "point_history", "point_lineage",
           "point_summary", "points_for", "themes", "visible_points"]


def _ordered(workshop: Workshop, statuses: tuple[str, ...]) -> list[FocusPoint]:
    stmt = (sa.select(FocusPoint)
            .where(FocusPoint.workshop_id == workshop.id, FocusPoint.status.in_(statuses))
            .order_by(FocusPoint.position, FocusPoint.id.desc()))
    return list(db.session.scalars(stmt))


def visible_points(workshop: Workshop) -> list[FocusPoint]:
    """The points every participant sees (not hidden, withdrawn or merged away), in order."""
    return _ordered(workshop, ("visible",))


def live_points(workshop: Workshop) -> list[FocusPoint]:
    """Visible and hidden points: what the facilitator moderates."""
    return _ordered(workshop, ("visible", "hidden"))


def point_summary(point: FocusPoint, audience: str) -> dict:
    """One point as an audience sees it, with counts and lineage."""
    workshop = db.session.get(Workshop, point.workshop_id)
    counts = counts_for([point.id], workshop, audience)[point.id]
    return point_row(point, workshop, audience, counts,
                     lineage(point.id, merged_children(workshop.id)))


def points_for(workshop: Workshop, audience: str) -> list[dict]:
    """Every point an audience may see (staff also get hidden ones), in display order."""
    points = live_points(workshop) if audience == "staff" else visible_points(workshop)
    return point_rows(points, workshop, audience)


def annotations_for(workshop: Workshop, audience: str) -> list[dict]:
    """The annotations an audience may see on those points, pinned first, then oldest first."""
    point_ids = [p.id for p in (live_points(workshop) if audience == "staff"
                                else visible_points(workshop))]
    stmt = (sa.select(Annotation).where(Annotation.point_id.in_(point_ids))
            .order_by(Annotation.pinned.desc(), Annotation.created_at, Annotation.id))
    notes = list(db.session.scalars(stmt))
    if audience != "staff":
        shown = {n.id for n in notes if n.status == "visible"}
        notes = [n for n in notes if n.id in shown and (n.parent_id is None
                                                         or n.parent_id in shown)]
    return [annotation_row(n, workshop, audience) for n in notes if n.status != "deleted"]


def point_lineage(point: FocusPoint) -> list[FocusPoint]:
    """Every point merged into this one (directly or through earlier merges)."""
    return lineage(point.id, merged_children(point.workshop_id))


def point_counts(point: FocusPoint) -> dict:
    """Visible annotations of the point by kind and by discipline."""
    return annotation_counts([point.id])[point.id]


def point_history(point: FocusPoint) -> list[dict]:
    """Every version of the point's text, oldest first, with who changed it and why."""
    stmt = (sa.select(FocusPointRevision).where(FocusPointRevision.point_id == point.id)
            .order_by(FocusPointRevision.at, FocusPointRevision.id))
    return [{"title": r.title, "description": r.description, "editor": r.editor_kind,
             "reason": r.reason, "at": r.at.isoformat()} for r in db.session.scalars(stmt)]


def themes(workshop: Workshop) -> list[dict]:
    """The programme's themes as clients see them."""
    return [theme_row(t) for t in themes_for(workshop.program_id)]
