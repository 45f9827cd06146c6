"""The database itself refuses bad marks, even from raw SQL (SQLite and PostgreSQL)."""

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from workshop.extensions import db


def _insert(app, round_id, point, value, voter="p:raw", criterion="", current=True, **extra):
    row = {"round_id": round_id, "point_id": point, "criterion": criterion, "value": value,
           "voter_key": voter, "is_current": current, **extra}
    columns = ", ".join(row)
    params = ", ".join(f":{k}" for k in row)
    _execute(app, f"INSERT INTO ballot ({columns}) VALUES ({params})", row)


def _execute(app, sql, params=None):
    with app.app_context(), db.engine.begin() as conn:
        conn.execute(sa.text(sql), params or {})


def _refused(app, fn, *args, **kwargs):
    with pytest.raises(IntegrityError):
        fn(app, *args, **kwargs)


def test_second_current_mark_for_one_voter_and_point(app, room):
    round_id = room.open_round("approval")
    _insert(app, round_id, room.points[0], 1)
    _refused(app, _insert, round_id, room.points[0], 0)
    _insert(app, round_id, room.points[0], 0, voter="p:other")


def test_dots_over_budget_and_cap(app, room):
    round_id = room.open_round("dots", budget=3, per_point_cap=2)
    _insert(app, round_id, room.points[0], 2)
    _refused(app, _insert, round_id, room.points[1], 2)
    _refused(app, _insert, round_id, room.points[2], 3, voter="p:fresh")
    _insert(app, round_id, room.points[1], 1)


def test_approval_max_yes_scale_and_ranks(app, room):
    approval = room.open_round("approval", max_yes=1)
    _insert(app, approval, room.points[0], 1)
    _refused(app, _insert, approval, room.points[1], 1)
    _refused(app, _insert, approval, room.points[2], 2, voter="p:x")
    room.staff("close_round", round=approval)
    scores = room.open_round("scores")
    _refused(app, _insert, scores, room.points[0], 6, criterion="importance")
    _refused(app, _insert, scores, room.points[0], 3, criterion="")
    room.staff("close_round", round=scores)
    ranking = room.open_round("ranking", top_k=2)
    _insert(app, ranking, room.points[0], 1, criterion="rank")
    _refused(app, _insert, ranking, room.points[1], 1, criterion="rank")
    _refused(app, _insert, ranking, room.points[1], 3, criterion="rank")


def test_marks_for_rounds_that_are_not_open(app, room):
    draft = room.staff("create_round", method="approval")["round"]["id"]
    _refused(app, _insert, draft, room.points[0], 1)
    round_id = room.open_round("approval")
    room.staff("close_round", round=round_id)
    _refused(app, _insert, round_id, room.points[0], 1)


def test_named_mark_in_anonymous_round_and_foreign_point(app, room):
    round_id = room.open_round("approval", anonymous=True, points=room.points[:2])
    phone = room.phone()
    participant = room.vote(phone, round_id, point=room.points[0], value=1)
    assert participant["ok"]
    with app.app_context():
        pid = db.session.scalar(sa.text("SELECT id FROM participant"))
    _refused(app, _insert, round_id, room.points[1], 1, participant_id=pid)
    _refused(app, _insert, round_id, room.points[4], 1)  # not on this round's ballot


def test_stored_marks_cannot_be_edited_or_deleted(app, room):
    round_id = room.open_round("approval")
    _insert(app, round_id, room.points[0], 1)
    _refused(app, _execute, "UPDATE ballot SET value = 0")
    _refused(app, _execute, "UPDATE ballot SET point_id = :p", {"p": room.points[1]})
    _refused(app, _execute, "DELETE FROM ballot")
    _execute(app, "UPDATE ballot SET is_current = :f", {"f": False})
    _refused(app, _execute, "UPDATE ballot SET is_current = :t", {"t": True})
    room.staff("close_round", round=round_id)
    _refused(app, _execute, "UPDATE ballot SET voter_key = 'x:changed'")


def test_round_rules_freeze_once_open_and_closed_is_final(app, room):
    round_id = room.open_round("dots", budget=5)
    _refused(app, _execute, "UPDATE vote_round SET budget = 50 WHERE id = :r", {"r": round_id})
    _refused(app, _execute, "UPDATE vote_round SET method = 'approval' WHERE id = :r",
             {"r": round_id})
    _refused(app, _execute, "DELETE FROM round_point WHERE round_id = :r", {"r": round_id})
    _refused(app, _execute, "DELETE FROM vote_round WHERE id = :r", {"r": round_id})
    _refused(app, _execute, "UPDATE vote_round SET status = 'draft' WHERE id = :r",
             {"r": round_id})
    room.staff("close_round", round=round_id)
    _refused(app, _execute, "UPDATE vote_round SET status = 'open' WHERE id = :r",
             {"r": round_id})
    _execute(app, "UPDATE vote_round SET title = 'renamed' WHERE id = :r", {"r": round_id})


def test_one_open_round_per_workshop(app, room):
    first = room.open_round("approval")
    second = room.staff("create_round", method="dots")["round"]["id"]
    refused = room.command(room.console, "open_round", round=second)
    assert refused["error"] == "invalid_stage"
    _refused(app, _execute, "UPDATE vote_round SET status = 'open' WHERE id = :r", {"r": second})
    room.staff("close_round", round=first)
    room.staff("open_round", round=second)
