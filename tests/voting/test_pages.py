"""Staff pages, no-JS forms, exports (formulas neutralised) and the phone's no-JS vote."""

import csv
import io
import json

from workshop.voting.exports import neutralise


def test_console_phone_and_projector_render_voting_parts(room, client, join_phone):
    room.open_round("dots", budget=5)
    html = client.get(f"/staff/workshops/{room.workshop['id']}").get_data(as_text=True)
    assert "voting_console.js" in html
    assert 'name="points"' in html
    assert "voting_projector.js" in client.get(
        f"/staff/workshops/{room.workshop['id']}/projector").get_data(as_text=True)
    phone = join_phone(room.workshop)
    assert "voting_phone.js" in phone.get(f"/w/{room.workshop['id']}/phone").get_data(as_text=True)


def test_no_js_round_lifecycle_and_results_page(room, client):
    wid = room.workshop["id"]
    response = client.post(f"/staff/workshops/{wid}/rounds", data={
        "method": "scores", "title": "=HYPERLINK(1)", "criteria": "اثر\nامکان‌پذیری",
        "points": room.points[:3]})
    assert response.status_code == 302
    listing = client.get(f"/staff/workshops/{wid}/rounds").get_data(as_text=True)
    assert "=HYPERLINK(1)" in listing
    round_id = room.staff("create_round", method="approval")["round"]["id"] - 1
    assert client.post(f"/staff/workshops/{wid}/rounds/{round_id}/open").status_code == 302
    phone = room.phone(name="=cmd|' /C calc'!A0")
    assert room.vote(phone, round_id, point=room.points[0], criterion="c1", value=5)["ok"]
    page = client.get(f"/staff/workshops/{wid}/rounds/{round_id}")
    assert page.status_code == 200
    assert "class=\"matrix\"" in page.get_data(as_text=True)
    assert client.post(f"/staff/workshops/{wid}/rounds/{round_id}/close").status_code == 302
    assert client.post(f"/staff/workshops/{wid}/rounds/{round_id}/reboot").status_code == 400


def test_exports_neutralise_formulas_and_keep_persian(room, client):
    wid = room.workshop["id"]
    round_id = room.open_round("approval")
    phone = room.phone(name="@SUM(A1)")
    room.vote(phone, round_id, point=room.points[0], value=1)
    ballots = client.get(f"/staff/workshops/{wid}/rounds/{round_id}/export.csv?what=ballots")
    assert ballots.headers["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(ballots.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][0] == "point_id"
    assert rows[1][5] == "'@SUM(A1)"
    results = client.get(f"/staff/workshops/{wid}/rounds/{round_id}/export.csv")
    assert "پیاده‌راه چهارباغ" in results.get_data(as_text=True)
    data = json.loads(client.get(f"/staff/workshops/{wid}/rounds/{round_id}/export.json")
                      .get_data(as_text=True))
    assert data["results"]["voters"] == 1
    assert data["ballots"][0]["voter"] == "@SUM(A1)"


def test_neutralise_every_dangerous_start():
    for cell in ("=1+1", "+1", "-1", "@x", "\tx", "\rx", "\0x"):
        assert neutralise(cell).startswith("'")
    assert neutralise("سلام") == "سلام"
    assert neutralise(None) == ""


def test_anonymous_export_uses_pseudonyms(room, client):
    wid = room.workshop["id"]
    round_id = room.open_round("approval", anonymous=True)
    for name in ("Ali", "Sara"):
        room.vote(room.phone(name=name), round_id, point=room.points[0], value=1)
    body = client.get(f"/staff/workshops/{wid}/rounds/{round_id}/export.csv?what=ballots") \
        .get_data(as_text=True)
    assert "Ali" not in body
    assert "Sara" not in body
    assert "V01" in body


def test_strangers_get_no_exports(room, make_user, login, app):
    other = app.test_client()
    login(other, make_user("facilitator"))
    round_id = room.open_round("approval")
    url = f"/staff/workshops/{room.workshop['id']}/rounds/{round_id}/export.csv"
    assert other.get(url).status_code == 404


def test_phone_vote_without_javascript(room, join_phone, app):
    round_id = room.open_round("approval")
    phone = join_phone(room.workshop)
    url = f"/w/{room.workshop['id']}/rounds/{round_id}/vote"
    form = {"op": "nojs-op-0001", "point": room.points[1], "value": 1}
    assert phone.post(url, data=form).status_code == 302
    assert phone.post(url, data=form).status_code == 302  # a resubmit is the same operation
    from tests.voting.test_ballots import _ballots

    assert len(_ballots(app, round_id)) == 1
