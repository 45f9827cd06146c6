"""Issue 11 findings 2–8: waiting phones, small groups, huge numbers, origin, op ids, limits."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.helpers import events, op, payload
from tests.voting.conftest import add_points
from workshop.errors import WorkshopError
from workshop.extensions import db
from workshop.models import Participant

HUGE = 2**63


def _ack(sock, name, workshop, **args):
    return sock.emit(name, {"workshop": workshop["id"], "op": args.pop("op", None) or op(),
                            **args}, namespace="/live", callback=True)


def test_waiting_phone_gets_only_its_waiting_state(app, make_workshop, join_phone, live):
    w = make_workshop(roster_mode=True)
    add_points(app, w["id"], ("Secret point title",))
    sock = live(join_phone(w, name="Waiting"), w, "phone")
    snapshot = payload(events(sock, "snapshot")[-1])
    assert snapshot["waiting"] is True
    assert snapshot["me"]["status"] == "pending"
    assert set(snapshot) <= {"v", "server_time", "audience", "waiting", "workshop", "me"}
    assert "Secret point title" not in repr(snapshot)
    again = sock.emit("snapshot", {}, namespace="/live", callback=True)
    assert again["error"] == "not_admitted"


def test_anonymous_points_and_presence_show_no_group_under_three(
        app, client, make_user, login, make_workshop, join_phone, live, disciplines):
    fac = make_user("facilitator")
    w = make_workshop(fac, anonymous_proposals=True)
    console = live(login(client, fac), w, "console")
    assert _ack(console, "move_stage", w, stage="propose")["ok"]
    phones = [join_phone(w, name=f"T{i}", discipline="transport") for i in range(3)]
    lone = join_phone(w, name="Lone", discipline="health")
    sockets = [live(p, w, "phone") for p in [*phones, lone]]
    ack = _ack(sockets[-1], "propose_point", w, title="Only the health person could say this")
    assert ack["ok"], ack
    point_id = ack["result"]["point"]
    assert _ack(sockets[-1], "add_annotation", w, point=point_id, kind="concern",
                body="A worry only health would raise")["ok"]
    snapshot = sockets[0].emit("snapshot", {}, namespace="/live", callback=True)["result"]
    point = snapshot["focus"]["points"][0]
    assert point["counts"]["by_discipline"] == {"0": 1}  # counted, under no discipline
    staff = console.emit("snapshot", {}, namespace="/live", callback=True)["result"]
    assert staff["focus"]["points"][0]["counts"]["by_discipline"] == {
        str(disciplines["health"]): 1}
    assert point["discipline_id"] is None
    assert point["author"] is None
    counts = {row["id"]: row["count"] for row in snapshot["presence"]["by_discipline"]}
    assert all(n == 0 or n >= 3 for n in counts.values()), counts
    assert snapshot["presence"]["total"] == 4


def test_huge_ids_are_not_found_not_errors(app, client, make_user, login, make_workshop,
                                           join_phone, live, disciplines):
    fac = make_user("facilitator")
    w = make_workshop(fac)
    assert app.test_client().get(f"/w/{HUGE}/phone").status_code == 404
    login(client, fac)
    for url in (f"/staff/workshops/{HUGE}", f"/staff/programs/{HUGE}",
                f"/staff/workshops/{10**30}", f"/staff/workshops/{w['id']}/minutes/v{HUGE}.json",
                f"/workshops/{w['id']}/minutes/v{HUGE}.pdf"):
        assert client.get(url).status_code == 404, url
    joined = app.test_client().post(f"/j/{w['code']}", data={
        "name": "Big", "discipline_id": str(HUGE), "organisation": ""})
    assert joined.status_code == 400
    console = live(client, w, "console")
    for name in ("remove_participant", "admit_participant"):
        ack = _ack(console, name, w, participant=HUGE)
        assert ack["error"] in ("not_found", "invalid_value"), ack
    assert _ack(console, "move_stage", w, stage="propose", countdown=-HUGE)["error"] in (
        "invalid_value", "not_found")


def test_origin_rules_for_handshakes(app, client, make_user, login, make_workshop, join_phone):
    from workshop.extensions import socketio
    from workshop.realtime.origin import make_origin_check

    w = make_workshop()
    phone = join_phone(w)

    def connect(headers, auth_extra=None, http=phone):
        return socketio.test_client(app, namespace="/live", flask_test_client=http,
                                    auth={"workshop": w["id"], "view": "phone",
                                          **(auth_extra or {})}, headers=headers)

    assert not connect({}).is_connected("/live")  # cookie, no Origin: refused
    assert not connect({"Origin": "https://evil.example"}).is_connected("/live")
    assert connect({"Origin": "http://localhost"}).is_connected("/live")
    assert connect({"X-Hamandishi-Live": "1"}).is_connected("/live")  # our polling request
    token = phone.get_cookie(f"hmp_{w['id']}").value
    assert connect({}, {"token": token}, http=app.test_client()).is_connected("/live")
    environ = {"wsgi.url_scheme": "http", "HTTP_HOST": "app.example",
               "HTTP_X_FORWARDED_HOST": "evil.example", "HTTP_X_FORWARDED_PROTO": "https"}
    assert not make_origin_check({"TRUSTED_PROXIES": 0})("https://evil.example", environ)
    assert make_origin_check({"TRUSTED_PROXIES": 0})("http://app.example", environ)
    assert make_origin_check({"TRUSTED_PROXIES": 1})("https://evil.example", environ)


def test_a_guesser_at_the_venue_address_does_not_stop_200_phones(app, make_workshop,
                                                                disciplines):
    w = make_workshop()
    guesser = app.test_client()  # keeps its device cookie, like a browser
    cookieless = []
    joined = refused = 0
    for i in range(200):
        guesser_status = guesser.post("/join", data={"code": f"WRONG{i:05d}"}).status_code
        refused += guesser_status == 429
        cookieless.append(app.test_client().get(f"/j/BADCODE{i:03d}",
                                                headers={"Cookie": ""}).status_code)
        phone = app.test_client()
        phone.get("/")  # the home page hands out the device cookie
        assert phone.post("/join", data={"code": w["code"].lower()}).status_code == 302
        done = phone.post(f"/j/{w['code']}", data={
            "name": f"P{i}", "discipline_id": disciplines["transport"], "organisation": ""})
        joined += done.status_code == 302
    assert joined == 200
    assert refused >= 190  # the guesser was heard 10 times, then stopped
    assert cookieless.count(429) >= 180  # a guesser without cookies counts as its address
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Participant)) == 200


def test_one_device_one_participant_and_capped_sockets(app, make_workshop, disciplines, live):
    w = make_workshop()
    phone = app.test_client()
    data = {"name": "Same", "discipline_id": disciplines["transport"], "organisation": ""}
    assert phone.post(f"/j/{w['code']}", data=data).status_code == 302
    first = phone.get_cookie(f"hmp_{w['id']}").value
    phone.delete_cookie(f"hmp_{w['id']}")  # a new tab in private mode keeps the device cookie
    assert phone.post(f"/j/{w['code']}", data=data | {"name": "Again"}).status_code == 302
    assert phone.get_cookie(f"hmp_{w['id']}").value != first
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Participant)) == 1
    sockets = [live(phone, w, "phone") for _ in range(app.config["SOCKETS_PER_PARTICIPANT"])]
    assert all(s.is_connected("/live") for s in sockets)
    assert not live(phone, w, "phone").is_connected("/live")


def test_login_spray_across_accounts_is_limited_per_address(app, client, make_user):
    for i in range(app.config["LOGIN_FAILURES_PER_ADDRESS_PER_MINUTE"]):
        response = client.post("/login", data={"email": f"u{i}@example.org", "password": "x"})
        assert response.status_code != 429, i
    last = client.post("/login", data={"email": "someone@example.org", "password": "x"})
    assert last.status_code == 429


def test_console_shows_joined_against_expected_headcount(
        app, client, make_user, login, make_workshop, join_phone, live):
    fac = make_user("facilitator")
    w = make_workshop(fac, expected_headcount="20")
    for i in range(2):
        join_phone(w, name=f"P{i}")
    console = live(login(client, fac), w, "console")
    snapshot = payload(events(console, "snapshot")[-1])
    assert snapshot["presence"]["headcount"] == {"joined": 2, "expected": 20}
    page = client.get(f"/staff/workshops/{w['id']}").get_data(as_text=True)
    assert 'data-role="headcount"' in page
    with pytest.raises(WorkshopError) as refused:
        make_workshop(fac, expected_headcount="lots")
    assert refused.value.fields == {"field": "expected_headcount"}
