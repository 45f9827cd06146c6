"""Schulze ranking checked against the published `schulze-condorcet` package (its pairwise
counts, its winning-votes link strength and its winners) and against the Schulze relation
computed here another way (docs/results.md, "Schulze method").

The order below the winners is the levels of the Schulze relation (rule (b) of issue 15).
schulze-condorcet instead recomputes Schulze without the winners; that can rank a point above
one that beats it, shown by `test_recomputing_without_the_winners_can_contradict_the_relation`.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from schulze_condorcet import pairwise_preference, schulze_evaluate
from schulze_condorcet.strength import winning_votes

from workshop.voting import tally
from workshop.voting.tally import Mark

# The issue's 6-voter example (points 1-6; ">" ranked above, "=" unranked, tied last).
ISSUE_PROFILE = ["5>1=2=3=4=6", "6>2>3>1>4>5", "1>5>2>4>3>6", "4>5>6>1=2=3", "3>2>5>1=4=6",
                 "2>1>3>4>6>5"]


def _marks(ballots: list[list[int]]) -> list[Mark]:
    """Top-k ballots (each an ordered list of points) as stored rank marks."""
    return [Mark(point, "rank", rank, f"v{i}")
            for i, order in enumerate(ballots) for rank, point in enumerate(order, start=1)]


def _parse(vote: str) -> list[int]:
    """The ranked prefix of a vote string such as "6>2>3>1>4=5" (the tied tail is unranked)."""
    return [int(level) for level in vote.split(">") if "=" not in level]


def _vote_string(order: list[int], candidates: list[int]) -> str:
    """A top-k ballot in the reference's notation: ranked in order, every unranked point tied
    below all ranked ones."""
    rest = "=".join(str(c) for c in candidates if c not in order)
    return ">".join([str(p) for p in order] + ([rest] if rest else []))


def _reference_winners(ballots: list[list[int]], candidates: list[int]) -> set[int]:
    """schulze-condorcet's winners (its first level, winning votes)."""
    votes = [_vote_string(b, candidates) for b in ballots]
    first = schulze_evaluate(votes, [str(c) for c in candidates], strength=winning_votes)
    return {int(c) for c in first.split(">")[0].split("=")}


def _reference_recomputed(ballots: list[list[int]], candidates: list[int]) -> dict[int, int]:
    """schulze-condorcet's whole order (the rest by recomputing without the winners) as ranks."""
    votes = [_vote_string(b, candidates) for b in ballots]
    levels = schulze_evaluate(votes, [str(c) for c in candidates], strength=winning_votes)
    return _ranks([[int(c) for c in level.split("=")] for level in levels.split(">")])


def _ranks(levels: list[list[int]]) -> dict[int, int]:
    ranks, above = {}, 0
    for level in levels:
        ranks.update(dict.fromkeys(level, above + 1))
        above += len(level)
    return ranks


def _levels(beats: set[tuple[int, int]], candidates: list[int]) -> list[list[int]]:
    """The levels of a relation: the unbeaten, then those beaten only by earlier levels ..."""
    levels, left = [], set(candidates)
    while left:
        level = sorted(c for c in left if not any((o, c) in beats for o in left))
        levels.append(level)
        left -= set(level)
    return levels


def _beats(ballots: list[list[int]], candidates: list[int]) -> set[tuple[int, int]]:
    """The Schulze relation, computed another way: the reference's pairwise counts and link
    strength, and for each threshold which points reach which over links at least that strong
    (no Floyd-Warshall)."""
    names = [str(c) for c in candidates]
    votes = [_vote_string(b, candidates) for b in ballots]
    counts = pairwise_preference(votes, names)
    link = {(a, b): winning_votes(support=counts[a, b], opposition=counts[b, a],
                                  totalvotes=len(votes)) for a in names for b in names if a != b}
    best = dict.fromkeys(link, 0)
    for threshold in sorted({s for s in link.values() if s > 0}):
        for start in names:
            for reached in _reachable(start, names, link, threshold):
                best[start, reached] = threshold
    return {(int(a), int(b)) for (a, b) in link if best[a, b] > best[b, a]}


def _reachable(start: str, names: list[str], link: dict, threshold: int) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        here = todo.pop()
        for there in names:
            if there not in seen and there != here and link[here, there] >= threshold:
                seen.add(there)
                todo.append(there)
    return seen - {start}


def test_issue_example_ties_the_two_unbeaten_points_first():
    ballots = [_parse(v) for v in ISSUE_PROFILE]
    candidates = [1, 2, 3, 4, 5, 6]
    ranks = tally.schulze_ranks(_marks(ballots), candidates)
    assert _reference_winners(ballots, candidates) == {2, 5}
    assert ranks[2] == ranks[5] == 1
    assert ranks == _ranks(_levels(_beats(ballots, candidates), candidates))


def test_issue_example_parses_as_written():
    assert [_vote_string(_parse(v), [1, 2, 3, 4, 5, 6]) for v in ISSUE_PROFILE] == [
        "5>1=2=3=4=6", "6>2>3>1>4>5", "1>5>2>4>3>6", "4>5>6>1=2=3", "3>2>5>1=4=6",
        "2>1>3>4>6>5"]


@st.composite
def top_k_profiles(draw):
    """Between 2 and 8 points, 1 to 30 voters, each ranking at most k of them."""
    n = draw(st.integers(2, 8))
    candidates = list(range(1, n + 1))
    k = draw(st.integers(1, n))
    ballot = st.permutations(candidates).flatmap(
        lambda order: st.integers(0, k).map(lambda length: list(order[:length])))
    return candidates, draw(st.lists(ballot, min_size=1, max_size=30))


@settings(max_examples=150, deadline=None)
@given(top_k_profiles())
@example(([1, 2, 3, 4, 5, 6], [_parse(v) for v in ISSUE_PROFILE]))
@example(([1, 2, 3], [[2, 1]]))                            # a single voter
@example(([1, 2, 3, 4], [[], [], []]))                     # nobody ranked anything
@example(([1, 2, 3], [[1, 2, 3], [2, 3, 1], [3, 1, 2]]))   # a cycle: fully tied
@example(([1, 2], [[1], [2]]))                             # two voters cancel out
def test_schulze_matches_the_reference_and_the_relation(profile):
    candidates, ballots = profile
    ranks = tally.schulze_ranks(_marks(ballots), candidates)
    beats = _beats(ballots, candidates)
    unbeaten = set(candidates) - {b for _, b in beats}
    assert {c for c, r in ranks.items() if r == 1} == unbeaten
    assert unbeaten == _reference_winners(ballots, candidates)
    assert ranks == _ranks(_levels(beats, candidates))
    for winner, loser in beats:
        assert ranks[winner] < ranks[loser]


def test_recomputing_without_the_winners_can_contradict_the_relation():
    """Why the rest is ranked by the relation's levels: here 5 beats 4 (through 2), but
    without the winners 1, 2 and 3 that path is gone and a recomputation puts 4 above 5."""
    candidates = [1, 2, 3, 4, 5, 6, 7]
    ballots = [[], [], [], [], [1, 2], [1, 2, 3], [1, 3, 4, 5], [1, 3, 4, 5], [1, 5, 2]]
    assert (5, 4) in _beats(ballots, candidates)
    assert _reference_recomputed(ballots, candidates)[4] < _reference_recomputed(
        ballots, candidates)[5]
    ranks = tally.schulze_ranks(_marks(ballots), candidates)
    assert ranks == {1: 1, 2: 2, 3: 2, 5: 4, 4: 5, 6: 6, 7: 6}


def test_schulze_classic_example_as_published():
    """Schulze's 45-voter example orders E > A > C > B > D (also in the reference)."""
    order = {"A": 1, "B": 2, "C": 3, "D": 4, "E": 5}
    groups = [(5, "ACBED"), (5, "ADECB"), (8, "BEDAC"), (3, "CABED"), (7, "CAEBD"),
              (2, "CBADE"), (7, "DCEBA"), (8, "EBADC")]
    ballots = [[order[c] for c in text] for count, text in groups for _ in range(count)]
    ranks = tally.schulze_ranks(_marks(ballots), list(order.values()))
    assert ranks == {5: 1, 1: 2, 3: 3, 2: 4, 4: 5}
    assert ranks == _reference_recomputed(ballots, list(order.values()))
