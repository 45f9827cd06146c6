"""The arithmetic behind results: folding, Borda, Schulze, consensus, balance, polarisation."""

import pytest

from workshop.voting import tally
from workshop.voting.tally import Mark

A, B, C, D, E = 1, 2, 3, 4, 5
# The Schulze method's classic example (45 voters): the winner order is E > A > C > B > D.
SCHULZE_BALLOTS = [(5, "ACBED"), (5, "ADECB"), (8, "BEDAC"), (3, "CABED"), (7, "CAEBD"),
                   (2, "CBADE"), (7, "DCEBA"), (8, "EBADC")]


def _rankings(ballots):
    marks, voter = [], 0
    for count, order in ballots:
        for _ in range(count):
            voter += 1
            marks += [Mark("ABCDE".index(c) + 1, "rank", rank, f"v{voter}")
                      for rank, c in enumerate(order, start=1)]
    return marks


def test_schulze_classic_example():
    ranks = tally.schulze_ranks(_rankings(SCHULZE_BALLOTS), [A, B, C, D, E])
    assert sorted(ranks, key=ranks.get) == [E, A, C, B, D]


def test_borda_top_k_points():
    marks = [Mark(A, "rank", 1, "v1"), Mark(B, "rank", 2, "v1"), Mark(B, "rank", 1, "v2")]
    assert tally.borda(marks, 2) == {A: 2, B: 1 + 2}


def test_schulze_treats_unranked_as_last_and_ties_equal():
    marks = [Mark(A, "rank", 1, "v1"), Mark(B, "rank", 1, "v2")]
    assert tally.schulze_ranks(marks, [A, B, C]) == {A: 1, B: 1, C: 3}


@pytest.mark.parametrize(("counts", "folded"), [
    ({10: 3, 11: 1}, {10, 11}),               # a lone expert drags the next group in
    ({10: 3, 12: 3, 11: 1}, {10, 11}),
    ({10: 5, 11: 2, 12: 1}, {11, 12}),        # 2 + 1 make an "other" of 3
    ({10: 4, 11: 3}, set()),
    ({10: 4, None: 1}, {10}),                 # voters without discipline count as "other"
    ({10: 2}, {10}),
])
def test_folding_never_leaves_a_group_of_one_or_two(counts, folded):
    assert tally.fold_small_groups(counts) == folded
    shown = {}
    for group, n in counts.items():
        key = None if group in folded else group
        shown[key] = shown.get(key, 0) + n
    assert all(n >= 3 for n in shown.values()) or list(shown) == [None]


def test_consensus_balance_and_polarisation():
    groups = {"t1": 1, "t2": 1, "t3": 1, "t4": 1, "h1": 2, "h2": 2}
    sizes = {1: 4, 2: 2}
    marks = [Mark(A, "", 1, v) for v in ("t1", "t2", "t3", "t4")] + \
        [Mark(B, "", 1, v) for v in ("h1", "h2")]
    backers = tally.supporters("approval", marks, (1, 5))
    shares_a = tally.shares(backers[A], groups, sizes)
    shares_b = tally.shares(backers[B], groups, sizes)
    assert shares_a == {1: 1.0, 2: 0.0}
    assert tally.polarised(shares_a, sizes)
    assert not tally.polarised(shares_a, {1: 4, 2: 1})  # one health expert is no split
    assert tally.consensus(shares_a) == (0.0, 0.0)
    assert tally.consensus({1: 0.5, 2: 0.5}) == (0.5, pytest.approx(0.5))
    fair = tally.balanced("approval", marks, groups, sizes, None)
    assert tally.raw_scores("approval", marks, None) == {A: 4, B: 2}
    assert fair == {A: pytest.approx(3), B: pytest.approx(3)}  # each group weighs half
    assert shares_b[2] == 1.0


def test_score_support_means_above_the_midpoint():
    marks = [Mark(A, "importance", 5, "v1"), Mark(A, "feasibility", 2, "v1"),
             Mark(A, "importance", 3, "v2"), Mark(A, "feasibility", 3, "v2")]
    assert tally.supporters("scores", marks, (1, 5))[A] == {"v1"}
    assert tally.criterion_means(marks)[A] == {"importance": 4.0, "feasibility": 2.5}
