"""Who has voted in a round: the sorted voter list of its turnout row.

Every first vote adds to it, so the row is the one every batch of every process wants. First
voters are collected per transaction and written just before it commits: the rows of all the
batch's rounds are locked in one statement (id order, so writers that commit at the same
moment cannot wait on each other in a circle) and, on PostgreSQL, updated in one more. A batch
spanning ten workshops' opening votes paid two round trips per round, with the locks held.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
import sqlalchemy.orm as so

from workshop.driver_sql import DriverStatement
from workshop.models.voting import RoundTurnout
from workshop.per_transaction import collected, take_collected
from workshop.voting.few import few_binds, few_values

_TURNOUT = RoundTurnout.__table__
_VOTERS = (sa.select(_TURNOUT.c.round_id, _TURNOUT.c.voter_ids)
           .where(_TURNOUT.c.round_id.in_(sa.bindparam("ids", expanding=True)))
           .order_by(_TURNOUT.c.round_id))
_VOTERS_LOCKED = _VOTERS.with_for_update()
_SET_VOTERS = sa.update(_TURNOUT).where(_TURNOUT.c.round_id == sa.bindparam("turnout_round"))
# PostgreSQL: every changed round in one statement (parallel arrays, unnested row by row).
_SET_MANY = sa.text(
    "UPDATE round_turnout SET voter_ids = CAST(new.ids AS JSON), voters = new.voters "
    "FROM (SELECT unnest(CAST(:rounds AS INTEGER[])) AS round_id, "
    "unnest(CAST(:lists AS TEXT[])) AS ids, unnest(CAST(:counts AS INTEGER[])) AS voters) AS new "
    "WHERE round_turnout.round_id = new.round_id")
_NEW_VOTERS = "new_voters"  # this transaction's {round id: new voter ids}


def note_voter(voting_round, participant_id: int) -> None:
    """Add a first-time voter to the round's list when this transaction commits."""
    collected(_NEW_VOTERS).setdefault(voting_round.id, set()).add(participant_id)


@sa.event.listens_for(so.Session, "before_commit")
def _write_new_voters(session) -> None:
    pending = take_collected(session, _NEW_VOTERS)
    if not pending:
        return
    connection = session.connection()
    sqlite = connection.dialect.name == "sqlite"
    rows = connection.execute(_VOTERS if sqlite else _VOTERS_LOCKED, {"ids": sorted(pending)})
    changed = {}
    for round_id, raw in rows:
        ids = set(_id_list(raw))
        if not pending[round_id] <= ids:
            changed[round_id] = sorted(ids | pending[round_id])
    if changed and sqlite:
        for round_id, ids in changed.items():
            connection.execute(_SET_VOTERS, {"turnout_round": round_id, "voter_ids": ids,
                                             "voters": len(ids)})
    elif changed:
        connection.execute(_SET_MANY, {"rounds": list(changed),
                                       "lists": [json.dumps(ids) for ids in changed.values()],
                                       "counts": [len(ids) for ids in changed.values()]})


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
