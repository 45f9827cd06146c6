"""Search keys: stored next to user text so a LIKE search finds it however it was typed.

A key is the `compact_key` of each field (ي/ك→ی/ک, every digit ASCII, harakat gone, case
folded, ZWNJ, spaces and punctuation removed), the fields joined by one space. Compact
rather than `match_key`: «محله‌ای», «محله ای» and «محلهای» must find each other, and a
query's key has no spaces, so it never matches across two fields. `%` and `_` (and ٪) are
kept as typed, so a query holding them matches them literally instead of as wildcards.
"""

from __future__ import annotations

import re

from workshop.text.normalize import compact_key

_LITERALS = re.compile(r"([%_])")
# Percent and low-line spellings NFKC leaves apart (٪) or that must not be split by it.
_LITERAL_TABLE = str.maketrans({"٪": "%", "﹪": "%", "％": "%", "＿": "_"})


def _compact(text: str) -> str:
    """compact_key of the text with its % and _ kept, so they only ever match themselves."""
    parts = _LITERALS.split(text.translate(_LITERAL_TABLE))
    return "".join(part if part in ("%", "_") else compact_key(part) for part in parts)


def search_key(*fields: str | None) -> str:
    """The stored key of a record's searchable fields (None counts as empty)."""
    return " ".join(_compact(field or "") for field in fields)


def query_key(query: str) -> str:
    """The key a typed query is looked up with: empty when it holds nothing searchable."""
    return _compact(query)
