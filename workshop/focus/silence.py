"""The "who is silent" cue: disciplines in the room that have not contributed yet."""

from __future__ import annotations

import sqlalchemy as sa

from workshop.extensions import db
from workshop.models import Workshop
from workshop.models.annotation import Annotation
from workshop.models.focus import FocusPoint


def _counts(model, excluded_status: str, workshop: Workshop) -> dict[int, int]:
    stmt = (sa.select(model.discipline_id, sa.func.count())
            .where(model.workshop_id == workshop.id, model.status != excluded_status)
            .group_by(model.discipline_id))
    return {d or 0: n for d, n in db.session.execute(stmt)}


def silence(workshop: Workshop) -> dict:
    """Per discipline: people present, points, annotations, share of all contributions."""
    from workshop.joining.snapshot import presence

    points = _counts(FocusPoint, "withdrawn", workshop)
    notes = _counts(Annotation, "deleted", workshop)
    total = sum(points.values()) + sum(notes.values())
    rows = []
    for d in presence(workshop)["by_discipline"]:
        made = points.get(d["id"], 0) + notes.get(d["id"], 0)
        rows.append({"id": d["id"], "name_fa": d["name_fa"], "name_en": d["name_en"],
                     "present": d["count"], "points": points.get(d["id"], 0),
                     "annotations": notes.get(d["id"], 0),
                     "share": round(made / total, 4) if total else 0.0})
    silent = [r["id"] for r in rows if r["present"] and not (r["points"] or r["annotations"])]
    return {"total": total, "by_discipline": rows, "silent": silent}
