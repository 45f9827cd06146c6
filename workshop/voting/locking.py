"""Serialising votes that share a budget, and votes against the round's close.

PostgreSQL: a vote holds the voter's participant row FOR UPDATE (two tabs of one person take
turns, so the budget check sees the other tab's committed marks) and then the round row FOR
SHARE (votes run side by side, a close waits for them and they wait for a close).
SQLite: a vote or a close first takes the database's single write lock, so they run one at a
time and every read after the lock sees the latest commit.

The vote path reads plain rows (SQLAlchemy Core), not ORM objects: it runs for every vote of a
packed room and the ORM's loading machinery was most of its cost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

import sqlalchemy as sa

from workshop.database import is_sqlite
from workshop.driver_sql import DriverStatement
from workshop.extensions import db
from workshop.models import Participant
from workshop.models.voting import VoteRound
from workshop.per_transaction import collected

_SQLITE_WRITE_LOCK = sa.text("UPDATE vote_round SET id = id WHERE 0")


@dataclass(frozen=True)
class RoundState:
    """A round's rules and status as one vote sees them, read under the vote's lock."""

    id: int
    workshop_id: int
    method: str
    status: str
    anonymous: bool
    budget: int | None
    per_point_cap: int | None
    max_yes: int | None
    score_min: int
    score_max: int
    criteria: list
    top_k: int | None
    opened_at: datetime | None

    @property
    def criterion_keys(self) -> list[str]:
        """The keys of the score criteria (empty for other methods)."""
        return [c["key"] for c in self.criteria or []] if self.method == "scores" else []


_ROUND_COLUMNS = [VoteRound.__table__.c[name] for name in RoundState.__dataclass_fields__]
VOTER_COLUMNS = (Participant.id, Participant.workshop_id, Participant.status,
                  Participant.discipline_id,
                  Participant.token_hash.is_not(None).label("has_token"))
# Built once: constructing a statement costs several times more than running it here.
_VOTER = sa.select(*VOTER_COLUMNS).where(Participant.id == sa.bindparam("participant_id"))
_ROUNDS = (sa.select(*_ROUND_COLUMNS).where(VoteRound.id.in_(sa.bindparam("ids", expanding=True)))
           .order_by(VoteRound.id))
_ROUNDS_SHARED = _ROUNDS.with_for_update(read=True)
_VOTER_NOW = DriverStatement(_VOTER)
_VOTER_EXCLUSIVE = DriverStatement(_VOTER.with_for_update(of=Participant))


class VoterRow(NamedTuple):
    """The voter as the vote's lock sees them."""

    id: int
    workshop_id: int
    status: str
    discipline_id: int | None
    has_token: bool


def held_locks() -> dict:
    """What the current transaction already holds: votes committed together share it."""
    held = collected("vote_locks")  # begins the transaction if need be
    if not held:
        held.update(write_lock=False, rounds={}, voters={}, marks={})
    held["connection"] = db.session.connection()
    return held


def take_sqlite_write_lock(held: dict) -> None:
    """SQLite: the database's single write lock, taken once per transaction."""
    if not held["write_lock"]:
        held["connection"].execute(_SQLITE_WRITE_LOCK)
        held["write_lock"] = True


def lock_voter(participant_id: int) -> VoterRow | None:
    """Take the locks a vote needs first; return the voter as stored now (None if gone).

    A voter the batch locked already (`prefetch`) is taken as read then: the lock keeps the
    row as it is until the commit."""
    held = held_locks()
    if participant_id in held["voters"]:
        return held["voters"][participant_id]
    statement = _VOTER_NOW
    if held["connection"].dialect.name != "sqlite":
        statement = _VOTER_EXCLUSIVE
    else:
        take_sqlite_write_lock(held)
    rows = statement.run({"participant_id": participant_id})
    return VoterRow(*rows[0]) if rows else None


def read_round(round_id: int) -> RoundState | None:
    """The round as it is now, held FOR SHARE on PostgreSQL until the vote commits.

    Read once per transaction: under the lock nobody else can change it until the commit.
    """
    read_rounds([round_id])
    return held_locks()["rounds"][round_id]


def read_rounds(round_ids: list[int]) -> None:
    """Several rounds read (and held FOR SHARE) in one statement, id order: a batch of ten
    workshops' votes paid ten round trips for them, one by one."""
    held = held_locks()
    wanted = sorted(set(round_ids) - held["rounds"].keys())
    if not wanted:
        return
    connection = held["connection"]
    stmt = _ROUNDS if connection.dialect.name == "sqlite" else _ROUNDS_SHARED
    found = {row[0]: RoundState(*row) for row in connection.execute(stmt, {"ids": wanted})}
    for round_id in wanted:
        held["rounds"][round_id] = found.get(round_id)


def _fresh_round(round_id: int, exclusive: bool) -> VoteRound | None:
    stmt = (sa.select(VoteRound).where(VoteRound.id == round_id)
            .execution_options(populate_existing=True))
    if not is_sqlite():
        stmt = stmt.with_for_update(read=not exclusive)
    return db.session.scalar(stmt)


def lock_for_change(round_id: int) -> VoteRound | None:
    """Take the locks that opening, closing or editing a round needs; return it fresh."""
    if is_sqlite():
        db.session.execute(_SQLITE_WRITE_LOCK)
    return _fresh_round(round_id, exclusive=True)
