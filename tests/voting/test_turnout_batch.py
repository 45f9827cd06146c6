"""Who has voted: first votes of a transaction are written together just before it commits."""

from __future__ import annotations

from types import SimpleNamespace

from workshop.extensions import db
from workshop.models.voting import RoundTurnout
from workshop.voting.turnout import note_voter


def _voters(round_id: int) -> list[int]:
    db.session.expire_all()
    return db.session.get(RoundTurnout, round_id).voter_ids


def test_first_votes_of_several_rounds_are_written_at_commit(app, room):
    first = room.open_round("approval")
    room.staff("close_round", round=first)
    second = room.open_round("approval")
    with app.app_context():
        note_voter(SimpleNamespace(id=second), 7)
        note_voter(SimpleNamespace(id=first), 9)
        note_voter(SimpleNamespace(id=second), 3)
        assert _voters(second) == []  # not before the commit
        db.session.commit()
        assert _voters(second) == [3, 7]
        assert _voters(first) == [9]
        note_voter(SimpleNamespace(id=second), 7)  # known already: nothing changes
        db.session.commit()
        assert db.session.get(RoundTurnout, second).voters == 2


def test_a_rolled_back_batch_notes_nobody(app, room):
    round_id = room.open_round("approval")
    with app.app_context():
        note_voter(SimpleNamespace(id=round_id), 5)
        db.session.rollback()
        db.session.commit()
        assert _voters(round_id) == []
        note_voter(SimpleNamespace(id=round_id), 6)
        db.session.commit()
        assert _voters(round_id) == [6]


def test_rounds_of_many_workshops_cost_one_locked_read_and_one_update(app, room):
    import sqlalchemy as sa

    rounds = []
    for _ in range(3):
        rounds.append(room.open_round("approval"))
        room.staff("close_round", round=rounds[-1])
    statements = []

    def seen(conn, cursor, statement, *args):
        if "round_turnout" in statement:
            statements.append(statement.split()[0].upper())

    with app.app_context():
        for voter, round_id in enumerate(rounds):
            note_voter(SimpleNamespace(id=round_id), 100 + voter)
        sa.event.listen(db.engine, "before_cursor_execute", seen)
        try:
            db.session.commit()
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", seen)
        assert [_voters(r) for r in rounds] == [[100], [101], [102]]
        assert [db.session.get(RoundTurnout, r).voters for r in rounds] == [1, 1, 1]
        updates = 1 if db.engine.dialect.name != "sqlite" else len(rounds)
    assert statements == ["SELECT"] + ["UPDATE"] * updates
