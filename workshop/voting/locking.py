"""Serialising votes that share a budget, and votes against the round's close.

PostgreSQL: a vote holds the round row FOR SHARE (votes run side by side, a close waits for
them and they wait for a close) and the voter's participant row FOR UPDATE (two tabs of one
person take turns, so the budget check sees the other tab's committed marks).
SQLite: a vote or a close first takes the database's single write lock, so they run one at a
time and every read after the lock sees the latest commit.
"""

from __future__ import annotations

import sqlalchemy as sa

from workshop.database import is_sqlite
from workshop.extensions import db
from workshop.models import Participant
from workshop.models.voting import VoteRound

_SQLITE_WRITE_LOCK = sa.text("UPDATE vote_round SET id = id WHERE 0")


def _fresh_round(round_id: int, exclusive: bool) -> VoteRound | None:
    stmt = (sa.select(VoteRound).where(VoteRound.id == round_id)
            .execution_options(populate_existing=True))
    if not is_sqlite():
        stmt = stmt.with_for_update(read=not exclusive)
    return db.session.scalar(stmt)


def lock_for_vote(round_id: int, participant_id: int) -> VoteRound | None:
    """Take the locks a vote needs and return the round as it is now (None if gone)."""
    if is_sqlite():
        db.session.execute(_SQLITE_WRITE_LOCK)
        return _fresh_round(round_id, exclusive=False)
    voting_round = _fresh_round(round_id, exclusive=False)
    db.session.execute(sa.select(Participant.id).where(Participant.id == participant_id)
                       .with_for_update())
    return voting_round


def lock_for_change(round_id: int) -> VoteRound | None:
    """Take the locks that opening, closing or editing a round needs; return it fresh."""
    if is_sqlite():
        db.session.execute(_SQLITE_WRITE_LOCK)
    return _fresh_round(round_id, exclusive=True)
