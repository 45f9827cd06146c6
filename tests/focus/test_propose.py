"""Proposing, editing and withdrawing points, with history, anonymity and stage rules."""

from tests.focus.conftest import cmd, drain, propose, set_stage, snapshot
from tests.helpers import events, payload


def test_point_appears_on_every_screen(room):
    point_id = propose(room, description="برای رفت‌وآمد امن دانش‌آموزان")
    for sock in (room.a, room.b, room.projector, room.console):
        got = events(sock, "point_proposed")
        assert len(got) == 1
        assert payload(got[0])["point"]["id"] == point_id
    snap = snapshot(room.b)
    assert [p["id"] for p in snap["focus"]["points"]] == [point_id]
    assert snap["focus"]["points"][0]["author"] == {"name": "مریم"}


def test_newest_point_comes_first(room):
    first = propose(room, title="کاهش آلودگی هوا در مرکز شهر")
    second = propose(room, sock=room.b, title="نوسازی بافت فرسوده محله جلفا")
    assert [p["id"] for p in snapshot(room.a)["focus"]["points"]] == [second, first]


def test_anonymous_hides_author_from_phones_and_projector(room):
    set_stage(room.app, room.w, "propose", anonymous_proposals=True)
    drain(room.a, room.b, room.projector, room.console)
    propose(room)
    for sock in (room.b, room.projector):
        point = payload(events(sock, "point_proposed")[0])["point"]
        assert point["author"] is None
        assert point["anonymous"] is True
        assert "مریم" not in str(point)
    staff = payload(events(room.console, "point_proposed")[0])["point"]
    assert staff["author"]["name"] == "مریم"
    assert snapshot(room.projector)["focus"]["points"][0]["author"] is None
    assert snapshot(room.a)["focus"]["mine"]["points"]


def test_author_edits_keep_history(room):
    point_id = propose(room)
    ack = cmd(room.a, "edit_my_point", room.w, point=point_id, title="مسیر دوچرخه ایمن در چهارباغ")
    assert ack["ok"], ack
    got = payload(events(room.b, "point_updated")[0])["point"]
    assert got["title"] == "مسیر دوچرخه ایمن در چهارباغ"
    assert got["edited"] is True
    history = room.console.emit("point_history", {"workshop": room.w["id"], "point": point_id},
                                namespace="/live", callback=True)
    assert [h["title"] for h in history["result"]] == [
        "ایجاد مسیر دوچرخه در خیابان چهارباغ", "مسیر دوچرخه ایمن در چهارباغ"]


def test_other_participant_cannot_edit_or_withdraw(room):
    point_id = propose(room)
    for name in ("edit_my_point", "withdraw_point"):
        ack = cmd(room.b, name, room.w, point=point_id, title="ربوده شده")
        assert ack["error"] == "forbidden", ack
    assert snapshot(room.a)["focus"]["points"][0]["title"].startswith("ایجاد")


def test_withdraw_removes_point(room):
    point_id = propose(room)
    drain(room.b, room.projector)
    assert cmd(room.a, "withdraw_point", room.w, point=point_id)["ok"]
    assert payload(events(room.b, "point_withdrawn")[0]) == {"point_id": point_id,
                                                            "v": snapshot(room.b)["v"]}
    assert snapshot(room.projector)["focus"]["points"] == []


def test_edit_closes_when_discussion_starts(room):
    point_id = propose(room)
    set_stage(room.app, room.w, "discuss")
    ack = cmd(room.a, "edit_my_point", room.w, point=point_id, title="دیرهنگام")
    assert ack["error"] == "invalid_stage"
    assert ack["message"]
    assert cmd(room.a, "withdraw_point", room.w, point=point_id)["error"] == "invalid_stage"


def test_proposing_outside_allowed_stages(room):
    for stage in ("lobby", "discuss", "vote", "results", "closed"):
        set_stage(room.app, room.w, stage)
        ack = cmd(room.a, "propose_point", room.w, title="پیشنهاد دیر")
        assert ack["error"] in ("invalid_stage", "closed"), (stage, ack)
    assert snapshot(room.console)["focus"]["points"] == []


def test_late_proposals_setting(room):
    set_stage(room.app, room.w, "discuss", late_proposals=True)
    assert propose(room)
    set_stage(room.app, room.w, "results")
    assert cmd(room.a, "propose_point", room.w, title="خیلی دیر")["error"] == "invalid_stage"


def test_staff_cannot_propose(room):
    assert cmd(room.console, "propose_point", room.w, title="از کنسول")["error"] == "forbidden"


def test_tags_from_programme_themes(room):
    themes = snapshot(room.a)["focus"]["themes"]
    assert len(themes) >= 8
    assert themes[0]["name_fa"]
    assert themes[0]["name_en"]
    point_id = propose(room, tags=[themes[0]["id"], themes[1]["id"]])
    point = snapshot(room.b)["focus"]["points"][0]
    assert point["id"] == point_id
    assert point["tags"] == [themes[0]["id"], themes[1]["id"]]
    for bad in ([99999], "x", [themes[0]["id"]] * 2, [t["id"] for t in themes[:6]]):
        ack = cmd(room.a, "propose_point", room.w, title="برچسب بد", tags=bad)
        assert ack["ok"] is False, bad
