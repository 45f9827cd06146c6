"""The focus part of every snapshot, per audience (anonymity and hidden points respected)."""

from __future__ import annotations

import sqlalchemy as sa

from workshop.driver_sql import DriverStatement
from workshop.models.annotation import Annotation
from workshop.models.focus import FocusPoint
from workshop.realtime.snapshot import fresh_part, snapshot_section

from . import services
from .annotating import BODY_MAX
from .proposing import DESCRIPTION_MAX, TITLE_MAX
from .rules import rules_payload
from .silence import silence

LIMITS = {"title": TITLE_MAX, "description": DESCRIPTION_MAX, "body": BODY_MAX}


# Built once: every phone's connect asks for its own points and annotations (one round trip;
# the first column tells them apart).
_MINE = DriverStatement(sa.union_all(
    sa.select(sa.literal(0).label("kind"), FocusPoint.id).where(
        FocusPoint.author_id == sa.bindparam("author"), FocusPoint.status == "visible"),
    sa.select(sa.literal(1).label("kind"), Annotation.id).where(
        Annotation.author_id == sa.bindparam("author"), Annotation.status == "visible")))


def _mine(participant) -> dict:
    """Which points and annotations are this participant's (they may edit those)."""
    rows = _MINE.run({"author": participant.id})
    return {"points": sorted(i for kind, i in rows if kind == 0),
            "annotations": sorted(i for kind, i in rows if kind == 1)}


@snapshot_section("focus", shared=True)
def focus_section(actor, workshop, audience):
    """Points, annotations and rules as the audience sees them (the same for every phone)."""
    data = {
        "points": services.points_for(workshop, audience),
        "annotations": services.annotations_for(workshop, audience),
        "themes": services.themes(workshop),
        "rules": rules_payload(workshop),
        "limits": LIMITS,
    }
    if audience == "staff":
        data["silence"] = silence(workshop)
    return data


@fresh_part("focus")
def focus_mine(actor, workshop, audience):
    """A phone's own points and annotations (it may edit those)."""
    if audience == "phone" and actor.participant is not None:
        return {"mine": _mine(actor.participant)}
    return None
