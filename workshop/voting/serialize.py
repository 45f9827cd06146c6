"""Wire shapes of rounds: the same for every audience (results are separate)."""

from __future__ import annotations

from workshop.lru import BoundedCache
from workshop.models.voting import VoteRound

_POINTS = BoundedCache(256)


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def round_rules(voting_round: VoteRound) -> dict:
    """How the ballot may be filled in."""
    return {
        "max_yes": voting_round.max_yes,
        "budget": voting_round.budget,
        "per_point_cap": voting_round.per_point_cap,
        "score_min": voting_round.score_min,
        "score_max": voting_round.score_max,
        "criteria": list(voting_round.criteria or []) if voting_round.method == "scores" else [],
        "top_k": voting_round.top_k,
        "matrix_x": voting_round.matrix_x,
        "matrix_y": voting_round.matrix_y,
    }


def round_info(voting_round: VoteRound) -> dict:
    """A round as every screen sees it: method, rules, status and its points."""
    return {
        "id": voting_round.id,
        "number": voting_round.number,
        "title": voting_round.title,
        "method": voting_round.method,
        "status": voting_round.status,
        "anonymous": voting_round.anonymous,
        "results_hidden": voting_round.results_hidden,
        "rules": round_rules(voting_round),
        "points": round_points(voting_round),
        "opened_at": _iso(voting_round.opened_at),
        "closed_at": _iso(voting_round.closed_at),
    }


def round_points(voting_round: VoteRound) -> list[dict]:
    """The ballot's points (shared: never change the list). They are fixed once the round
    opens, so they are read once per opening: a live results refresh read them every time."""
    if voting_round.status == "draft" or voting_round.opened_at is None:
        return _read_points(voting_round)
    return _POINTS.get_or_build((voting_round.id, voting_round.opened_at),
                                lambda: _read_points(voting_round))


def _read_points(voting_round: VoteRound) -> list[dict]:
    return [{"id": p.point_id, "title": p.title, "position": p.position}
            for p in voting_round.points]
