"""What the minutes read from the focus-point and voting features, in their "export" view.

The minutes never show more than those features let an export show: no author of an
anonymous contribution, no hidden items, anonymous rounds only as aggregates.
"""

from __future__ import annotations

import importlib

import sqlalchemy as sa
import sqlalchemy.orm as so

from workshop.errors import BadInput
from workshop.extensions import db
from workshop.models import Workshop
from workshop.models.focus import FocusPoint

EXPORT = "export"  # the focus feature's audience for exports
MINUTES = "minutes"  # the voting feature's audience for the minutes
MAX_LINKED_POINTS = 50


def _module(name: str):
    """A sibling feature's module, or None while it is not there."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def validate_point_ids(workshop: Workshop, value) -> list[int]:
    """Focus points a decision refers to: ids of this workshop's points, without repeats."""
    if not isinstance(value, list) or len(value) > MAX_LINKED_POINTS:
        raise BadInput("invalid_value", field="point_ids")
    if any(type(v) is not int for v in value):
        raise BadInput("invalid_value", field="point_ids")
    ids = list(dict.fromkeys(value))
    if not ids:
        return []
    found = set(db.session.scalars(sa.select(FocusPoint.id).where(
        FocusPoint.id.in_(ids), FocusPoint.workshop_id == workshop.id)))
    if found != set(ids):
        raise BadInput("invalid_value", field="point_ids")
    return ids


def round_model():
    models = _module("workshop.models.voting")
    return getattr(models, "VoteRound", None) if models else None


def validate_round_id(workshop: Workshop, value) -> int | None:
    """A voting round of this workshop that a decision rests on, or none."""
    if value is None:
        return None
    model = round_model()
    row = db.session.get(model, value) if model is not None and type(value) is int else None
    if row is None or row.workshop_id != workshop.id:
        raise BadInput("invalid_value", field="round_id")
    return row.id


def _visible_points(workshop: Workshop) -> list[FocusPoint]:
    stmt = (sa.select(FocusPoint)
            .where(FocusPoint.workshop_id == workshop.id, FocusPoint.status == "visible")
            .options(so.selectinload(FocusPoint.author), so.selectinload(FocusPoint.tags))
            .order_by(FocusPoint.position, FocusPoint.id))
    return list(db.session.scalars(stmt))


def focus_data(workshop: Workshop) -> dict:
    """Visible points (with counts and merge lineage) and their visible annotations."""
    serialize = _module("workshop.focus.serialize")
    annotations = _module("workshop.models.annotation")
    if serialize is None or annotations is None:
        return {"available": False, "points": [], "annotations": []}
    points = _visible_points(workshop)
    model = annotations.Annotation
    stmt = (sa.select(model)
            .where(model.point_id.in_([p.id for p in points]), model.status == "visible")
            .options(so.selectinload(model.author))
            .order_by(model.created_at, model.id))
    return {
        "available": True,
        "points": serialize.point_rows(points, workshop, EXPORT),
        "annotations": [serialize.annotation_row(a, workshop, EXPORT)
                        for a in db.session.scalars(stmt)],
    }


def rounds_data(workshop: Workshop) -> dict:
    """Every closed round's results as the voting feature exports them."""
    results = _module("workshop.voting.results")
    model = round_model()
    if results is None or model is None or not hasattr(results, "round_results"):
        return {"available": False, "items": []}
    stmt = (sa.select(model.id).where(model.workshop_id == workshop.id, model.status == "closed")
            .order_by(model.number, model.id))
    return {"available": True,
            "items": [_content(results.round_results(rid, MINUTES))
                      for rid in db.session.scalars(stmt)]}


def _content(result: dict) -> dict:
    """A round's results without the moment some process computed them: the archive (and so
    its hash) is then the same in every process, the PDF worker included."""
    return {k: v for k, v in result.items() if k != "computed_at"}
