"""HTTP: the workspace page, JSON autosave, no-JS forms, downloads and who may see what."""

from __future__ import annotations

import hashlib

import pytest

from tests.helpers import op


@pytest.fixture
def secretary(app, env, login):
    return login(app.test_client(), env["secretary"])


def _url(env, tail=""):
    return f"/staff/workshops/{env['workshop']}/minutes{tail}"


def test_workspace_page_for_secretary_and_facilitator(app, env, secretary, login):
    page = secretary.get(_url(env))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'data-unit="summary"' in html
    assert "minutes_workspace.js" in html
    facilitator = login(app.test_client(), env["facilitator"])
    assert facilitator.get(_url(env)).status_code == 200
    console = facilitator.get(f"/staff/workshops/{env['workshop']}").get_data(as_text=True)
    assert _url(env) in console  # the console's button to the workspace


def test_outsiders_and_phones_see_no_draft(app, env, make_user, login, join_phone):
    outsider = login(app.test_client(), make_user("secretary"))
    assert outsider.get(_url(env)).status_code == 404
    assert outsider.get(_url(env, "/preview.pdf")).status_code == 404
    phone = join_phone(env["w"])
    assert phone.get(_url(env)).status_code == 302  # to the login page
    assert phone.get(_url(env, "/state")).status_code == 302
    assert phone.get(f"/workshops/{env['workshop']}/minutes/v1.pdf").status_code in (403, 404)


def test_json_autosave_and_conflict(env, secretary):
    ok = secretary.post(_url(env, "/edit"), json={"kind": "summary", "text": "یک", "base": 0})
    assert ok.status_code == 200
    assert ok.get_json()["result"]["unit"]["revision"] == 1
    clash = secretary.post(_url(env, "/edit"), json={"kind": "summary", "text": "دو", "base": 0})
    assert clash.status_code == 200  # an expected answer, as over the socket
    ack = clash.get_json()
    assert ack["error"] == "conflict"
    assert (ack["fields"]["mine"], ack["fields"]["theirs"]) == ("دو", "یک")
    bad = secretary.post(_url(env, "/edit"), data="not json")
    assert bad.status_code == 400


def test_no_js_form_post(env, secretary):
    response = secretary.post(_url(env, "/save"), data={
        "kind": "action", "what": "تهیه گزارش", "owner": "علی", "due": "۱۴۰۵/۰۹/۱۰",
        "status": "open", "save": "1"})
    assert response.status_code == 302
    state = secretary.get(_url(env, "/state")).get_json()
    assert state["actions"][0]["due_jalali"] == "1405/09/10"
    page = secretary.get(_url(env)).get_data(as_text=True)
    assert 'value="1405/09/10"' in page


def test_finalise_download_and_participant_access(app, env, secretary, join_phone):
    phone = join_phone(env["w"])
    revision = secretary.get(_url(env, "/state")).get_json()["revision"]
    assert secretary.post(_url(env, "/finalise"), data={"revision": revision}).status_code == 302
    state = secretary.get(_url(env, "/state")).get_json()
    final = state["versions"][0]
    assert final["status"] == "final"
    url = f"/workshops/{env['workshop']}/minutes/v1.pdf"
    first, second = secretary.get(url), secretary.get(url)
    assert first.data == second.data
    assert hashlib.sha256(first.data).hexdigest() == final["sha256"]
    assert first.headers["X-Content-SHA256"] == final["sha256"]
    assert first.headers["Content-Disposition"] == \
        f'attachment; filename="minutes-{env["workshop"]}-v1-fa.pdf"'
    assert phone.get(url).data == first.data  # participants read final minutes
    assert phone.get(_url(env, "/v1.json")).status_code == 302
    archive = secretary.get(_url(env, "/v1.json")).get_json()
    assert archive["pdf_sha256"] == final["sha256"]
    after = secretary.post(_url(env, "/edit"), json={"kind": "summary", "text": "x", "base": 0})
    assert after.get_json()["error"] == "finalised"


def test_socket_command_autosaves_and_tells_other_consoles(app, env, secretary, login, live):
    from tests.helpers import events, payload

    other = login(app.test_client(), env["facilitator"])
    mine, theirs = live(secretary, env["w"], "console"), live(other, env["w"], "console")
    theirs.get_received("/live")
    ack = mine.emit("minutes_edit", {"workshop": env["workshop"], "op": op(), "change": {
        "kind": "note", "stage": "discuss", "text": "بحث", "base": 0}}, namespace="/live",
        callback=True)
    assert ack["ok"], ack
    got = events(theirs, "minutes_changed")
    assert payload(got[0])["unit"]["text"] == "بحث"


def test_phone_cannot_use_the_socket_command(app, env, join_phone, live):
    phone = live(join_phone(env["w"]), env["w"], "phone")
    ack = phone.emit("minutes_edit", {"workshop": env["workshop"], "op": op(), "change": {
        "kind": "summary", "text": "x", "base": 0}}, namespace="/live", callback=True)
    assert ack["error"] == "forbidden"


def test_snapshot_shows_phones_final_versions_only(app, env, secretary, join_phone, live):
    from tests.helpers import events, payload

    phone_client = join_phone(env["w"])
    secretary.post(_url(env, "/edit"), json={"kind": "summary", "text": "draft", "base": 0})
    snap = payload(events(live(phone_client, env["w"], "phone"), "snapshot")[0])
    assert snap["minutes"] == {"final": []}
    staff = payload(events(live(secretary, env["w"], "console"), "snapshot")[0])
    assert staff["minutes"]["draft"]["number"] == 1
    revision = secretary.get(_url(env, "/state")).get_json()["revision"]
    secretary.post(_url(env, "/finalise"), data={"revision": revision})
    snap = payload(events(live(phone_client, env["w"], "phone"), "snapshot")[0])
    assert [v["number"] for v in snap["minutes"]["final"]] == [1]
    page = phone_client.get(f"/w/{env['workshop']}/phone").get_data(as_text=True)
    assert 'data-role="minutes-final"' in page
    assert "minutes_phone.js" in page


@pytest.mark.parametrize("digits", ["²", "٣²", "⑦"])
def test_digit_like_characters_are_not_numbers(env, secretary, digits):
    """'²'.isdigit() is true but int('²') fails: a posted superscript was a 500 (the fuzzer)."""
    from workshop.minutes.forms import _int
    from workshop.register.web import number

    assert _int(digits) is None
    assert number(digits) in (None, 2, 32, 7)  # the register folds (NFKC) before reading
    response = secretary.post(_url(env, "/save"), data={"active": "1", "round_id": digits})
    assert response.status_code < 500
    assert _int("۱۲") == 12  # Persian digits still are
