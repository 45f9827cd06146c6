"""Typed annotations, replies, live counts, pinning, and the author's edits."""

from tests.focus.conftest import cmd, drain, propose, set_stage, snapshot
from tests.helpers import events, payload


def annotate(r, sock, point_id, kind="support", body="موافقم", **args):
    ack = cmd(sock, "add_annotation", r.w, point=point_id, kind=kind, body=body, **args)
    assert ack["ok"], ack
    return ack["result"]["annotation"]


def test_counts_by_kind_and_discipline(room, disciplines):
    point_id = propose(room)
    set_stage(room.app, room.w, "discuss")
    drain(room.a, room.b, room.projector, room.console)
    annotate(room, room.a, point_id, "support")
    annotate(room, room.b, point_id, "concern", "هزینهٔ نگهداری بالاست")
    note = annotate(room, room.b, point_id, "evidence", "گزارش شهرداری",
                    source_url="https://example.org/report.pdf")
    got = payload(events(room.projector, "annotation_added")[-1])
    assert got["annotation"]["source_url"] == "https://example.org/report.pdf"
    counts = got["counts"]
    assert counts["by_kind"] == {"support": 1, "concern": 1, "question": 0, "evidence": 1,
                                 "idea": 0}
    assert counts["by_discipline"] == {str(disciplines["transport"]): 1,
                                       str(disciplines["health"]): 2}
    reply = annotate(room, room.a, point_id, body="منبع دیگری هم هست", parent=note)
    snap = snapshot(room.b)["focus"]
    assert snap["points"][0]["counts"]["replies"] == 1
    assert {a["id"]: a["kind"] for a in snap["annotations"]}[reply] == "reply"


def test_reply_only_one_level(room):
    point_id = propose(room)
    first = annotate(room, room.a, point_id, "question", "چرا؟")
    reply = annotate(room, room.b, point_id, body="چون…", parent=first)
    ack = cmd(room.a, "add_annotation", room.w, point=point_id, body="و؟", parent=reply)
    assert ack["error"] == "invalid_value"


def test_author_edits_and_deletes_own_annotation(room):
    point_id = propose(room)
    note = annotate(room, room.a, point_id)
    assert cmd(room.b, "edit_annotation", room.w, annotation=note, body="x")["error"] == \
        "forbidden"
    assert cmd(room.b, "delete_annotation", room.w, annotation=note)["error"] == "forbidden"
    assert cmd(room.a, "edit_annotation", room.w, annotation=note, body="کاملاً موافقم",
               kind="support")["ok"]
    assert snapshot(room.b)["focus"]["annotations"][0]["body"] == "کاملاً موافقم"
    drain(room.b)
    assert cmd(room.a, "delete_annotation", room.w, annotation=note)["ok"]
    got = payload(events(room.b, "annotation_deleted")[0])
    assert got["counts"]["total"] == 0
    assert "annotation" not in got
    assert snapshot(room.b)["focus"]["annotations"] == []


def test_annotation_edits_close_after_discussion(room):
    point_id = propose(room)
    note = annotate(room, room.a, point_id)
    set_stage(room.app, room.w, "vote")
    assert cmd(room.a, "edit_annotation", room.w, annotation=note, body="دیر")["error"] == \
        "invalid_stage"
    assert cmd(room.a, "add_annotation", room.w, point=point_id, kind="idea",
               body="دیر")["error"] == "invalid_stage"


def test_facilitator_pins_annotation(room):
    point_id = propose(room)
    annotate(room, room.a, point_id, body="اول")
    second = annotate(room, room.b, point_id, "idea", "دوم")
    assert cmd(room.a, "pin_annotation", room.w, annotation=second, pinned=True)["error"] == \
        "forbidden"
    drain(room.projector)
    assert cmd(room.console, "pin_annotation", room.w, annotation=second, pinned=True)["ok"]
    assert payload(events(room.projector, "annotation_pinned")[0])["annotation"]["pinned"]
    assert snapshot(room.b)["focus"]["annotations"][0]["id"] == second


def test_anonymous_annotations(room):
    set_stage(room.app, room.w, "propose", anonymous_proposals=True)
    point_id = propose(room)
    annotate(room, room.b, point_id)
    assert snapshot(room.a)["focus"]["annotations"][0]["author"] is None
    assert snapshot(room.console)["focus"]["annotations"][0]["author"]["name"] == "Ali"
