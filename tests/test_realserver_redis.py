"""Production path: two server processes share one database and a Redis message queue."""

import shutil
import subprocess
import time

import pytest
import redis
import socketio

from tests.postgres import free_port
from tests.timing import within

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A private redis-server on 127.0.0.1 and a free port, without persistence."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server; .ci/run does)")
    port, workdir = free_port(), tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
         "--dir", str(workdir), "--protected-mode", "yes"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        _wait_for_redis(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for_redis(url: str, process, timeout: float = 10) -> None:
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError("redis-server exited")
            try:
                if client.ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not answer")
    finally:
        client.close()


@pytest.fixture
def two_processes(live_servers, redis_url):
    """Servers A and B on one database, talking through Redis."""
    queue = {"SOCKETIO_MESSAGE_QUEUE": redis_url}
    a = live_servers(env=queue)
    b = live_servers(env=queue, database_url=a.database_url)
    return a, b


def test_phone_on_one_process_follows_the_console_on_the_other(two_processes):
    a, b = two_processes
    staff = b.staff()
    workshop = b.create_workshop(staff)
    phone = a.socket(a.join(workshop, name="Nasrin"), workshop, "phone")
    assert phone.wait_for("snapshot")["workshop"]["stage"] == "lobby"
    console = b.socket(staff, workshop, "console")
    console.wait_for("snapshot")

    ack = console.command("move_stage", {"stage": "propose", "countdown": 120})
    assert ack["ok"], ack
    changed = phone.wait_for("stage_changed")
    assert changed["stage"] == "propose"
    assert changed["v"] == console.wait_for("stage_changed")["v"]


def test_presence_counted_on_one_process_reaches_the_other(two_processes):
    a, b = two_processes
    staff = b.staff()
    workshop = b.create_workshop(staff)
    console = b.socket(staff, workshop, "console")
    console.wait_for("snapshot")
    a.socket(a.join(workshop, name="Kaveh"), workshop, "phone").wait_for("snapshot")
    seen = console.wait_for("presence", predicate=lambda p: p["total"] == 1)
    assert [row["name"] for row in seen["roster"]] == ["Kaveh"]


def test_removal_on_one_process_locks_out_the_phone_on_the_other(two_processes):
    a, b = two_processes
    staff = b.staff()
    workshop = b.create_workshop(staff)
    phone_web = a.join(workshop, name="Omid")
    phone = a.socket(phone_web, workshop, "phone")
    phone.wait_for("snapshot")
    console = b.socket(staff, workshop, "console")
    target = console.wait_for("snapshot")["roster"][0]["id"]

    assert console.command("remove_participant", {"participant": target})["ok"]
    assert phone.wait_for("removed") is not None
    deadline = time.monotonic() + within(1.0)  # the other process closes it within a second
    while phone.connected and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not phone.connected
    with pytest.raises(socketio.exceptions.ConnectionError):
        a.socket(phone_web, workshop, "phone")
