"""Real server: same-origin handshakes, message size limit, removal and logout on open sockets."""

import json
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
import socketio
import websocket

from tests.timing import within

pytestmark = pytest.mark.server


@pytest.fixture
def live_server(live_server_module):
    """The tests of this module share one server; each uses its own workshop and clients."""
    yield live_server_module
    live_server_module.close_clients()

EVIL = "https://evil.example"
HUGE = "x" * 200_000  # over the 64 KiB socket message limit


def _polling_url(server, sid=None):
    url = f"{server.base_url}/socket.io/?EIO=4&transport=polling"
    return url + (f"&sid={sid}" if sid else "")


def _roster_names(server, staff, workshop):
    snapshot = server.socket(staff, workshop, "console").wait_for("snapshot")
    return [p["name"] for p in snapshot["roster"]]


def test_polling_handshake_from_another_origin_is_refused(live_server):
    response = requests.get(_polling_url(live_server), headers={"Origin": EVIL}, timeout=5)
    assert response.status_code == 400
    assert "Not an accepted origin" in response.text
    same = requests.get(_polling_url(live_server), headers={"Origin": live_server.base_url},
                        timeout=5)
    assert same.status_code == 200


def test_websocket_handshake_from_another_origin_is_refused(live_server):
    url = live_server.base_url.replace("http", "ws") + "/socket.io/?EIO=4&transport=websocket"
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        websocket.create_connection(url, origin=EVIL, timeout=5).close()
    assert refused.value.status_code == 400
    same = websocket.create_connection(url, origin=live_server.base_url, timeout=5)
    assert same.recv().startswith("0{")  # Engine.IO's open packet
    same.close()


def test_oversized_websocket_message_closes_the_socket_and_stores_nothing(live_server):
    staff = live_server.staff()
    workshop = live_server.create_workshop(staff)
    console = live_server.socket(staff, workshop, "console")
    console.wait_for("snapshot")
    console.client.emit("invite_participant", {"workshop": workshop["id"], "op": "oversize-1",
                                               "name": HUGE}, namespace="/live")
    console.wait_for("__disconnect__", timeout=5)
    assert _roster_names(live_server, staff, workshop) == []
    again = live_server.socket(staff, workshop, "console")
    discipline = again.wait_for("snapshot")["presence"]["by_discipline"][0]["id"]
    ack = again.command("invite_participant", {"name": "Leila", "discipline_id": discipline})
    assert ack["ok"], ack  # the server is alive and the next valid command goes through
    assert _roster_names(live_server, staff, workshop) == ["Leila"]


def test_oversized_polling_message_is_refused_and_closes_the_session(live_server):
    staff = live_server.staff()
    workshop = live_server.create_workshop(staff)
    http = staff.session
    http.headers["X-Hamandishi-Live"] = "1"  # as live.js: same-origin polling has no Origin
    opened = http.get(_polling_url(live_server), timeout=5).text
    sid = json.loads(opened[1:])["sid"]
    auth = json.dumps({"workshop": workshop["id"], "view": "console"})
    assert http.post(_polling_url(live_server, sid), data=f"40/live,{auth}", timeout=5).ok
    assert "snapshot" in http.get(_polling_url(live_server, sid), timeout=5).text
    packet = "42/live," + json.dumps(["invite_participant", {
        "workshop": workshop["id"], "op": "oversize-2", "name": HUGE}])
    with ThreadPoolExecutor(1) as pool:  # a polling client always has a GET waiting
        waiting = pool.submit(requests.get, _polling_url(live_server, sid), timeout=10)
        time.sleep(0.2)
        refused = requests.post(_polling_url(live_server, sid), data=packet, timeout=10)
        waiting.result().close()
    assert refused.status_code == 400
    assert http.get(_polling_url(live_server, sid), timeout=5).status_code == 400
    assert _roster_names(live_server, staff, workshop) == []


def test_removed_participant_is_disconnected_at_once_and_its_token_stops_working(live_server):
    staff = live_server.staff()
    workshop = live_server.create_workshop(staff)
    console = live_server.socket(staff, workshop, "console")
    phone_web = live_server.join(workshop, name="Reza")
    phone = live_server.socket(phone_web, workshop, "phone")
    me = phone.wait_for("snapshot")["me"]
    roster = console.snapshot()["roster"]
    target = next(p["id"] for p in roster if p["name"] == "Reza")

    ack = console.command("remove_participant", {"participant": target})
    acked_at = time.monotonic()
    assert ack["ok"], ack
    phone.wait_for("__disconnect__")
    assert phone.time_of("__disconnect__") - acked_at < within(1.0)
    assert me["name"] == "Reza"

    with pytest.raises(socketio.exceptions.ConnectionError):
        live_server.socket(phone_web, workshop, "phone")
    page = phone_web.get(f"/w/{workshop['id']}/phone", allow_redirects=False)
    assert page.status_code == 302
    assert f"/j/{workshop['code']}" in page.headers["Location"]


def test_logout_closes_the_facilitators_sockets_and_the_old_cookie_is_refused(live_server):
    staff = live_server.staff()
    workshop = live_server.create_workshop(staff)
    replay = live_server.web()
    replay.session.cookies.update(staff.session.cookies.copy())  # the pre-logout cookie
    tabs = [live_server.socket(staff, workshop, view) for view in ("console", "projector")]
    for tab in tabs:
        tab.wait_for("snapshot")

    response = staff.submit("/staff/", {}, action="/logout")
    logged_out_at = time.monotonic()
    assert response.status_code == 302
    for tab in tabs:
        tab.wait_for("__disconnect__")
        assert tab.time_of("__disconnect__") - logged_out_at < within(1.0)

    with pytest.raises(socketio.exceptions.ConnectionError):
        live_server.socket(replay, workshop, "console")
    page = replay.get(f"/staff/workshops/{workshop['id']}", allow_redirects=False)
    assert page.status_code == 302
    assert "/login" in page.headers["Location"]
