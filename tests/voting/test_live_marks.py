"""The incremental mark index agrees with a full read of the ballot table."""

from __future__ import annotations

import dataclasses

import sqlalchemy as sa

from workshop.extensions import db
from workshop.models.voting import Ballot, VoteRound
from workshop.voting import live_marks


def _stored_current(round_id: int) -> list[tuple]:
    rows = db.session.execute(sa.select(Ballot.point_id, Ballot.criterion, Ballot.value,
                                        Ballot.voter_key)
                              .where(Ballot.round_id == round_id, Ballot.is_current.is_(True),
                                     Ballot.value.is_not(None))).all()
    return sorted(tuple(r) for r in rows)


def _indexed(voting_round) -> list[tuple]:
    return sorted(tuple(m) for m in live_marks.round_marks(voting_round).marks())


def test_index_follows_votes_changes_and_retractions(app, room):
    round_id = room.open_round("approval")
    phones = [room.phone(name=f"P{i}") for i in range(3)]
    points = room.points
    with app.app_context():
        for step, (phone, point, value) in enumerate([
                (0, 0, 1), (1, 0, 0), (2, 1, 1), (0, 0, None), (1, 2, 1), (0, 1, 1)]):
            assert room.vote(phones[phone], round_id, point=points[point], value=value)["ok"]
            voting_round = db.session.get(VoteRound, round_id)
            assert _indexed(voting_round) == _stored_current(round_id), step
            db.session.rollback()


def test_a_row_committed_late_forces_a_full_read(app, room, monkeypatch):
    round_id = room.open_round("dots", budget=5)
    phone = room.phone()
    assert room.vote(phone, round_id, point=room.points[0], delta=1)["ok"]
    with app.app_context():
        voting_round = db.session.get(VoteRound, round_id)
        state = live_marks.round_marks(voting_round)
        key = (voting_round.id, voting_round.opened_at)
        # Pretend a row with an id we already passed was missing when we read.
        live_marks._CACHE.put(key, dataclasses.replace(state, rows=state.rows - 1, latest={}))
        assert _indexed(voting_round) == _stored_current(round_id)
