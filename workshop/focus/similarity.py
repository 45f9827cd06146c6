"""Near-duplicate suggestions while typing and on the console; they never merge anything."""

from __future__ import annotations

import threading

import sqlalchemy as sa

from workshop.actors import Actor
from workshop.errors import BadInput
from workshop.extensions import db
from workshop.models import Workshop
from workshop.models.focus import FocusPoint
from workshop.permissions import can_view_staff, is_member, require_member, require_staff
from workshop.text.normalize import validate_text
from workshop.text.similar import SimilarityIndex
from workshop.workshops.services import get_workshop

SUGGESTIONS = 5
MAX_QUERY = 140
MAX_PAIR_POINTS = 300  # the all-pairs scan on the console stays under a second

_lock = threading.Lock()
# Per workshop: the titles indexed so far and their index, patched to match the database.
_indexes: dict[int, tuple[dict[int, str], SimilarityIndex]] = {}


def _visible_titles(workshop: Workshop) -> dict[int, str]:
    stmt = sa.select(FocusPoint.id, FocusPoint.title).where(
        FocusPoint.workshop_id == workshop.id, FocusPoint.status == "visible")
    return dict(db.session.execute(stmt).all())


def _synced_index(workshop: Workshop) -> tuple[dict[int, str], SimilarityIndex]:
    """The cached index, updated only for points added, changed or gone since last time."""
    current = _visible_titles(workshop)
    known, index = _indexes.get(workshop.id, ({}, SimilarityIndex()))
    for point_id in set(known) - set(current):
        index.remove(point_id)
    for point_id, title in current.items():
        if known.get(point_id) != title:
            index.add(point_id, title)
    _indexes[workshop.id] = (current, index)
    return current, index


def similar_to(workshop: Workshop, text: str, exclude: int | None = None,
               limit: int = SUGGESTIONS) -> list[dict]:
    """Visible points that likely say the same as `text`, best first."""
    with _lock:
        titles, index = _synced_index(workshop)
        found = index.find(text, limit=limit + 1)
    return [{"id": pid, "title": titles[pid], "score": score}
            for pid, score in found if pid != exclude][:limit]


def suggest(actor: Actor, workshop_id, text, exclude=None) -> list[dict]:
    """A participant typing a point (or staff) asks which points look the same."""
    workshop = get_workshop(workshop_id)
    if not can_view_staff(actor, workshop) and not is_member(actor, workshop):
        require_member(actor, workshop)
    if exclude is not None and type(exclude) is not int:
        raise BadInput("invalid_value", field="exclude")
    clean = validate_text(text, field="text", max_len=MAX_QUERY, required=False)
    return similar_to(workshop, clean, exclude) if len(clean) >= 3 else []


def duplicate_pairs(actor: Actor, workshop_id) -> list[dict]:
    """Staff ask for every pair of visible points that look alike."""
    workshop = get_workshop(workshop_id)
    require_staff(actor, workshop)
    with _lock:
        titles, index = _synced_index(workshop)
        ids = sorted(titles)[:MAX_PAIR_POINTS]
        pairs = [(a, b, score) for a in ids for b, score in index.find(titles[a], limit=4)
                 if b > a]
    return [{"a": a, "b": b, "score": score} for a, b, score in
            sorted(pairs, key=lambda p: -p[2])]
