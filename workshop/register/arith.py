"""Pure register arithmetic: support per round, discipline stance, coverage, invitees.

Plain rows in, numbers out; docs/programme.md defines every figure.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from workshop.voting.tally import Mark, supporters

STRONG = 0.6   # a discipline's voters "support" an item in a round at this share or more
WEAK = 0.2     # ... and show "concern" at this share or less (with at least MIN_VOTERS)
MIN_VOTERS = 2
STANCES = ("supported", "concerned", "present", "unheard")


def item_support(method: str, marks: list[Mark], scale: tuple[int, int], voters: int,
                 item_points: set[int]) -> tuple[float | None, set]:
    """Share of a round's voters who support any of the item's points, and who they are.

    Supporter as in docs/results.md (a yes, a dot, a mean score above the middle, a rank), so
    approval, dots, scores and ranking rounds read on the same 0–1 scale.
    """
    if voters <= 0:
        return None, set()
    mine = [m for m in marks if m.point in item_points]
    backers: set = set().union(*supporters(method, mine, scale).values()) if mine else set()
    return len(backers) / voters, backers


def discipline_shares(backers: set, voter_discipline: dict) -> dict:
    """Discipline -> (supporters, voters) in one round."""
    voters = Counter(voter_discipline.values())
    backing = Counter(voter_discipline[v] for v in backers if v in voter_discipline)
    return {d: (backing.get(d, 0), n) for d, n in voters.items() if d is not None}


def vote_signals(per_round: list[dict]) -> dict:
    """Discipline -> [support rounds, concern rounds] over the rounds that voted on the item."""
    signals: dict = defaultdict(lambda: [0, 0])
    for shares in per_round:
        for discipline, (backing, voters) in shares.items():
            share = backing / voters
            if share >= STRONG:
                signals[discipline][0] += 1
            elif share <= WEAK and voters >= MIN_VOTERS:
                signals[discipline][1] += 1
    return dict(signals)


def stance(support: int, concern: int, present: bool) -> str:
    """Supported when support signals outnumber concerns; concerned when concerns are at
    least as many (and there are some); present when the discipline took part silently."""
    if support > concern:
        return "supported"
    if concern > 0:
        return "concerned"
    return "present" if present else "unheard"


def stances(disciplines: list[int], annotations: dict, votes: dict, present: set) -> dict:
    """Discipline -> {stance, support, concern} for one item.

    :param annotations: discipline -> Counter of annotation kinds ("support", "concern")
    :param votes: discipline -> [support rounds, concern rounds]
    """
    out = {}
    for d in disciplines:
        kinds = annotations.get(d, Counter())
        s = kinds.get("support", 0) + votes.get(d, [0, 0])[0]
        c = kinds.get("concern", 0) + votes.get(d, [0, 0])[1]
        out[d] = {"stance": stance(s, c, d in present), "support": s, "concern": c}
    return out


def gaps(row: dict, required: list[int]) -> list[int]:
    """Required disciplines that have not been heard (only present or unheard) on an item."""
    return [d for d in required if row.get(d, {}).get("stance") in ("present", "unheard", None)]


def invitees(matrix: dict[int, dict], required: list[int], disciplines: list[int],
             limit: int = 6) -> list[tuple[int, int]]:
    """Disciplines to invite, most gaps first: (discipline, items where it is unheard).

    Required disciplines come first at equal counts; disciplines never missing are left out.
    """
    counts = Counter()
    for row in matrix.values():
        for d in disciplines:
            if row.get(d, {}).get("stance", "unheard") == "unheard":
                counts[d] += 1
    ranked = sorted(counts.items(), key=lambda p: (-p[1], p[0] not in required, p[0]))
    return [(d, n) for d, n in ranked if n > 0][:limit]
