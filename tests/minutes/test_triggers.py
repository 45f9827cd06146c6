"""The database itself refuses changes to final minutes (SQLite here, PostgreSQL when set)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from workshop.extensions import db
from workshop.minutes import finalise, workspace
from workshop.minutes.state import workspace_state

from .factory import actor

RAW = [
    "UPDATE minutes_version SET summary = 'forged' WHERE number = 1",
    "UPDATE minutes_version SET status = 'draft' WHERE number = 1",
    "UPDATE minutes_version SET pdf = NULL, sha256 = 'x' WHERE number = 1",
    "DELETE FROM minutes_version WHERE number = 1",
    "UPDATE minutes_note SET text = 'forged'",
    "DELETE FROM minutes_note",
    "UPDATE minutes_decision SET text = 'forged'",
    "DELETE FROM minutes_decision",
    "UPDATE minutes_action SET status = 'done'",
    "DELETE FROM minutes_action",
    "UPDATE attendance_correction SET status = 'absent'",
    "DELETE FROM attendance_correction",
]


@pytest.fixture
def final(full, ctx):
    """Minutes version 1 with one row in every child table, made final."""
    me = actor(full["secretary"])
    for change in ({"kind": "note", "stage": "propose", "text": "یادداشت", "base": 0},
                   {"kind": "decision", "text": "تصمیم"},
                   {"kind": "action", "what": "کار", "status": "open"},
                   {"kind": "attendance", "participant_id": full["people"][0],
                    "status": "excused"}):
        workspace.edit(me, full["workshop"], change)
    revision = workspace_state(me, full["workshop"])["revision"]
    result = finalise.finalise(me, full["workshop"], revision)
    return full | result


def _snapshot():
    return db.session.execute(sa.text(
        "SELECT summary, status, sha256 FROM minutes_version WHERE number = 1")).one()


@pytest.mark.parametrize("statement", RAW)
def test_raw_sql_cannot_touch_a_final_version(final, statement):
    before = _snapshot()
    with pytest.raises(DBAPIError, match="final minutes are immutable"):
        db.session.execute(sa.text(statement))
    db.session.rollback()
    assert _snapshot() == before


def test_raw_sql_cannot_add_children_to_a_final_version(final):
    version_id = db.session.execute(sa.text(
        "SELECT id FROM minutes_version WHERE number = 1")).scalar_one()
    with pytest.raises(DBAPIError, match="final minutes are immutable"):
        db.session.execute(sa.text(
            "INSERT INTO minutes_decision (version_id, position, text, point_ids, revision) "
            "VALUES (:v, 9, 'forged', '[]', 1)"), {"v": version_id})
    db.session.rollback()


def test_drafts_stay_writable(full, ctx):
    workspace.edit(actor(full["secretary"]), full["workshop"],
                   {"kind": "summary", "text": "پیش‌نویس", "base": 0})
    db.session.execute(sa.text("UPDATE minutes_version SET summary = 'ok' WHERE number = 1"))
    db.session.commit()
    assert _snapshot()[0] == "ok"
