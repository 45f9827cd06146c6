"""Bad input: a clear, localised error and nothing stored."""

import pytest

from tests.focus.conftest import cmd, propose, set_stage, snapshot

LONG_TITLE = "ا" * 141

BAD_TITLES = [
    ("", "required"), ("   ", "required"), ("\u200b\u200b", "required"),
    (LONG_TITLE, "too_long"), ("Ali\x00ce", "invalid_text"), ("خط\nدوم", "invalid_text"),
    (None, "bad_payload"), (42, "bad_payload"), ("\ud800", "invalid_text"),
]


@pytest.mark.parametrize(("title", "code"), BAD_TITLES)
def test_bad_titles_store_nothing(room, title, code):
    ack = cmd(room.a, "propose_point", room.w, title=title)
    assert ack["error"] == code, ack
    assert ack["message"]
    assert snapshot(room.console)["focus"]["points"] == []


def test_long_description_and_annotation(room):
    ack = cmd(room.a, "propose_point", room.w, title="عنوان", description="x" * 2001)
    assert ack["error"] == "too_long"
    point_id = propose(room, description="x" * 2000)
    ack = cmd(room.a, "add_annotation", room.w, point=point_id, kind="idea", body="y" * 2001)
    assert ack["error"] == "too_long"
    for body in ("", " \u200c ", "a\x00b"):
        assert cmd(room.a, "add_annotation", room.w, point=point_id, kind="idea",
                   body=body)["ok"] is False
    assert snapshot(room.console)["focus"]["annotations"] == []


def test_bidi_controls_are_stripped(room):
    propose(room, title="\u202eپارک\u202c محله\u2066ای\u2069 \u200f")
    title = snapshot(room.b)["focus"]["points"][0]["title"]
    assert title == "پارک محلهای"
    assert not any(c in title for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def test_html_payload_is_stored_verbatim(room):
    evil = "<img src=x onerror=alert(1)>{{7*7}}"
    propose(room, title=evil)
    assert snapshot(room.projector)["focus"]["points"][0]["title"] == evil


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>x</b>",
                                 "http://user@evil.example/", "ftp://x.org/a", "//x.org"])
def test_bad_source_links(room, url):
    point_id = propose(room)
    ack = cmd(room.a, "add_annotation", room.w, point=point_id, kind="evidence", body="منبع",
              source_url=url)
    assert ack["error"] == "invalid_value"
    assert ack["fields"]["field"] == "source_url"
    assert snapshot(room.console)["focus"]["annotations"] == []


def test_link_only_on_evidence(room):
    point_id = propose(room)
    ack = cmd(room.a, "add_annotation", room.w, point=point_id, kind="support", body="x",
              source_url="https://example.org")
    assert ack["error"] == "invalid_value"


@pytest.mark.parametrize("kind", ["reply", "vote", "", None, 1, "SUPPORT"])
def test_bad_kinds(room, kind):
    point_id = propose(room)
    assert cmd(room.a, "add_annotation", room.w, point=point_id, kind=kind,
               body="x")["error"] == "invalid_value"


@pytest.mark.parametrize("point", ["1", 1.0, True, None, -1, 2**63, [1]])
def test_bad_point_ids(room, point):
    propose(room)
    ack = cmd(room.a, "add_annotation", room.w, point=point, kind="support", body="x")
    assert ack["ok"] is False
    assert ack["error"] in ("invalid_value", "bad_payload")


def test_annotating_hidden_point(room):
    point_id = propose(room)
    cmd(room.console, "hide_point", room.w, point=point_id, reason="خارج از موضوع")
    ack = cmd(room.b, "add_annotation", room.w, point=point_id, kind="support", body="x")
    assert ack["error"] == "not_found"
    assert snapshot(room.console)["focus"]["annotations"] == []


def test_annotating_withdrawn_point(room):
    point_id = propose(room)
    cmd(room.a, "withdraw_point", room.w, point=point_id)
    ack = cmd(room.b, "add_annotation", room.w, point=point_id, kind="support", body="x")
    assert ack["error"] == "not_found"


def test_errors_are_localised(room, app, join_phone, live):
    set_stage(app, room.w, "lobby")
    http = app.test_client()
    http.set_cookie("lang", "en")
    ack_fa = cmd(room.a, "propose_point", room.w, title="x")
    assert "Proposing" not in ack_fa["message"]
    en_phone = join_phone(room.w, name="Jo")
    en_phone.set_cookie("lang", "en")
    ack_en = cmd(live(en_phone, room.w), "propose_point", room.w, title="x")
    assert ack_en["message"] == "Proposing is not open at this stage."
