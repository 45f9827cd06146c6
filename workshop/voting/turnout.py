"""Who has voted in a round: the sorted voter list of its turnout row.

Every first vote adds to it, so the row is the one every batch of every process wants. First
voters are collected per transaction and written just before it commits, one locked update per
round, rounds in id order: the lock is held only for the commit itself, and writers that commit
at the same moment take the rows in the same order (they cannot wait on each other in a circle).
"""

from __future__ import annotations

import json

import sqlalchemy as sa
import sqlalchemy.orm as so

from workshop.driver_sql import DriverStatement
from workshop.extensions import db
from workshop.models.voting import RoundTurnout
from workshop.voting.few import few_binds, few_values

_TURNOUT = RoundTurnout.__table__
_VOTERS = sa.select(_TURNOUT.c.voter_ids).where(_TURNOUT.c.round_id == sa.bindparam("round_id"))
_VOTERS_LOCKED = _VOTERS.with_for_update()
_SET_VOTERS = sa.update(_TURNOUT).where(_TURNOUT.c.round_id == sa.bindparam("turnout_round"))
_NEW_VOTERS = "new_voters"  # session.info: (transaction, {round id: new voter ids})


def note_voter(voting_round, participant_id: int) -> None:
    """Add a first-time voter to the round's list when this transaction commits."""
    session = db.session()
    session.connection()  # the vote's transaction (begun already): the voters belong to it
    transaction, pending = session.info.get(_NEW_VOTERS, (None, {}))
    if transaction is not session.get_transaction():
        transaction, pending = session.get_transaction(), {}
        session.info[_NEW_VOTERS] = (transaction, pending)
    pending.setdefault(voting_round.id, set()).add(participant_id)


@sa.event.listens_for(so.Session, "before_commit")
def _write_new_voters(session) -> None:
    transaction, pending = session.info.pop(_NEW_VOTERS, (None, {}))
    if not pending or transaction is not session.get_transaction():
        return  # nobody new, or noted in a transaction that was rolled back
    connection = session.connection()
    stmt = _VOTERS if connection.dialect.name == "sqlite" else _VOTERS_LOCKED
    for round_id in sorted(pending):
        ids = set(connection.execute(stmt, {"round_id": round_id}).scalar() or [])
        if not pending[round_id] <= ids:
            ids |= pending[round_id]
            connection.execute(_SET_VOTERS, {"turnout_round": round_id,
                                             "voter_ids": sorted(ids), "voters": len(ids)})


_TURNOUT_FEW = DriverStatement(sa.select(RoundTurnout.round_id, RoundTurnout.voter_ids).where(
    RoundTurnout.round_id.in_(few_binds("r"))))


def voted_in(round_ids: list[int], participant_id: int) -> set[int]:
    """The rounds among `round_ids` (at most FEW) whose "who has voted" list names them."""
    if not round_ids:
        return set()
    rows = _TURNOUT_FEW.run(few_values("r", round_ids, 0))
    return {round_id for round_id, ids in rows if participant_id in _id_list(ids)}


def _id_list(raw) -> list:
    """A JSON list as the driver gives it: text (SQLite) or already decoded (PostgreSQL)."""
    return json.loads(raw) if isinstance(raw, str) else raw or []
