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

import sqlalchemy as sa
from flask import current_app

from workshop.extensions import db
from workshop.models import Participant, utcnow
from workshop.models.voting import Ballot, RoundTurnout, VoteRound


@dataclass(frozen=True)
class Voter:
    """Who casts a mark, as the ballot table records it for this round."""

    participant: Participant
    key: str
    anonymous: bool


def voter_for(voting_round: VoteRound, participant: Participant) -> Voter:
    """The ballot identity of a participant in a round (a keyed hash when anonymous)."""
    if not voting_round.anonymous:
        return Voter(participant, f"p:{participant.id}", False)
    secret = current_app.config["SECRET_KEY"].encode()
    message = f"vote:{voting_round.id}:{participant.id}".encode()
    digest = hmac.new(secret, message, hashlib.sha256).hexdigest()[:40]
    return Voter(participant, f"a:{digest}", True)


def current_marks(round_id: int, voter_key: str) -> list[Ballot]:
    """The voter's current marks (including retracted ones, whose value is NULL)."""
    stmt = sa.select(Ballot).where(Ballot.round_id == round_id, Ballot.voter_key == voter_key,
                                   Ballot.is_current.is_(True))
    return list(db.session.scalars(stmt))


def marks_and_op(round_id: int, voter_key: str, op_id: str | None) -> tuple[list, Ballot | None]:
    """The voter's current marks, and the mark stored under `op_id` (if any).

    Two index lookups: an OR of both conditions would scan the whole round.
    """
    marks = current_marks(round_id, voter_key)
    if op_id is None:
        return marks, None
    replay = db.session.scalar(sa.select(Ballot).where(Ballot.op_id == op_id))
    return marks, replay


_POINTS: dict[tuple, frozenset] = {}


def ballot_points(voting_round: VoteRound) -> frozenset:
    """The point ids on a round's ballot (cached once open: the database freezes them)."""
    key = (voting_round.id, voting_round.opened_at)  # opened_at: a round id reused by a new DB
    cached = _POINTS.get(key)
    if cached is None:
        cached = frozenset(p.point_id for p in voting_round.points)
        if voting_round.status != "draft":
            _POINTS[key] = cached
    return cached


def retire(marks: list[Ballot]) -> None:
    """Mark earlier current rows as superseded (before inserting their successors)."""
    ids = [m.id for m in marks]
    if ids:
        db.session.execute(sa.update(Ballot).where(Ballot.id.in_(ids)).values(is_current=False)
                           .execution_options(synchronize_session=False))


def new_mark(voting_round: VoteRound, voter: Voter, point_id: int, criterion: str,
             value: int | None, op_id: str | None, seq: int | None) -> Ballot:
    """A new current mark; anonymous marks carry no participant and no time."""
    mark = Ballot(round_id=voting_round.id, point_id=point_id, criterion=criterion, value=value,
                  voter_key=voter.key, discipline_id=voter.participant.discipline_id,
                  participant_id=None if voter.anonymous else voter.participant.id,
                  op_id=op_id, seq=seq, is_current=True,
                  cast_at=None if voter.anonymous else utcnow())
    db.session.add(mark)
    return mark


def note_voter(voting_round: VoteRound, participant_id: int) -> None:
    """Add a first-time voter to the round's sorted "who has voted" list."""
    stmt = sa.select(RoundTurnout).where(RoundTurnout.round_id == voting_round.id)
    turnout = db.session.scalar(stmt.with_for_update().execution_options(populate_existing=True))
    if turnout is None:
        turnout = RoundTurnout(round_id=voting_round.id, voter_ids=[], voters=0)
        db.session.add(turnout)
    ids = set(turnout.voter_ids or [])
    if participant_id not in ids:
        turnout.voter_ids = sorted(ids | {participant_id})
        turnout.voters = len(turnout.voter_ids)


def has_voted(round_id: int, participant_id: int) -> bool:
    """Whether the participant appears in the round's "who has voted" list."""
    turnout = db.session.get(RoundTurnout, round_id)
    return turnout is not None and participant_id in (turnout.voter_ids or [])


def left_over(voting_round: VoteRound, marks: list[Ballot]) -> int | None:
    """Dots (or yeses) the voter may still give; None when the method has no limit."""
    live = [m for m in marks if m.is_current and m.value is not None]
    if voting_round.method == "dots":
        return voting_round.budget - sum(m.value for m in live)
    if voting_round.method == "approval" and voting_round.max_yes:
        return voting_round.max_yes - sum(1 for m in live if m.value == 1)
    return None


def canonical(voting_round: VoteRound, voter: Voter, marks: list[Ballot] | None = None,
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


def anonymise(voting_round: VoteRound, folded: set[int | None]) -> None:
    """At close: give every anonymous voter a random key and fold small disciplines to NULL."""
    keys = db.session.scalars(sa.select(Ballot.voter_key).where(
        Ballot.round_id == voting_round.id).distinct())
    for key in list(keys):
        db.session.execute(sa.update(Ballot).where(
            Ballot.round_id == voting_round.id, Ballot.voter_key == key,
        ).values(voter_key=f"x:{secrets.token_hex(16)}")
            .execution_options(synchronize_session=False))
    named = [d for d in folded if d is not None]
    if named:
        db.session.execute(sa.update(Ballot).where(
            Ballot.round_id == voting_round.id, Ballot.discipline_id.in_(named),
        ).values(discipline_id=None).execution_options(synchronize_session=False))


def load_voter_groups(round_id: int) -> dict:
    """Discipline -> number of distinct voters in the round (for folding at close)."""
    rows = db.session.execute(sa.select(Ballot.voter_key, Ballot.discipline_id)
                              .where(Ballot.round_id == round_id).order_by(Ballot.id)).all()
    voters = {r.voter_key: r.discipline_id for r in rows}
    counts: dict = {}
    for discipline in voters.values():
        counts[discipline] = counts.get(discipline, 0) + 1
    return counts
