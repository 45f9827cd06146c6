"""Attendance from joins and leaves, and the secretary's corrections."""

from __future__ import annotations

import pytest

from workshop.errors import WorkshopError
from workshop.extensions import db
from workshop.minutes import workspace
from workshop.minutes.attendance import attendance_rows, discipline_counts
from workshop.minutes.versions import ensure_draft
from workshop.models import Workshop

from .factory import actor, add_participant, run_timeline


def _rows(env):
    workshop = db.session.get(Workshop, env["workshop"])
    return {r["name"]: r for r in attendance_rows(workshop, ensure_draft(
        actor(env["secretary"]), workshop))}


@pytest.fixture
def room(env, ctx):
    """Timeline 0..120 min (closed at 120); people arriving and leaving at various times."""
    run_timeline(env["workshop"])
    add_participant(env["workshop"], "بموقع", joined=-5)
    add_participant(env["workshop"], "دیررس", joined=25, discipline="environment")
    add_participant(env["workshop"], "زودرو", joined=0, left=60, organisation="شهرداری")
    add_participant(env["workshop"], "دیر و زود", joined=40, left=50, discipline="environment")
    add_participant(env["workshop"], "تا آخر", joined=0, left=118)
    add_participant(env["workshop"], "دعوت‌شده", joined=None, status="invited")
    add_participant(env["workshop"], "پشت در", joined=1, status="pending")
    return env


def test_statuses_from_join_and_leave_times(room):
    rows = _rows(room)
    assert rows["بموقع"]["status"] == "present"
    assert rows["دیررس"]["status"] == "late"
    assert rows["زودرو"]["status"] == "left_early"
    assert rows["زودرو"]["organisation"] == "شهرداری"
    assert rows["دیر و زود"]["status"] == "late_left_early"
    assert rows["تا آخر"]["status"] == "present"  # left within the grace period of the end
    assert rows["دعوت‌شده"]["status"] == "absent"
    assert "پشت در" not in rows  # never let in


def test_counts_per_discipline(room):
    counts = discipline_counts(list(_rows(room).values()))
    assert sum(c["attended"] for c in counts.values()) == 5
    assert sum(c["absent"] for c in counts.values()) == 1
    heritage = [c for c in counts.values() if c["attended"] == 2]
    assert heritage


def test_secretary_corrects_and_undoes(room):
    pid = _rows(room)["زودرو"]["participant_id"]
    made = workspace.edit(actor(room["secretary"]), room["workshop"], {
        "kind": "attendance", "participant_id": pid, "status": "excused",
        "note": "مأموریت اداری"})
    row = _rows(room)["زودرو"]
    assert (row["status"], row["auto_status"], row["note"]) == ("excused", "left_early",
                                                                 "مأموریت اداری")
    with pytest.raises(WorkshopError) as caught:  # someone else saw the old row
        workspace.edit(actor(room["secretary"]), room["workshop"], {
            "kind": "attendance", "id": made["unit"]["id"], "base": 0, "status": "present"})
    assert caught.value.code == "conflict"
    workspace.edit(actor(room["secretary"]), room["workshop"], {
        "kind": "attendance", "id": made["unit"]["id"], "base": 1, "delete": True})
    assert _rows(room)["زودرو"]["status"] == "left_early"


def test_secretary_adds_a_person_without_a_phone(room, disciplines):
    workspace.edit(actor(room["secretary"]), room["workshop"], {
        "kind": "attendance", "participant_id": None, "name": "نماینده استانداری",
        "discipline_id": disciplines["environment"], "organisation": "استانداری",
        "status": "present"})
    row = _rows(room)["نماینده استانداری"]
    assert row["participant_id"] is None
    assert row["organisation"] == "استانداری"


def test_foreign_participant_refused(room, make_workshop):
    other = make_workshop()
    foreign = add_participant(other["id"], "غریبه")
    with pytest.raises(WorkshopError) as caught:
        workspace.edit(actor(room["secretary"]), room["workshop"], {
            "kind": "attendance", "participant_id": foreign, "status": "present"})
    assert caught.value.code == "not_found"
