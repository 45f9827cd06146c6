"""Pure vote arithmetic: support, groups, consensus, balance, polarisation, Borda, Schulze.

Every function takes plain rows, so the numbers can be recomputed from the stored ballots
by anyone (docs/results.md defines each one).
"""

from __future__ import annotations

import bisect
import math
from collections import Counter, defaultdict
from typing import NamedTuple

K_ANONYMITY = 3          # smallest group shown on its own in an anonymous round
STRONG_SUPPORT = 0.6     # a group "supports" a point when at least this share does
STRONG_REJECTION = 0.2   # ... and "rejects" it when at most this share does
MIN_POLARISED_GROUP = 2  # groups smaller than this do not count towards polarisation
OTHER = None             # the group key of folded disciplines and voters without one


class Mark(NamedTuple):
    """One current, non-empty mark (a tuple: thousands are rebuilt five times a second)."""

    point: int
    criterion: str
    value: int
    voter: str


def fold_small_groups(voters_per_group: dict, k: int = K_ANONYMITY) -> set:
    """Disciplines folded into OTHER so that no shown group has fewer than k voters."""
    folded = {g for g, n in voters_per_group.items() if g is not OTHER and n < k}
    other = voters_per_group.get(OTHER, 0) + sum(voters_per_group[g] for g in folded)
    kept = sorted((n, g) for g, n in voters_per_group.items() if g is not OTHER and g not in folded)
    while 0 < other < k and kept:  # a tiny "other" could still be read off: grow it
        n, group = kept.pop(0)
        folded.add(group)
        other += n
    return folded


def group_voters(voter_groups: dict[str, object], folded: set) -> dict:
    """Voter key -> shown group, after folding."""
    return {v: (OTHER if g in folded else g) for v, g in voter_groups.items()}


def supporters(method: str, marks: list[Mark], scale: tuple[int, int]) -> dict[int, set]:
    """Point -> voters who support it (yes; ≥1 dot; mean score above the midpoint; ranked)."""
    if method == "scores":
        return _score_supporters(marks, scale)
    found: dict[int, set] = defaultdict(set)
    for m in marks:
        if method in ("dots", "ranking") and m.value >= 1 or method == "approval" and m.value == 1:
            found[m.point].add(m.voter)
    return found


def _score_supporters(marks: list[Mark], scale: tuple[int, int]) -> dict[int, set]:
    mid = (scale[0] + scale[1]) / 2
    per_voter: dict[tuple, list] = defaultdict(list)
    for m in marks:
        per_voter[(m.point, m.voter)].append(m.value)
    found: dict[int, set] = defaultdict(set)
    for (point, voter), values in per_voter.items():
        if sum(values) / len(values) > mid:
            found[point].add(voter)
    return found


def raw_scores(method: str, marks: list[Mark], top_k: int | None) -> dict[int, float]:
    """The headline number per point: yeses, dots, mean score, or Borda points."""
    if method == "scores":
        return {p: sum(v) / len(v) for p, v in _values_by_point(marks).items()}
    if method == "ranking":
        return borda(marks, top_k or 1)
    totals: dict[int, float] = defaultdict(float)
    for m in marks:
        totals[m.point] += m.value if method == "dots" else (m.value == 1)
    return dict(totals)


def _values_by_point(marks: list[Mark]) -> dict[int, list[int]]:
    values: dict[int, list[int]] = defaultdict(list)
    for m in marks:
        values[m.point].append(m.value)
    return values


def borda(marks: list[Mark], top_k: int) -> dict[int, float]:
    """Borda count for top-k ballots: rank r earns k - r + 1 points, unranked earns 0."""
    points: dict[int, float] = defaultdict(float)
    for m in marks:
        points[m.point] += top_k - m.value + 1
    return dict(points)


def tie_ranks(values: dict[int, float]) -> dict[int, int]:
    """Point -> 1 + the number of points with a strictly larger value (equal values share)."""
    ordered = sorted(values.values())
    return {p: 1 + len(ordered) - bisect.bisect_right(ordered, v) for p, v in values.items()}


def tied(ranks: dict[int, int]) -> set[int]:
    """The points that share their rank with another point."""
    counts = Counter(ranks.values())
    return {p for p, r in ranks.items() if counts[r] > 1}


def schulze_ranks(marks: list[Mark], candidates: list[int]) -> dict[int, int]:
    """Schulze method: point -> rank (1 = winner; equal ranks are ties)."""
    ranks, above = {}, 0
    for level in schulze_levels(marks, candidates):
        ranks.update(dict.fromkeys(level, above + 1))
        above += len(level)
    return ranks


def schulze_levels(marks: list[Mark], candidates: list[int]) -> list[list[int]]:
    """The Schulze order as tied levels of the Schulze relation: first the points nobody beats,
    then the points only those beat, and so on (the relation is computed once, on all points;
    being transitive it always leaves someone unbeaten, the `or` only guards the loop)."""
    links = _links(_pairwise(marks, candidates), len({m.voter for m in marks}))
    p = _widest_paths(links)
    levels, left = [], set(range(len(candidates)))
    while left:
        level = sorted(a for a in left if all(p[a][b] >= p[b][a] for b in left)) or sorted(left)
        levels.append([candidates[a] for a in level])
        left.difference_update(level)
    return levels


def _pairwise(marks: list[Mark], candidates: list[int]) -> list[list[int]]:
    """d[a][b] (by index): voters who rank a above b (ranked beats unranked; two unranked and
    two equal ranks tie)."""
    ballots: dict[str, dict[int, int]] = defaultdict(dict)
    for m in marks:
        ballots[m.voter][m.point] = m.value
    index = {c: i for i, c in enumerate(candidates)}
    d = [[0] * len(candidates) for _ in candidates]
    for ranks in ballots.values():
        for point, r in ranks.items():
            if point not in index:
                continue
            row = d[index[point]]
            for b in range(len(candidates)):
                if ranks.get(candidates[b], math.inf) > r:
                    row[b] += 1
    return d


def _links(d: list[list[int]], voters: int) -> list[list[int]]:
    """Winning votes: a link a->b exists when more voters prefer a to b than b to a; a stronger
    link has more support, and with equal support less opposition (voters * support - opp.)."""
    n = len(d)
    return [[voters * d[a][b] - d[b][a] if d[a][b] > d[b][a] else 0 for b in range(n)]
            for a in range(n)]


def _widest_paths(p: list[list[int]]) -> list[list[int]]:
    """Strongest path between every two points (widest-path Floyd-Warshall, in place)."""
    n = len(p)
    for i in range(n):
        via = p[i]
        for j in range(n):
            into = p[j][i]
            if j == i or not into:
                continue
            row = p[j]
            for k in range(n):
                width = into if into < via[k] else via[k]
                if width > row[k] and k != j:
                    row[k] = width
    return p


def shares(point_supporters: set, groups: dict, sizes: dict) -> dict:
    """Group -> share of its voters who support the point."""
    counts: dict = defaultdict(int)
    for voter in point_supporters:
        counts[groups.get(voter, OTHER)] += 1
    return {g: counts[g] / n for g, n in sizes.items() if n}


def consensus(group_shares: dict) -> tuple[float | None, float | None]:
    """(lowest share, geometric mean of shares) over the groups that voted."""
    values = list(group_shares.values())
    if not values:
        return None, None
    if min(values) == 0:
        return 0.0, 0.0
    return min(values), math.exp(sum(math.log(v) for v in values) / len(values))


def polarised(group_shares: dict, sizes: dict) -> bool:
    """Strong support in some group and strong rejection in another (groups of ≥ 2 voters:
    one person disagreeing with another is not a split between disciplines)."""
    values = [s for g, s in group_shares.items() if sizes.get(g, 0) >= MIN_POLARISED_GROUP]
    return len(values) >= 2 and max(values) >= STRONG_SUPPORT and min(values) <= STRONG_REJECTION


def balanced(method: str, marks: list[Mark], groups: dict, sizes: dict, top_k) -> dict:
    """The headline number with every group weighted equally (scaled to all voters)."""
    per_group: dict = defaultdict(list)
    for m in marks:
        per_group[groups.get(m.voter, OTHER)].append(m)
    present = [g for g, n in sizes.items() if n]
    if method == "scores":
        return _balanced_means(per_group, present)
    total = sum(sizes.values())
    result: dict[int, float] = defaultdict(float)
    for g in present:
        for point, value in raw_scores(method, per_group[g], top_k).items():
            result[point] += value / sizes[g] * total
    return {p: v / len(present) for p, v in result.items()} if present else {}


def _balanced_means(per_group: dict, present: list) -> dict[int, float]:
    """Scores: the mean over groups of each group's mean score (groups that scored it)."""
    means: dict[int, list[float]] = defaultdict(list)
    for g in present:
        for point, values in _values_by_point(per_group[g]).items():
            means[point].append(sum(values) / len(values))
    return {p: sum(v) / len(v) for p, v in means.items()}


def criterion_means(marks: list[Mark]) -> dict[int, dict[str, float]]:
    """Scores: point -> criterion -> mean score."""
    values: dict[tuple, list[int]] = defaultdict(list)
    for m in marks:
        values[(m.point, m.criterion)].append(m.value)
    result: dict[int, dict[str, float]] = defaultdict(dict)
    for (point, criterion), v in values.items():
        result[point][criterion] = sum(v) / len(v)
    return dict(result)
