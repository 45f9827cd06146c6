"""Approval, dots, scores and Borda checked against a plain recomputation written here from
the definitions in docs/results.md, over generated ballots, ties included."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.voting import tally
from workshop.voting.results import _ranked
from workshop.voting.tally import Mark

CRITERIA = ("importance", "urgency", "feasibility")
SCALE = (1, 5)

points = st.integers(1, 6)
approval = st.dictionaries(points, st.sampled_from([0, 1]), max_size=6)
dots = st.dictionaries(points, st.integers(0, 4), max_size=6)
scores = st.dictionaries(st.tuples(points, st.sampled_from(CRITERIA)), st.integers(*SCALE),
                         max_size=10)
ranking = st.permutations(range(1, 7)).flatmap(
    lambda order: st.integers(0, 4).map(lambda k: list(order[:k])))
BALLOTS = {"approval": approval, "dots": dots, "scores": scores, "ranking": ranking}
TOP_K = 4


def _marks(method: str, ballots: list) -> list[Mark]:
    if method == "ranking":
        return [Mark(p, "rank", r, f"v{i}") for i, b in enumerate(ballots)
                for r, p in enumerate(b, start=1)]
    if method == "scores":
        return [Mark(p, c, v, f"v{i}") for i, b in enumerate(ballots) for (p, c), v in b.items()]
    return [Mark(p, "", v, f"v{i}") for i, b in enumerate(ballots) for p, v in b.items()]


def _expected(method: str, ballots: list) -> dict[int, float]:
    """The headline number per point, straight from the definitions."""
    if method == "approval":
        return {p: sum(b.get(p) == 1 for b in ballots) for p in _seen(method, ballots)}
    if method == "dots":
        return {p: sum(b.get(p, 0) for b in ballots) for p in _seen(method, ballots)}
    if method == "ranking":  # rank r of k earns k - r + 1
        return {p: sum(TOP_K - b.index(p) for b in ballots if p in b)
                for p in _seen(method, ballots)}
    given_scores = {p: [v for b in ballots for (q, _c), v in b.items() if q == p]
                    for p in _seen(method, ballots)}
    return {p: sum(v) / len(v) for p, v in given_scores.items()}


def _seen(method: str, ballots: list) -> set[int]:
    if method == "ranking":
        return {p for b in ballots for p in b}
    if method == "scores":
        return {p for b in ballots for (p, _c) in b}
    return {p for b in ballots for p in b}


def _expected_supporters(method: str, ballots: list) -> dict[int, set]:
    found: dict[int, set] = {}
    for i, b in enumerate(ballots):
        for p in _seen(method, [b]):
            if _supports(method, b, p):
                found.setdefault(p, set()).add(f"v{i}")
    return found


def _supports(method: str, ballot, point: int) -> bool:
    if method == "approval":
        return ballot[point] == 1
    if method == "dots":
        return ballot[point] >= 1
    if method == "ranking":
        return True
    values = [v for (q, _c), v in ballot.items() if q == point]
    return sum(values) / len(values) > sum(SCALE) / 2


@st.composite
def profiles(draw):
    method = draw(st.sampled_from(sorted(BALLOTS)))
    return method, draw(st.lists(BALLOTS[method], min_size=1, max_size=20))


@settings(max_examples=150, deadline=None)
@given(profiles())
def test_headline_numbers_supporters_and_ties_match_the_definitions(profile):
    method, ballots = profile
    marks = _marks(method, ballots)
    raw = tally.raw_scores(method, marks, TOP_K)
    expected = _expected(method, ballots)
    assert {p: v for p, v in raw.items() if v or method == "scores"} == pytest.approx(
        {p: v for p, v in expected.items() if v or method == "scores"})
    found = {p: s for p, s in tally.supporters(method, marks, SCALE).items() if s}
    assert found == _expected_supporters(method, ballots)
    rows = [{"id": p, "position": p, "raw": round(float(expected.get(p, 0)), 4),
             "balanced": 0.0} for p in range(1, 7)]
    for row in _ranked(rows):
        better = [r for r in rows if r["raw"] > row["raw"]]
        equal = [r for r in rows if r["raw"] == row["raw"] and r is not row]
        assert row["rank"] == 1 + len(better)
        assert row["tied"] == bool(equal)


def test_ties_are_never_broken_by_position():
    rows = [{"id": 9, "position": 0, "raw": 2.0, "balanced": 1.0},
            {"id": 3, "position": 1, "raw": 2.0, "balanced": 1.0},
            {"id": 5, "position": 2, "raw": 1.0, "balanced": 1.0}]
    ranked = _ranked(rows)
    assert [(r["id"], r["rank"], r["tied"]) for r in ranked] == [(9, 1, True), (3, 1, True),
                                                                 (5, 3, False)]
    assert all(r["balanced_rank"] == 1 for r in ranked)
