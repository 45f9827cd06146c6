"""Suggest existing proposals that say nearly the same thing as a new one."""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from rapidfuzz import fuzz, process

from workshop.text.normalize import match_key

# Score >= this means "a similar proposal exists" (persian-ui.md §5); a hint, never a merge.
DEFAULT_THRESHOLD = 85.0
# token_set_ratio gives 100 whenever one text's words are a subset of the other's,
# so it only counts when both texts have at least this many words.
MIN_SET_WORDS = 3


class SimilarityIndex:
    """Match keys of one session's texts, kept in memory for fast duplicate hints."""

    def __init__(self, items: Iterable[tuple[Hashable, str]] = ()):
        self._keys: dict[Hashable, str] = {}
        self._long_keys: dict[Hashable, str] = {}
        self._compact: dict[str, set[Hashable]] = {}
        for item_id, text in items:
            self.add(item_id, text)

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, item_id: Hashable) -> bool:
        return item_id in self._keys

    def add(self, item_id: Hashable, text: str) -> None:
        """Index a text under its id, replacing any earlier text for that id."""
        self.remove(item_id)
        key = match_key(text)
        if not key:
            return
        self._keys[item_id] = key
        if key.count(" ") + 1 >= MIN_SET_WORDS:
            self._long_keys[item_id] = key
        self._compact.setdefault(key.replace(" ", ""), set()).add(item_id)

    def remove(self, item_id: Hashable) -> None:
        """Forget a text, e.g. when a proposal is withdrawn or merged by the facilitator."""
        key = self._keys.pop(item_id, None)
        if key is None:
            return
        self._long_keys.pop(item_id, None)
        compact = key.replace(" ", "")
        self._compact[compact].discard(item_id)
        if not self._compact[compact]:
            del self._compact[compact]

    def find(
        self, text: str, limit: int = 5, threshold: float = DEFAULT_THRESHOLD
    ) -> list[tuple[Hashable, float]]:
        """Return up to `limit` (id, score) pairs scoring >= threshold, best first."""
        key = match_key(text)
        if not key or limit <= 0:
            return []
        scores = dict.fromkeys(self._compact.get(key.replace(" ", ""), ()), 100.0)
        self._merge(scores, key, self._keys, fuzz.ratio, threshold)
        if key.count(" ") + 1 >= MIN_SET_WORDS:
            self._merge(scores, key, self._long_keys, fuzz.token_set_ratio, threshold)
        ranked = sorted(scores.items(), key=lambda pair: -pair[1])
        return [(item_id, round(score, 1)) for item_id, score in ranked[:limit]]

    @staticmethod
    def _merge(scores: dict, key: str, choices: dict, scorer, threshold: float) -> None:
        """Keep each id's best score from one rapidfuzz scorer (extract needs no numpy)."""
        hits = process.extract(key, choices, scorer=scorer, score_cutoff=threshold, limit=None)
        for _key, score, item_id in hits:
            scores[item_id] = max(score, scores.get(item_id, 0.0))
