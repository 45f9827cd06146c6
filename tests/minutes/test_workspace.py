"""The workspace service: version checks, conflicts with both texts, permissions, items."""

from __future__ import annotations

from datetime import date

import pytest

from workshop.errors import WorkshopError
from workshop.minutes import workspace
from workshop.minutes.state import workspace_state

from .factory import actor, add_participant, add_point


def _edit(user_id, env, **change):
    return workspace.edit(actor(user_id), env["workshop"], change)


def test_summary_autosave_and_revision(env, ctx):
    first = _edit(env["secretary"], env, kind="summary", text="خلاصه نخست", base=0)
    assert first["unit"] == {"id": None, "text": "خلاصه نخست", "revision": 1}
    second = _edit(env["secretary"], env, kind="summary", text="خلاصه دوم", base=1)
    assert second["unit"]["revision"] == 2
    assert second["doc_revision"] > first["doc_revision"]
    assert workspace_state(actor(env["secretary"]), env["workshop"])["summary"]["text"] == \
        "خلاصه دوم"


def test_two_secretaries_conflict_carries_both_texts(env, ctx, make_user):
    from workshop.workshops.services import set_staff

    other = make_user("secretary")
    set_staff(actor(env["facilitator"]), env["workshop"], [env["secretary"], other],
              "secretary")
    _edit(env["secretary"], env, kind="summary", text="متن مریم", base=0)
    with pytest.raises(WorkshopError) as caught:
        _edit(other, env, kind="summary", text="متن علی", base=0)
    error = caught.value
    assert error.code == "conflict"
    assert error.fields["mine"] == "متن علی"
    assert error.fields["theirs"] == "متن مریم"
    assert error.fields["revision"] == 1
    ack = error.to_ack()
    assert ack["fields"]["theirs"] == "متن مریم"
    assert ack["fields"]["mine"] == "متن علی"
    state = workspace_state(actor(other), env["workshop"])
    assert state["summary"]["text"] == "متن مریم"  # nothing was overwritten
    _edit(other, env, kind="summary", text="متن علی", base=1)  # the loser builds on theirs


def test_resent_identical_save_is_not_a_conflict(env, ctx):
    _edit(env["secretary"], env, kind="summary", text="یک", base=0)
    again = _edit(env["secretary"], env, kind="summary", text="یک", base=0)
    assert again["unit"]["revision"] == 1


def test_notes_per_stage(env, ctx):
    _edit(env["secretary"], env, kind="note", stage="propose", text="یادداشت", base=0)
    with pytest.raises(WorkshopError) as caught:
        _edit(env["secretary"], env, kind="note", stage="propose", text="دیگر", base=0)
    assert caught.value.code == "conflict"
    with pytest.raises(WorkshopError) as bad:
        _edit(env["secretary"], env, kind="note", stage="nowhere", text="x", base=0)
    assert bad.value.code == "invalid_value"


def test_decision_links_points_of_this_workshop_only(env, ctx, make_workshop):
    mine = add_point(env["workshop"], "نقطه یک")
    foreign = add_point(make_workshop()["id"], "نقطه دیگر")
    made = _edit(env["secretary"], env, kind="decision", text="تصمیم", point_ids=[mine])
    assert made["unit"]["point_ids"] == [mine]
    with pytest.raises(WorkshopError):
        _edit(env["secretary"], env, kind="decision", text="تصمیم", point_ids=[foreign])
    with pytest.raises(WorkshopError):
        _edit(env["secretary"], env, kind="decision", text="تصمیم", round_id=999)
    gone = _edit(env["secretary"], env, kind="decision", id=made["unit"]["id"], delete=True,
                 base=1)
    assert gone["unit"]["deleted"]


def test_action_item_due_date_in_jalali(env, ctx):
    made = _edit(env["secretary"], env, kind="action", what="گزارش", owner="Ali",
                 due="۱۴۰۵/۰۹/۱۰", status="open")
    unit = made["unit"]
    assert unit["due_date"] == date(2026, 12, 1).isoformat()
    assert unit["due_jalali"] == "1405/09/10"
    edited = _edit(env["secretary"], env, kind="action", id=unit["id"], base=1, what="گزارش",
                   owner="Ali", due="", status="done")
    assert edited["unit"]["status"] == "done"
    assert edited["unit"]["due_date"] is None
    for bad in ({"due": "1405/13/01"}, {"status": "maybe"}, {"what": ""}):
        with pytest.raises(WorkshopError):
            _edit(env["secretary"], env, kind="action", **({"what": "x"} | bad))


@pytest.mark.parametrize("payload", [None, [], "x", {"kind": "nope"}, {"kind": "summary",
                                                                         "base": "1"}])
def test_bad_payloads_change_nothing(env, ctx, payload):
    with pytest.raises(WorkshopError):
        workspace.edit(actor(env["secretary"]), env["workshop"], payload)
    assert workspace_state(actor(env["secretary"]), env["workshop"])["summary"]["text"] == ""


def test_only_staff_of_this_workshop_edit(env, ctx, make_user):
    outsider = make_user("secretary")
    with pytest.raises(WorkshopError) as caught:
        _edit(outsider, env, kind="summary", text="x", base=0)
    assert caught.value.code == "not_found"
    _edit(env["facilitator"], env, kind="summary", text="facilitator may", base=0)


def test_participant_cannot_edit(env, ctx):
    from workshop.actors import Actor
    from workshop.extensions import db
    from workshop.models import Participant

    pid = add_participant(env["workshop"], "مریم")
    with pytest.raises(WorkshopError) as caught:
        workspace.edit(Actor(participant=db.session.get(Participant, pid)), env["workshop"],
                       {"kind": "summary", "text": "x", "base": 0})
    assert caught.value.code == "forbidden"
