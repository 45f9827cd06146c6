"""Issue 11 §4 over the real transport: forwarded headers are believed only behind trusted
proxies, and a cookie-carrying handshake must prove its origin."""

import pytest
import requests
import socketio
import websocket

from tests.live_clients import NAMESPACE

pytestmark = pytest.mark.server
EVIL = "https://evil.example"
FORWARDED = {"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https"}


def _refused(server, headers, auth):
    client = socketio.Client(reconnection=False)
    try:
        client.connect(server.base_url, headers=headers, auth=auth, namespaces=[NAMESPACE],
                       transports=["polling"], wait_timeout=5)  # websocket-client adds Origin
    except socketio.exceptions.ConnectionError:
        return True
    client.disconnect()
    return False


def test_forwarded_headers_do_not_vouch_for_a_foreign_origin(live_server):
    url = f"{live_server.base_url}/socket.io/?EIO=4&transport=polling"
    polling = requests.get(url, headers={"Origin": EVIL, **FORWARDED}, timeout=5)
    assert polling.status_code == 400
    ws_url = url.replace("http", "ws").replace("polling", "websocket")
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        websocket.create_connection(ws_url, origin=EVIL, timeout=5,
                                    header=[f"{k}: {v}" for k, v in FORWARDED.items()]).close()
    assert refused.value.status_code == 400


def test_cookies_without_origin_are_refused_and_a_token_client_needs_none(live_server):
    staff = live_server.staff()
    workshop = live_server.create_workshop(staff)
    auth = {"workshop": workshop["id"], "view": "console"}
    assert _refused(live_server, {"Cookie": staff.cookie_header()}, auth)
    assert not _refused(live_server, {"Cookie": staff.cookie_header(),
                                      "Origin": live_server.base_url}, auth)
    phone = live_server.join(workshop)
    token = phone.cookie(f"hmp_{workshop['id']}")
    assert _refused(live_server, {"Cookie": phone.cookie_header()},
                    {"workshop": workshop["id"], "view": "phone"})
    assert not _refused(live_server, {}, {"workshop": workshop["id"], "view": "phone",
                                          "token": token})
