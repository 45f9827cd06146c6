"""The voting feature's public service API (other features import from here)."""

from __future__ import annotations

import sqlalchemy as sa

from workshop.extensions import db
from workshop.models.voting import RoundPoint, VoteRound
from workshop.voting.ballots import cast_mark, cast_ranking
from workshop.voting.results import round_results
from workshop.voting.rounds import (
    close_round,
    create_round,
    delete_round,
    open_round,
    rounds_of,
    set_results_hidden,
    update_round,
)

__all__ = [
    "cast_mark", "cast_ranking", "close_round", "create_round", "delete_round", "open_round",
    "point_used_in_round", "round_results", "rounds_of", "set_results_hidden", "update_round",
]


def point_used_in_round(point_id: int) -> bool:
    """Whether a round that was opened offered this point (its votes must stay readable)."""
    stmt = (sa.select(RoundPoint.round_id).join(VoteRound, VoteRound.id == RoundPoint.round_id)
            .where(RoundPoint.point_id == point_id, VoteRound.status != "draft").limit(1))
    return db.session.scalar(stmt) is not None
