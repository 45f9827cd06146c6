"""A voter's current marks in a round: who the voter is to the ballot table, and what they hold.

Named rounds key marks by participant; anonymous rounds by a keyed hash of (round,
participant) that only the server can compute while the round is open (so a vote can be
changed) and that is replaced by a random key at close.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any, NamedTuple

import sqlalchemy as sa
from flask import current_app

from workshop.driver_sql import DriverStatement
from workshop.extensions import db
from workshop.models import utcnow
from workshop.models.voting import Ballot, RoundPoint, RoundTurnout, VoteRound
from workshop.voting.few import few_binds, few_values
from workshop.voting.pending_marks import RETIRE_MARKS, flush_marks, queue_mark, queue_retired


class HeldMark(NamedTuple):
    """One of the voter's current ballot rows, as the vote path reads and writes them."""

    id: int
    point_id: int
    criterion: str
    value: int | None
    seq: int | None
    is_current: bool = True


class StoredMark(NamedTuple):
    """Where the mark stored under a resent operation id belongs, and its payload's digest."""

    round_id: int
    voter_key: str
    op_digest: str | None
    point_id: int
    criterion: str


@dataclass(frozen=True)
class Voter:
    """Who casts a mark, as the ballot table records it for this round.

    `participant` is anything with the participant's `id` and `discipline_id` (an ORM object
    or the row the vote read under its lock).
    """

    participant: Any
    key: str
    anonymous: bool


def voter_for(voting_round, participant) -> Voter:
    """The ballot identity of a participant in a round (a keyed hash when anonymous)."""
    if not voting_round.anonymous:
        return Voter(participant, f"p:{participant.id}", False)
    secret = current_app.config["SECRET_KEY"].encode()
    message = f"vote:{voting_round.id}:{participant.id}".encode()
    digest = hmac.new(secret, message, hashlib.sha256).hexdigest()[:40]
    return Voter(participant, f"a:{digest}", True)


# Statements of the vote path are built once: building one costs more than running it.
HELD_COLUMNS = (Ballot.id, Ballot.point_id, Ballot.criterion, Ballot.value, Ballot.seq,
                 Ballot.is_current)
_CURRENT = sa.select(*HELD_COLUMNS).where(
    Ballot.round_id == sa.bindparam("round_id"), Ballot.voter_key == sa.bindparam("voter_key"),
    Ballot.is_current.is_(True))
_HELD_AND_OWNER = (*HELD_COLUMNS, Ballot.round_id, Ballot.voter_key, Ballot.op_digest)
# One round trip for both lookups; each branch uses its own index (an OR would scan the round).
_CURRENT_AND_BY_OP = DriverStatement(sa.union_all(
    sa.select(*_HELD_AND_OWNER, sa.literal(False).label("by_op")).where(
        Ballot.round_id == sa.bindparam("round_id"),
        Ballot.voter_key == sa.bindparam("voter_key"), Ballot.is_current.is_(True)),
    sa.select(*_HELD_AND_OWNER, sa.literal(True).label("by_op")).where(
        Ballot.op_id == sa.bindparam("op_id")),
))
_POINT_IDS = sa.select(RoundPoint.point_id).where(RoundPoint.round_id == sa.bindparam("round_id"))
_RETIRE_ONE = DriverStatement(  # the usual case; an expanding IN re-renders each time
    sa.update(Ballot.__table__).where(Ballot.id == sa.bindparam("mark_id"))
    .values(is_current=False))
_MARK_COLUMNS = ("round_id", "point_id", "criterion", "value", "voter_key", "discipline_id",
                 "participant_id", "op_id", "op_digest", "seq", "is_current", "cast_at")
_INSERT = DriverStatement(sa.insert(Ballot.__table__).values(
    {name: sa.bindparam(name, type_=Ballot.__table__.c[name].type) for name in _MARK_COLUMNS})
    .returning(Ballot.id))
_TURNOUT = RoundTurnout.__table__


def current_marks(round_id: int, voter_key: str) -> list[HeldMark]:
    """The voter's current marks (including retracted ones, whose value is NULL)."""
    flush_marks()
    rows = db.session.connection().execute(_CURRENT, {"round_id": round_id,
                                                      "voter_key": voter_key})
    return [HeldMark(*row) for row in rows]


def marks_and_op(round_id: int, voter_key: str, op_id: str | None) -> tuple[list, sa.Row | None]:
    """The voter's current marks, and the mark stored under `op_id` (if any) with its owner."""
    if op_id is None:
        return current_marks(round_id, voter_key), None
    flush_marks()
    rows = _CURRENT_AND_BY_OP.run({"round_id": round_id, "voter_key": voter_key, "op_id": op_id})
    width = len(HELD_COLUMNS)
    marks = [HeldMark(*row[:width]) for row in rows if not row[-1]]
    stored = next((StoredMark(*row[width:-1], row[1], row[2]) for row in rows if row[-1]), None)
    return marks, stored


_POINTS: dict[tuple, frozenset] = {}


def ballot_points(voting_round) -> frozenset:
    """The point ids on a round's ballot (cached once open: the database freezes them)."""
    key = (voting_round.id, voting_round.opened_at)  # opened_at: a round id reused by a new DB
    cached = _POINTS.get(key)
    if cached is None:
        rows = db.session.connection().execute(_POINT_IDS, {"round_id": voting_round.id})
        cached = frozenset(rows.scalars())
        if voting_round.status != "draft":
            _POINTS[key] = cached
    return cached


def retire(marks: list[HeldMark]) -> None:
    """Mark earlier current rows as superseded (before inserting their successors)."""
    if not marks or queue_retired([m.id for m in marks]):
        return
    if len(marks) == 1:
        _RETIRE_ONE.run({"mark_id": marks[0].id})
    elif marks:
        db.session.connection().execute(RETIRE_MARKS, {"ids": [m.id for m in marks]})


def new_mark(voting_round, voter: Voter, point_id: int, criterion: str,
             value: int | None, op_id: str | None, seq: int | None,
             op_digest: str | None = None) -> HeldMark:
    """Insert a new current mark; anonymous marks carry no participant and no time."""
    values = {"round_id": voting_round.id, "point_id": point_id, "criterion": criterion,
              "value": value, "voter_key": voter.key,
              "discipline_id": voter.participant.discipline_id,
              "participant_id": None if voter.anonymous else voter.participant.id,
              "op_id": op_id, "op_digest": op_digest, "seq": seq, "is_current": True,
              "cast_at": None if voter.anonymous else utcnow()}
    mark_id = queue_mark(values)
    if mark_id is None:
        mark_id = _INSERT.run(values)[0][0]
    return HeldMark(mark_id, point_id, criterion, value, seq)


_CURRENT_FEW = DriverStatement(sa.union_all(*(
    sa.select(Ballot.round_id, *HELD_COLUMNS).where(
        Ballot.round_id == round_id, Ballot.voter_key == voter_key, Ballot.is_current.is_(True))
    for round_id, voter_key in zip(few_binds("r"), few_binds("k"), strict=True))))


def current_marks_many(keys: dict[int, str]) -> dict[int, list[HeldMark]]:
    """Current marks of one voter key per round (at most FEW rounds), in one query."""
    held: dict[int, list[HeldMark]] = {round_id: [] for round_id in keys}
    if keys:
        params = few_values("r", list(keys), 0) | few_values("k", list(keys.values()), "")
        for row in _CURRENT_FEW.run(params):
            held[row[0]].append(HeldMark(*row[1:6], bool(row[6])))
    return held


def left_over(voting_round, marks: list) -> int | None:
    """Dots (or yeses) the voter may still give; None when the method has no limit."""
    live = [m for m in marks if m.is_current and m.value is not None]
    if voting_round.method == "dots":
        return voting_round.budget - sum(m.value for m in live)
    if voting_round.method == "approval" and voting_round.max_yes:
        return voting_round.max_yes - sum(1 for m in live if m.value == 1)
    return None


def canonical(voting_round, voter: Voter, marks: list | None = None,
              **extra) -> dict:
    """The voter's state in the round, as acks and `ballot_saved` carry it."""
    if marks is None:
        marks = current_marks(voting_round.id, voter.key)
    live = sorted((m for m in marks if m.value is not None),
                  key=lambda m: (m.point_id, m.criterion))
    return {
        "round": voting_round.id,
        "status": voting_round.status,
        "marks": [[m.point_id, m.criterion, m.value] for m in live],
        "left": left_over(voting_round, marks),
        "ballot": max((m.id for m in marks if m.id), default=None),
        "seq": max((m.seq for m in marks if m.seq is not None), default=None),
        **extra,
    }


_SEAL_COLUMNS = (Ballot.point_id, Ballot.criterion, Ballot.value, Ballot.voter_key,
                 Ballot.discipline_id, Ballot.is_current, Ballot.op_id, Ballot.op_digest)


def sealed_op(op_id: str, digest: str | None) -> str:
    """What a sealed round keeps of an operation: enough to know a resend, not whose it was."""
    return hashlib.sha256(f"{op_id}|{digest or ''}".encode()).hexdigest()[:32]


def is_sealed_op(round_id: int, op_id: str | None, digest: str | None) -> bool:
    """Whether `op_id` with this payload was a vote of a sealed anonymous round."""
    sealed = db.session.scalar(sa.select(RoundTurnout.sealed_ops).where(
        RoundTurnout.round_id == round_id))
    return bool(op_id and sealed and sealed_op(op_id, digest) in set(sealed))


def anonymise(voting_round: VoteRound, folded: set[int | None]) -> None:
    """At close, seal an anonymous round: only its current marks stay, each voter under a
    random key with a folded discipline, without op ids, sequence numbers or times, written
    again in a random order under new ids, so neither a column nor the row order links a mark
    to a person or to their marks in other rounds (docs/results.md); only sorted hashes of
    the op ids stay, to answer a late resend. The caller has set
    `closed_at` (the database allows the rewrite only then) and the round is still open."""
    rows = db.session.execute(sa.select(*_SEAL_COLUMNS).where(
        Ballot.round_id == voting_round.id).order_by(Ballot.id)).all()  # newest row last
    group = {r.voter_key: (None if r.discipline_id in folded else r.discipline_id) for r in rows}
    keys = {old: f"x:{secrets.token_hex(16)}" for old in group}
    kept = [{"round_id": voting_round.id, "point_id": r.point_id, "criterion": r.criterion,
             "value": r.value, "voter_key": keys[r.voter_key],
             "discipline_id": group[r.voter_key], "participant_id": None, "op_id": None,
             "op_digest": None, "seq": None, "is_current": True, "cast_at": None}
            for r in rows if r.is_current]
    secrets.SystemRandom().shuffle(kept)
    connection = db.session.connection()
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA secure_delete = ON")  # overwrite, not just unlink
    connection.execute(sa.delete(Ballot.__table__).where(
        Ballot.__table__.c.round_id == voting_round.id))
    for row in kept:  # one by one: ids follow the shuffled order on every database
        connection.execute(sa.insert(Ballot.__table__), row)
    ops = sorted({sealed_op(r.op_id, r.op_digest) for r in rows if r.op_id})
    connection.execute(sa.update(_TURNOUT).where(_TURNOUT.c.round_id == voting_round.id)
                       .values(sealed_ops=ops))


def load_voter_groups(round_id: int) -> dict:
    """Discipline -> number of distinct voters in the round (for folding at close)."""
    rows = db.session.execute(sa.select(Ballot.voter_key, Ballot.discipline_id)
                              .where(Ballot.round_id == round_id).order_by(Ballot.id)).all()
    voters = {r.voter_key: r.discipline_id for r in rows}
    counts: dict = {}
    for discipline in voters.values():
        counts[discipline] = counts.get(discipline, 0) + 1
    return counts
