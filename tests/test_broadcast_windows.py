"""Several processes send each coalesced tally once per window, and no change goes unsent."""

from __future__ import annotations

import shutil
import threading
import time

import pytest

from tests.cluster import RedisServer
from workshop.realtime import coalesce, windows

pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None,
                                reason="redis-server is not installed (.ci/run installs it)")
INTERVAL = 0.2


@pytest.fixture(scope="module")
def redis_config(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    config = {"SOCKETIO_MESSAGE_QUEUE": server.url, "SQLALCHEMY_DATABASE_URI": "sqlite:///x"}
    yield config
    client = windows._CLIENTS.pop(server.url, None)
    if client is not None:
        client.close()
    server.stop()


def _next_window_start() -> None:
    time.sleep(INTERVAL - time.time() % INTERVAL + 0.01)


def test_one_process_claims_each_window(redis_config):
    _next_window_start()
    claims = [windows.claim_window(redis_config, "results:7", INTERVAL) for _ in range(2)]
    assert claims == [True, False]
    assert windows.claim_window(redis_config, "results:8", INTERVAL)  # another key: its own
    _next_window_start()
    assert windows.claim_window(redis_config, "results:7", INTERVAL)


def test_without_a_queue_every_window_is_ours():
    config = {"SOCKETIO_MESSAGE_QUEUE": None, "SQLALCHEMY_DATABASE_URI": "sqlite:///x"}
    assert all(windows.claim_window(config, "results:7", INTERVAL) for _ in range(3))


def test_a_process_that_lost_the_window_sends_in_a_later_one(app, monkeypatch):
    """Its change may have been committed after the other process counted: never left out."""
    answers = iter([False, False, True])
    monkeypatch.setattr(coalesce, "claim_window", lambda *args: next(answers))
    sent = threading.Event()
    with app.app_context():
        coalesce.Coalescer(0.05).touch("results:1", sent.set)
    assert sent.wait(5)


def test_a_lost_window_is_tried_again_as_the_next_one_opens(app, monkeypatch):
    """Not a whole interval after losing it: that wait was added to every screen's lag."""
    attempts, sleeps = [], []
    answers = iter([False, True])

    def claim(*args):
        attempts.append(time.time())
        return next(answers)

    def sleep(seconds):
        sleeps.append(seconds)
        time.sleep(seconds)

    monkeypatch.setattr(coalesce, "claim_window", claim)
    monkeypatch.setattr(coalesce.socketio, "sleep", sleep)
    sent = threading.Event()
    with app.app_context():
        coalesce.Coalescer(INTERVAL).touch("results:1", sent.set)
    assert sent.wait(5)
    lost_at, waited = attempts[0], sleeps[0]
    assert waited < INTERVAL - lost_at % INTERVAL + 0.01  # until the next window, no longer
    assert (lost_at + waited) % INTERVAL < 0.01  # ... and just inside it
