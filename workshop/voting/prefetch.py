"""A batch's voters locked and their marks read in two statements, not two per vote.

The group commit runs a batch's votes one after another in one transaction. Each vote locked
its voter's row and then read its marks: two round trips to PostgreSQL per vote, and a single
writer waits on round trips under a burst. Before the votes run, the batch's voters are now
locked in one statement (in id order, so batches of two processes never wait on each other in
a circle), their rounds read in one more (a batch spans the rooms of many workshops) and, once
every lock is held, their current marks and the marks stored under their
operation ids are read in one more. The votes then take what was read; a voter or an
operation id that occurs twice in the batch is left to the vote's own reads, since the first
vote's write would make what was read stale.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

import sqlalchemy as sa

from workshop.models import Participant
from workshop.models.voting import Ballot
from workshop.voting.locking import (
    VOTER_COLUMNS,
    VoterRow,
    held_locks,
    read_round,
    read_rounds,
    take_sqlite_write_lock,
)
from workshop.voting.marks import HELD_COLUMNS, HeldMark, StoredMark, voter_for
from workshop.voting.pending_marks import NEW_IDS, defer_marks, ids_needed


class VotePlan(NamedTuple):
    """What a queued vote will read: known before it runs, from its command."""

    participant_id: int
    round_id: int
    op_id: str | None


_LOCK_VOTERS = (sa.select(*VOTER_COLUMNS)
                .where(Participant.id.in_(sa.bindparam("ids", expanding=True)))
                .order_by(Participant.id))
# PostgreSQL: the batch's ballot ids come with the lock (pending_marks: one round trip less).
_LOCK_VOTERS_PG = _LOCK_VOTERS.add_columns(NEW_IDS).with_for_update(of=Participant)
_OWNER = (Ballot.round_id, Ballot.voter_key, Ballot.op_digest, Ballot.op_id)
_MARKS = sa.union_all(
    sa.select(*HELD_COLUMNS, *_OWNER, sa.literal(False).label("by_op")).where(
        Ballot.round_id.in_(sa.bindparam("rounds", expanding=True)),
        Ballot.voter_key.in_(sa.bindparam("keys", expanding=True)),
        Ballot.is_current.is_(True)),
    sa.select(*HELD_COLUMNS, *_OWNER, sa.literal(True).label("by_op")).where(
        Ballot.op_id.in_(sa.bindparam("ops", expanding=True))),
)
_KEY = tuple[int, str, str | None]  # round id, voter key, op id


def prepare(plans: list[VotePlan | None]) -> None:
    """Lock the batch's voters and read their marks before its votes run (2+ votes only)."""
    plans = [plan for plan in plans if plan is not None]
    if len(plans) < 2:
        return
    held = held_locks()
    voters, ids = _lock_voters(held, sorted({plan.participant_id for plan in plans}),
                               ids_needed(len(plans)))
    read_rounds([plan.round_id for plan in plans])
    shared = _shareable(plans, voters)
    if shared:
        held["marks"] = _read_marks(held["connection"], shared)
    defer_marks(len(plans), ids)


def prefetched(round_id: int, voter_key: str, op_id: str | None) -> tuple | None:
    """The vote's (current marks, mark stored under its op id), if its batch read them."""
    return held_locks()["marks"].pop((round_id, voter_key, op_id), None)


def _lock_voters(held: dict, ids: list[int], id_count: int) -> tuple[dict, list | None]:
    """The batch's voters, locked; on PostgreSQL also `id_count` new ballot ids (None when no
    voter was found, or on SQLite)."""
    connection = held["connection"]
    new_ids = None
    if connection.dialect.name == "sqlite":
        take_sqlite_write_lock(held)
        rows = connection.execute(_LOCK_VOTERS, {"ids": ids}).all()
    else:
        rows = connection.execute(_LOCK_VOTERS_PG, {"ids": ids, "id_count": id_count}).all()
        new_ids = rows[0].new_ids if rows else None
    held["voters"] = {row[0]: VoterRow(*row[:len(VOTER_COLUMNS)]) for row in rows}
    return held["voters"], new_ids


def _shareable(plans: list[VotePlan], voters: dict) -> list[_KEY]:
    """The votes whose reads can be shared: once-only voter and op id, a round that exists."""
    people = Counter(plan.participant_id for plan in plans)
    ops = Counter(plan.op_id for plan in plans if plan.op_id is not None)
    shared = []
    for plan in plans:
        voting_round, voter = read_round(plan.round_id), voters.get(plan.participant_id)
        if voting_round is None or voter is None or people[plan.participant_id] > 1:
            continue
        if plan.op_id is None or ops[plan.op_id] == 1:
            shared.append((plan.round_id, voter_for(voting_round, voter).key, plan.op_id))
    return shared


def _read_marks(connection, shared: list[_KEY]) -> dict[_KEY, tuple]:
    params = {"rounds": sorted({k[0] for k in shared}), "keys": sorted({k[1] for k in shared}),
              "ops": sorted({k[2] for k in shared if k[2] is not None})}
    width = len(HELD_COLUMNS)
    current: dict[tuple, list[HeldMark]] = {}
    stored: dict[str, StoredMark] = {}
    for row in connection.execute(_MARKS, params):
        round_id, voter_key, op_digest, op_id, by_op = row[width:]
        if by_op:
            stored[op_id] = StoredMark(round_id, voter_key, op_digest, row[1], row[2])
        else:
            current.setdefault((round_id, voter_key), []).append(HeldMark(*row[:width]))
    return {k: (current.get(k[:2], []), stored.get(k[2])) for k in shared}
