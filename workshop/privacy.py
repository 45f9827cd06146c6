"""The smallest group shown on its own where people are anonymous (k-anonymity, k = 3)."""

from __future__ import annotations

K = 3


def fold_small(counts: dict, k: int = K) -> set:
    """Groups to fold into "other" so that no shown group, and no non-empty "other", has
    fewer than k people (the smallest shown groups join "other" until it is big enough)."""
    folded = {g for g, n in counts.items() if g is not None and 0 < n < k}
    other = counts.get(None, 0) + sum(counts[g] for g in folded)
    kept = sorted((n, g) for g, n in counts.items() if g is not None and n >= k)
    while 0 < other < k and kept:
        n, group = kept.pop(0)
        folded.add(group)
        other += n
    return folded
