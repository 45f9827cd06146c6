"""Participants cannot moderate; nobody touches another workshop's points."""

import pytest

from tests.focus.conftest import cmd, propose, set_stage, snapshot

MODERATION = [
    ("hide_point", {"reason": "x"}), ("restore_point", {}), ("edit_point", {"title": "x"}),
    ("group_point", {"theme": None}), ("unmerge_point", {}),
]


@pytest.mark.parametrize(("name", "extra"), MODERATION)
def test_participant_cannot_moderate(room, name, extra):
    point_id = propose(room)
    ack = cmd(room.a, name, room.w, point=point_id, **extra)
    assert ack["error"] == "forbidden", ack


def test_participant_cannot_merge_or_reorder(room):
    a = propose(room, title="نخستین پیشنهاد")
    b = propose(room, title="دومین پیشنهاد")
    assert cmd(room.a, "merge_points", room.w, survivor=a, merged=[b])["error"] == "forbidden"
    assert cmd(room.b, "reorder_points", room.w, order=[a, b])["error"] == "forbidden"
    assert len(snapshot(room.a)["focus"]["points"]) == 2


def test_secretary_cannot_moderate(room, make_user, login, app, live):
    from workshop.actors import Actor
    from workshop.extensions import db
    from workshop.models import User
    from workshop.workshops.services import set_staff

    secretary = make_user("secretary")
    with app.app_context():
        set_staff(Actor(user=db.session.get(User, room.fac)), room.w["id"], [secretary],
                  "secretary")
    http = login(app.test_client(), secretary)
    console = live(http, room.w, "console")
    point_id = propose(room)
    assert cmd(console, "hide_point", room.w, point=point_id, reason="x")["error"] == "forbidden"


def test_foreign_workshop_points_look_absent(room, make_workshop, join_phone, live, app):
    other = make_workshop()
    set_stage(app, other, "propose")
    stranger_http = join_phone(other, name="Sara", discipline="citizens")
    stranger = live(stranger_http, other, "phone")
    foreign = propose(room)
    for name, args in (("edit_my_point", {"point": foreign, "title": "x"}),
                       ("withdraw_point", {"point": foreign}),
                       ("add_annotation", {"point": foreign, "kind": "support", "body": "x"})):
        assert cmd(stranger, name, other, **args)["error"] == "not_found", name
    # The socket speaks for its own workshop only.
    assert cmd(stranger, "propose_point", room.w, title="نفوذی")["error"] == "not_found"
    assert len(snapshot(room.a)["focus"]["points"]) == 1


def test_facilitator_of_a_cannot_moderate_b(room, make_user, make_workshop, login, live, app):
    other_fac = make_user("facilitator")
    other = make_workshop(other_fac)
    http = login(app.test_client(), other_fac)
    other_console = live(http, other, "console")
    point_id = propose(room)
    for name, args in (("hide_point", {"point": point_id, "reason": "x"}),
                       ("merge_points", {"survivor": point_id, "merged": [point_id + 1]}),
                       ("edit_point", {"point": point_id, "title": "x"})):
        assert cmd(other_console, name, other, **args)["error"] == "not_found", name
        assert cmd(other_console, name, room.w, **args)["error"] == "not_found", name
    assert snapshot(room.a)["focus"]["points"][0]["title"].startswith("ایجاد")


def test_similar_query_is_members_only(room, make_workshop, join_phone, live, app):
    propose(room, title="ایجاد مسیر دوچرخه در خیابان چهارباغ")
    ack = room.b.emit("similar_points", {"workshop": room.w["id"], "text": "مسير دوچرخه چهارباغ"},
                      namespace="/live", callback=True)
    assert ack["ok"]
    assert ack["result"][0]["score"] >= 85
    other = make_workshop()
    stranger = live(join_phone(other, name="Sara"), other, "phone")
    ack = stranger.emit("similar_points", {"workshop": room.w["id"], "text": "مسیر دوچرخه"},
                        namespace="/live", callback=True)
    assert ack["error"] == "not_found"
