"""Persian-aware near-duplicate suggestions across a whole programme's register.

The index holds every active item's title and the titles of the points linked to it, so a
new point finds the item whether it resembles the item's wording or a point already in it.
Identical titles are indexed once. A programme holds tens of thousands of titles, so a lookup
first picks candidates sharing rarer words (or the same spelling without spaces) with the
text, then scores only those with the fuzzy matcher every suggestion in the app uses.
The index is rebuilt when the register's fingerprint changes; the fingerprint is read at
most every FINGERPRINT_TTL seconds (changes made by this process drop the index at once).
"""

from __future__ import annotations

import heapq
import math
import threading
import time
from dataclasses import dataclass, field

import sqlalchemy as sa
from rapidfuzz import fuzz, process

from workshop.extensions import db
from workshop.models.focus import FocusPoint
from workshop.models.register import RegisterItem, RegisterLink
from workshop.text.normalize import match_key
from workshop.text.similar import MIN_SET_WORDS

SUGGESTIONS = 5
THRESHOLD = 75.0
CANDIDATES = 300        # titles scored by the fuzzy matcher per lookup
COMMON_SHARE = 0.08     # words in more than this share of titles do not pick candidates
FINGERPRINT_TTL = 5.0   # seconds another process's change may take to show in suggestions

_lock = threading.Lock()


@dataclass
class _Index:
    """Distinct titles, who carries each, their match keys and a word -> titles map."""

    stamp: tuple
    checked: float
    titles: list[tuple[str, list[tuple[int, int | None]]]]
    keys: list[str]
    words: dict[str, list[int]] = field(default_factory=dict)
    compact: dict[str, list[int]] = field(default_factory=dict)


_indexes: dict[int, _Index] = {}


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


def _carriers(program_id: int) -> dict[str, list[tuple[int, int | None]]]:
    """Title -> the (item, point or None) pairs that carry it."""
    carriers: dict[str, list[tuple[int, int | None]]] = {}
    for item_id, title in db.session.execute(sa.select(RegisterItem.id, RegisterItem.title)
                                             .where(RegisterItem.program_id == program_id,
                                                    RegisterItem.state == "active")):
        carriers.setdefault(title, []).append((item_id, None))
    stmt = sa.select(RegisterLink.item_id, RegisterLink.point_id, FocusPoint.title).join(
        FocusPoint, FocusPoint.id == RegisterLink.point_id).where(
        RegisterLink.program_id == program_id, RegisterLink.undone_at.is_(None))
    for item_id, point_id, title in db.session.execute(stmt):
        carriers.setdefault(title, []).append((item_id, point_id))
    return carriers


def _build(program_id: int, stamp: tuple) -> _Index:
    titles = list(_carriers(program_id).items())
    index = _Index(stamp, time.monotonic(), titles, [match_key(t) for t, _c in titles])
    for n, key in enumerate(index.keys):
        index.compact.setdefault(key.replace(" ", ""), []).append(n)
        for word in set(key.split()):
            index.words.setdefault(word, []).append(n)
    return index


def _index(program_id: int) -> _Index:
    with _lock:
        cached = _indexes.get(program_id)
    if cached is not None and time.monotonic() - cached.checked < FINGERPRINT_TTL:
        return cached
    stamp = _fingerprint(program_id)
    if cached is not None and cached.stamp == stamp:
        cached.checked = time.monotonic()
        return cached
    built = _build(program_id, stamp)
    with _lock:
        _indexes[program_id] = built
    return built


def candidates(index: _Index, key: str) -> list[int]:
    """Titles sharing the text's rarer words, rarest first (same spelling without spaces is
    found apart, in _scores)."""
    total = max(len(index.keys), 1)
    score: dict[int, float] = {}
    get = score.get
    for word in set(key.split()):
        holders = index.words.get(word, ())
        if holders and len(holders) <= max(COMMON_SHARE * total, CANDIDATES):
            weight = math.log(total / len(holders)) + 1
            for n in holders:
                score[n] = get(n, 0.0) + weight
    return heapq.nlargest(CANDIDATES, score, key=get)


def _scores(index: _Index, key: str, chosen: list[int]) -> list[tuple[int, float]]:
    """The scoring of workshop.text.similar.SimilarityIndex.find, on the keys built once."""
    keys = {n: index.keys[n] for n in chosen}
    scores = dict.fromkeys(index.compact.get(key.replace(" ", ""), ()), 100.0)
    scorers = [(fuzz.ratio, keys)]
    if key.count(" ") + 1 >= MIN_SET_WORDS:
        scorers.append((fuzz.token_set_ratio,
                        {n: k for n, k in keys.items() if k.count(" ") + 1 >= MIN_SET_WORDS}))
    for scorer, choices in scorers:
        for _k, score, n in process.extract(key, choices, scorer=scorer, limit=None,
                                            score_cutoff=THRESHOLD):
            scores[n] = max(score, scores.get(n, 0.0))
    return sorted(((n, round(v, 1)) for n, v in scores.items()), key=lambda p: -p[1])


def similar_items(program_id: int, text: str, limit: int = SUGGESTIONS,
                  exclude_point: int | None = None) -> list[dict]:
    """Register items that likely say the same as `text`, best first (one row per item)."""
    index = _index(program_id)
    key = match_key(text)
    if not key:
        return []
    best: dict[int, dict] = {}
    for n, score in _scores(index, key, candidates(index, key)):
        title, carriers = index.titles[n]
        for item_id, point_id in carriers:
            if (point_id is not None and point_id == exclude_point) or item_id in best:
                continue
            best[item_id] = {"item": item_id, "score": score, "via_point": point_id,
                             "matched": title}
        if len(best) >= limit:
            break
    return list(best.values())[:limit]
