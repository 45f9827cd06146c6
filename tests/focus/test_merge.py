"""Merging keeps every annotation, author and the lineage; unmerge gives them back."""

from unittest import mock

import pytest

from tests.focus.conftest import cmd, drain, propose, snapshot
from tests.helpers import events, payload


def setup_three(room):
    a = propose(room, title="مسیر دوچرخه در چهارباغ")
    b = propose(room, sock=room.b, title="ایجاد مسیر دوچرخه در خیابان چهارباغ")
    c = propose(room, sock=room.b, title="ساماندهی دستفروشان میدان نقش جهان")
    notes = {}
    for point, sock, kind in ((a, room.a, "support"), (b, room.b, "concern"),
                              (c, room.a, "idea")):
        ack = cmd(sock, "add_annotation", room.w, point=point, kind=kind, body=f"یادداشت {kind}")
        notes[point] = ack["result"]["annotation"]
    return a, b, c, notes


def test_merge_keeps_annotations_authors_and_lineage(room):
    a, b, c, notes = setup_three(room)
    drain(room.a, room.projector)
    ack = cmd(room.console, "merge_points", room.w, survivor=a, merged=[b, c])
    assert ack["ok"], ack
    got = payload(events(room.projector, "points_merged")[0])
    assert got["merged_ids"] == [b, c]
    survivor = got["point"]
    assert [m["id"] for m in survivor["merged_from"]] == [b, c]
    assert {m["author"]["name"] for m in survivor["merged_from"]} == {"Ali"}
    assert survivor["counts"]["total"] == 3
    snap = snapshot(room.a)["focus"]
    assert [p["id"] for p in snap["points"]] == [a]
    assert {n["id"] for n in snap["annotations"]} == set(notes.values())
    assert all(n["point_id"] == a for n in snap["annotations"])


def test_annotating_merged_away_point_says_where(room):
    a, b, _c, _notes = setup_three(room)
    cmd(room.console, "merge_points", room.w, survivor=a, merged=[b])
    ack = cmd(room.a, "add_annotation", room.w, point=b, kind="support", body="هنوز؟")
    assert ack["error"] == "not_found"
    assert ack["fields"]["merged_into"] == str(a)
    assert "merged" in ack["message"] or "ادغام" in ack["message"]


def test_unmerge_restores_annotations(room):
    a, b, c, notes = setup_three(room)
    cmd(room.console, "merge_points", room.w, survivor=a, merged=[b])
    cmd(room.console, "merge_points", room.w, survivor=c, merged=[a])
    snap = snapshot(room.console)["focus"]
    assert [m["id"] for m in snap["points"][0]["merged_from"]] == [a, b]
    assert cmd(room.console, "unmerge_point", room.w, point=a)["ok"]
    snap = snapshot(room.a)["focus"]
    by_id = {n["id"]: n["point_id"] for n in snap["annotations"]}
    assert by_id == {notes[a]: a, notes[b]: a, notes[c]: c}
    assert {p["id"] for p in snap["points"]} == {a, c}
    assert cmd(room.console, "unmerge_point", room.w, point=b)["ok"]
    by_id = {n["id"]: n["point_id"] for n in snapshot(room.a)["focus"]["annotations"]}
    assert by_id == {notes[a]: a, notes[b]: b, notes[c]: c}
    assert cmd(room.console, "unmerge_point", room.w, point=b)["error"] == "not_found"


def test_unmerge_refused_once_a_vote_used_the_point(room):
    a, b, c, _notes = setup_three(room)
    cmd(room.console, "merge_points", room.w, survivor=a, merged=[b])
    with mock.patch("workshop.focus.merging.point_used_in_round", return_value=True):
        ack = cmd(room.console, "unmerge_point", room.w, point=b)
    assert ack["error"] == "invalid_stage"
    assert ack["message"]
    assert {p["id"] for p in snapshot(room.a)["focus"]["points"]} == {a, c}


def test_voting_link_works_with_or_without_voting(app):
    from workshop.focus import voting_link

    with app.app_context():
        assert voting_link.point_used_in_round(123456789) is False
    missing = ModuleNotFoundError("no voting", name=voting_link.VOTING_SERVICES)
    with mock.patch("importlib.import_module", side_effect=missing):
        assert voting_link.point_used_in_round(1) is False
    broken = ModuleNotFoundError("inner bug", name="workshop.voting.somehelper")
    with mock.patch("importlib.import_module", side_effect=broken), pytest.raises(
            ModuleNotFoundError):
        voting_link.point_used_in_round(1)


def test_merge_rejects_bad_lists(room):
    a, b, _c, _notes = setup_three(room)
    for merged in ([], [a], [b, b], "x", [b, 999999], [True]):
        ack = cmd(room.console, "merge_points", room.w, survivor=a, merged=merged)
        assert ack["ok"] is False, merged
    assert len(snapshot(room.a)["focus"]["points"]) == 3
