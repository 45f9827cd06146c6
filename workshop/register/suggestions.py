"""Persian-aware near-duplicate suggestions across a whole programme's register.

The index holds every active item's title and the titles of the points linked to it, so a
new point finds the item whether it resembles the item's wording or a point already in it.
It is rebuilt only when the register's fingerprint (one aggregate query) changes.
"""

from __future__ import annotations

import threading

import sqlalchemy as sa

from workshop.extensions import db
from workshop.models.focus import FocusPoint
from workshop.models.register import RegisterItem, RegisterLink
from workshop.text.similar import SimilarityIndex

SUGGESTIONS = 5
THRESHOLD = 75.0

_lock = threading.Lock()
_indexes: dict[int, tuple[tuple, dict, SimilarityIndex]] = {}


def forget(program_id: int) -> None:
    """Drop a programme's index after a change this process made."""
    with _lock:
        _indexes.pop(program_id, None)


def _fingerprint(program_id: int) -> tuple:
    items = sa.select(sa.func.count(RegisterItem.id), sa.func.max(RegisterItem.updated_at),
                      sa.func.max(RegisterItem.id)).where(
        RegisterItem.program_id == program_id, RegisterItem.state == "active")
    links = sa.select(sa.func.max(RegisterLink.id), sa.func.count(RegisterLink.undone_at)).where(
        RegisterLink.program_id == program_id)
    return (*db.session.execute(items).one(), *db.session.execute(links).one())


def _build(program_id: int) -> tuple[dict, SimilarityIndex]:
    """Keys ("i", item) for item titles and ("p", point) for linked point titles."""
    titles: dict[tuple, tuple[int, str]] = {}
    for item_id, title in db.session.execute(sa.select(RegisterItem.id, RegisterItem.title)
                                             .where(RegisterItem.program_id == program_id,
                                                    RegisterItem.state == "active")):
        titles[("i", item_id)] = (item_id, title)
    stmt = sa.select(RegisterLink.point_id, RegisterLink.item_id, FocusPoint.title).join(
        FocusPoint, FocusPoint.id == RegisterLink.point_id).where(
        RegisterLink.program_id == program_id, RegisterLink.undone_at.is_(None))
    for point_id, item_id, title in db.session.execute(stmt):
        titles[("p", point_id)] = (item_id, title)
    return titles, SimilarityIndex((key, text) for key, (_i, text) in titles.items())


def _index(program_id: int) -> tuple[dict, SimilarityIndex]:
    stamp = _fingerprint(program_id)
    with _lock:
        cached = _indexes.get(program_id)
        if cached is not None and cached[0] == stamp:
            return cached[1], cached[2]
    titles, index = _build(program_id)
    with _lock:
        _indexes[program_id] = (stamp, titles, index)
    return titles, index


def similar_items(program_id: int, text: str, limit: int = SUGGESTIONS,
                  exclude_point: int | None = None) -> list[dict]:
    """Register items that likely say the same as `text`, best first (one row per item)."""
    titles, index = _index(program_id)
    best: dict[int, dict] = {}
    for key, score in index.find(text, limit=limit * 4, threshold=THRESHOLD):
        item_id, title = titles[key]
        if key == ("p", exclude_point) or item_id in best:
            continue
        best[item_id] = {"item": item_id, "score": score,
                         "via_point": key[1] if key[0] == "p" else None, "matched": title}
    return list(best.values())[:limit]
