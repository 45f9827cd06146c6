"""Facilitator moderation: hide/restore reach every screen, edits, order, themes, audit."""

import sqlalchemy as sa

from tests.focus.conftest import cmd, drain, propose, snapshot
from tests.helpers import events, payload


def audit_actions(app, workshop_id):
    from workshop.extensions import db
    from workshop.models import AuditEntry

    with app.app_context():
        rows = db.session.scalars(sa.select(AuditEntry).where(
            AuditEntry.workshop_id == workshop_id, AuditEntry.action.like("focus.%")))
        return [(r.action, r.target, r.reason, r.actor_kind) for r in rows]


def test_hidden_point_leaves_phones_and_projector_and_returns(room):
    keep = propose(room, title="کاهش ترافیک در میدان آزادی")
    hide = propose(room, sock=room.b, title="<script>alert(1)</script> تبلیغ")
    drain(room.a, room.b, room.projector, room.console)
    ack = cmd(room.console, "hide_point", room.w, point=hide, reason="تبلیغاتی")
    assert ack["ok"], ack
    for sock in (room.a, room.projector):
        got = payload(events(sock, "point_hidden")[0])
        assert got["point_id"] == hide
        assert "point" not in got
        assert [p["id"] for p in snapshot(sock)["focus"]["points"]] == [keep]
    notice = events(room.b, "point_hidden_notice")
    assert payload(notice[0])["reason"] == "تبلیغاتی"
    staff = payload(events(room.console, "point_hidden")[0])["point"]
    assert staff["status"] == "hidden"
    assert staff["hidden_reason"] == "تبلیغاتی"
    assert len(snapshot(room.console)["focus"]["points"]) == 2
    drain(room.a, room.projector)
    assert cmd(room.console, "restore_point", room.w, point=hide)["ok"]
    for sock in (room.a, room.projector):
        assert payload(events(sock, "point_restored")[0])["point"]["id"] == hide
        assert {p["id"] for p in snapshot(sock)["focus"]["points"]} == {keep, hide}
    actions = audit_actions(room.app, room.w["id"])
    assert ("focus.hide", f"point:{hide}", "تبلیغاتی", "user") in actions
    assert ("focus.restore", f"point:{hide}", "", "user") in actions


def test_hide_needs_reason(room):
    point_id = propose(room)
    assert cmd(room.console, "hide_point", room.w, point=point_id, reason=" ")["error"] == \
        "required"
    assert snapshot(room.a)["focus"]["points"][0]["id"] == point_id


def test_facilitator_edit_is_kept_in_history(room):
    point_id = propose(room)
    drain(room.b)
    assert cmd(room.console, "edit_point", room.w, point=point_id, title="مسیر دوچرخهٔ چهارباغ",
               reason="کوتاه‌تر")["ok"]
    assert payload(events(room.b, "point_updated")[0])["point"]["title"] == "مسیر دوچرخهٔ چهارباغ"
    history = room.console.emit("point_history", {"workshop": room.w["id"], "point": point_id},
                                namespace="/live", callback=True)["result"]
    assert [h["editor"] for h in history] == ["author", "facilitator"]
    assert history[1]["reason"] == "کوتاه‌تر"


def test_reorder_and_group(room):
    first = propose(room, title="یک پیشنهاد نخست")
    second = propose(room, title="پیشنهادی دیگر و متفاوت")
    theme = snapshot(room.a)["focus"]["themes"][2]["id"]
    drain(room.b)
    assert cmd(room.console, "reorder_points", room.w, order=[first, second])["ok"]
    assert payload(events(room.b, "points_reordered")[0])["order"] == [first, second]
    assert [p["id"] for p in snapshot(room.b)["focus"]["points"]] == [first, second]
    assert cmd(room.console, "group_point", room.w, point=second, theme=theme)["ok"]
    assert snapshot(room.b)["focus"]["points"][1]["theme_id"] == theme
    assert cmd(room.console, "reorder_points", room.w, order=[first, 999999])["error"] == \
        "not_found"


def test_hidden_annotation(room):
    point_id = propose(room)
    note = cmd(room.b, "add_annotation", room.w, point=point_id, kind="concern",
               body="توهین‌آمیز")["result"]["annotation"]
    assert cmd(room.console, "hide_annotation", room.w, annotation=note, reason="توهین")["ok"]
    assert snapshot(room.a)["focus"]["annotations"] == []
    assert snapshot(room.console)["focus"]["annotations"][0]["status"] == "hidden"
    assert cmd(room.console, "restore_annotation", room.w, annotation=note)["ok"]
    assert len(snapshot(room.a)["focus"]["annotations"]) == 1


def test_silence_cue(room, disciplines):
    silence = snapshot(room.console)["focus"]["silence"]
    assert set(silence["silent"]) == {disciplines["transport"], disciplines["health"]}
    propose(room)
    silence = snapshot(room.console)["focus"]["silence"]
    assert silence["silent"] == [disciplines["health"]]
    row = next(r for r in silence["by_discipline"] if r["id"] == disciplines["transport"])
    assert row["points"] == 1
    assert row["share"] == 1.0
    assert row["present"] == 1
    assert snapshot(room.a)["focus"].get("silence") is None
