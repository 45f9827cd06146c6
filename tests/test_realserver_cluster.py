"""The production shape, for real: PostgreSQL, Redis, two app processes and nginx in front.

nginx runs the configuration rendered from deploy/nginx.conf.template (the one
docs/deployment.md ships); every client below talks to nginx, from one address, like a venue's
phones behind one NAT. A process's Engine.IO session ids start with its NODE_ID, which tells
which process holds a socket.
"""

from __future__ import annotations

import os
import threading
import time
import uuid

import pytest
import requests
import socketio

from tests.cluster import Cluster, create_workshop, missing_binaries
from tests.live_clients import NAMESPACE
from tests.live_voting import VotingPhone, stored_ops, voting_workshop

pytestmark = [pytest.mark.server, pytest.mark.timeout(180)]
JOIN_LIMIT = 4


@pytest.fixture(scope="module")
def cluster():
    pg_url = os.environ.get("TEST_DATABASE_URL")
    missing = missing_binaries(postgres=pg_url is None)
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)} (apt-get install; .ci/run does)")
    running = Cluster(2, pg_url, env={"JOIN_ATTEMPTS_PER_MINUTE": str(JOIN_LIMIT)}).start()
    try:
        yield running
    except BaseException:
        print(running.logs())
        raise
    finally:
        running.stop()


def node(sock) -> str:
    """The NODE_ID of the process holding this socket."""
    return sock.client.eio.sid.partition(".")[0]


def on_each_node(open_socket, tries: int = 8) -> dict[str, object]:
    """Open sockets (least_conn alternates) until one sits on each process; {node: socket}."""
    found: dict[str, object] = {}
    for _ in range(tries):
        sock = open_socket()
        found.setdefault(node(sock), sock)
        if len(found) == 2:
            return found
    raise AssertionError(f"all sockets landed on {sorted(found)}")


def test_phones_from_one_address_spread_and_hear_both_processes(cluster):
    front = cluster.front
    staff = front.staff()
    workshop = create_workshop(front, staff)
    phones = [front.socket(front.join(workshop, name=f"P{i}"), workshop) for i in range(6)]
    assert {node(p) for p in phones} == {"a", "b"}
    consoles = on_each_node(lambda: front.socket(staff, workshop, "console"))

    for n, (moving, stage) in enumerate([("a", "propose"), ("b", "discuss")], start=1):
        ack = consoles[moving].command("move_stage", {"stage": stage})
        assert ack["ok"], ack
        for screen in [*phones, *consoles.values()]:
            seen = screen.wait_for("stage_changed", after=n - 1, timeout=5)
            assert seen["stage"] == stage


def test_polling_sessions_need_no_address_stickiness(cluster):
    front = cluster.front
    staff = front.staff()
    workshop = create_workshop(front, staff)
    consoles = on_each_node(lambda: front.socket(staff, workshop, "console"))
    browsers = [front.join(workshop, name=f"Poll {i}") for i in range(8)]
    pollers = []
    for web in browsers:  # new sessions alternate; every later request follows the sid
        sock = front.socket(web, workshop, connect=False)
        sock.headers["X-Hamandishi-Live"] = "1"  # what the page's script sends when polling
        sock.client.connect(front.base_url, headers=sock.headers, auth=sock.auth,
                            namespaces=[NAMESPACE], transports=["polling"], wait_timeout=10)
        pollers.append(sock)
        if len(pollers) >= 4 and len({node(p) for p in pollers}) == 2:
            break
    assert all(p.client.transport() == "polling" for p in pollers)
    assert {node(p) for p in pollers} == {"a", "b"}
    for poller in pollers:
        poller.wait_for("snapshot")
        for _ in range(5):  # each a POST and a long-poll GET, through pooled upstreams
            assert poller.snapshot()["workshop"]["id"] == workshop["id"]
    assert consoles["b"].command("move_stage", {"stage": "propose"})["ok"]
    for poller in pollers:
        assert poller.wait_for("stage_changed", timeout=5)["stage"] == "propose"

    upgraded = front.socket(front.join(workshop, name="Upgrade"), workshop, connect=False)
    upgraded.headers["X-Hamandishi-Live"] = "1"
    upgraded.client.connect(front.base_url, headers=upgraded.headers, auth=upgraded.auth,
                            namespaces=[NAMESPACE], wait_timeout=10)  # polling, then websocket
    upgraded.wait_for("snapshot")
    deadline = time.monotonic() + 5
    while upgraded.client.transport() != "websocket" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert upgraded.client.transport() == "websocket"
    assert upgraded.snapshot()["workshop"]["stage"] == "propose"


def test_a_vote_sent_to_both_processes_is_stored_once(cluster):
    front = cluster.front
    _console, workshop, round_id, points, browsers = voting_workshop(front, 1)
    tabs = on_each_node(lambda: front.socket(browsers[0], workshop))
    ops = [uuid.uuid4().hex for _ in range(8)]  # 16 commands: within 20/s for one phone
    acks: dict[str, list] = {"a": [], "b": []}

    def send(name: str) -> None:
        for i, op in enumerate(ops):
            acks[name].append(tabs[name].command(
                "cast_vote", {"round": round_id, "point": points[i % 4], "delta": 1}, op=op))

    threads = [threading.Thread(target=send, args=(name,)) for name in acks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    refused = [ack for ack in acks["a"] + acks["b"] if not ack["ok"]]
    assert not refused
    stored = stored_ops(cluster.database_url, round_id)
    assert sorted(stored) == sorted(ops)


def wait_disconnected(socks, timeout: float = 3) -> None:
    deadline = time.monotonic() + timeout
    while any(s.connected for s in socks) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(s.connected for s in socks), [node(s) for s in socks if s.connected]


def test_removal_and_logout_close_sockets_on_both_processes(cluster):
    front = cluster.front
    staff = front.staff()
    workshop = create_workshop(front, staff)
    phone = front.join(workshop, name="Omid")
    tabs = on_each_node(lambda: front.socket(phone, workshop))
    consoles = on_each_node(lambda: front.socket(staff, workshop, "console"))
    target = consoles["a"].snapshot()["roster"][0]["id"]

    assert consoles["a"].command("remove_participant", {"participant": target})["ok"]
    wait_disconnected(tabs.values())
    with pytest.raises(socketio.exceptions.ConnectionError):
        front.socket(phone, workshop)

    token = staff.csrf_token(f"/staff/workshops/{workshop['id']}")
    assert staff.post("/logout", {"csrf_token": token}).status_code == 302
    wait_disconnected(consoles.values())


def test_rate_limits_are_shared_through_redis(cluster):
    """Wrong join codes from one address count together, whichever process answers."""
    headers = {"X-Forwarded-For": "203.0.113.7"}  # TRUSTED_PROXIES=1: nginx's header
    servers = [cluster.servers["a"], cluster.servers["b"]]
    statuses = [requests.get(f"{servers[i % 2].base_url}/j/WRNGC{i:05d}", headers=headers,
                             timeout=10).status_code for i in range(JOIN_LIMIT)]
    assert 429 not in statuses, statuses
    for server in servers:
        refused = requests.get(f"{server.base_url}/j/WRNGCODE99", headers=headers, timeout=10)
        assert refused.status_code == 429, (server.port, refused.status_code)
    other = requests.get(f"{servers[0].base_url}/j/WRNGCODE99",
                         headers={"X-Forwarded-For": "203.0.113.8"}, timeout=10)
    assert other.status_code != 429


def test_killing_a_process_under_load_loses_no_acked_vote(cluster):
    front = cluster.front
    _console, workshop, round_id, points, browsers = voting_workshop(front, 16)
    socks = [front.socket(web, workshop, reconnect=True) for web in browsers]
    on_a = [s for s in socks if node(s) == "a"]
    assert 0 < len(on_a) < len(socks)
    phones = [VotingPhone(s, round_id, points, target=20) for s in socks]
    for phone in phones:
        phone.start()
    deadline = time.monotonic() + 30
    while sum(len(p.acked) for p in phones) < 80 and time.monotonic() < deadline:
        time.sleep(0.02)  # kill it under load
    cluster.kill("a")
    for phone in phones:
        phone.join(70)

    acked = [op for p in phones for op in p.ops]
    assert len(acked) == 20 * len(phones), [len(p.acked) for p in phones]
    stored = stored_ops(cluster.database_url, round_id)
    assert len(stored) == len(set(stored))
    assert sorted(stored) == sorted(acked)
    assert sum(p.resends for p in phones if p.sock in on_a) > 0  # the kill hit them mid-vote
    assert all(s.connected and node(s) == "b" for s in on_a)
