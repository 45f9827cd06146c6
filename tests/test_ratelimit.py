"""Issue 11 §8: rate limits on the `limits` library, in memory or shared through Redis."""

from __future__ import annotations

import subprocess
import sys

from tests.test_realserver_redis import redis_url  # noqa: F401 - the private redis-server
from workshop import ratelimit


def test_storage_is_memory_unless_redis_is_configured():
    assert ratelimit.storage_uri({}) == "memory://"
    queue = {"SOCKETIO_MESSAGE_QUEUE": "redis://127.0.0.1:6379/0"}
    assert ratelimit.storage_uri(queue) == "redis://127.0.0.1:6379/0"
    explicit = queue | {"RATELIMIT_STORAGE_URI": "redis://10.0.0.5:6379/2"}
    assert ratelimit.storage_uri(explicit) == "redis://10.0.0.5:6379/2"


def test_a_moving_window_refuses_over_the_limit(app):
    window = ratelimit.Window("test-window", 60)
    assert [window.hit("k", 3) for _ in range(4)] == [True, True, True, False]
    assert window.count("k", 3) == 3
    assert window.allows("other", 3)


def _hits_in_another_process(url: str, hits: int) -> int:
    config = repr({"RATELIMIT_STORAGE_URI": url})
    code = ("from workshop import ratelimit as r\n"
            f"r.init_app(type('App', (), {{'config': {config}}})())\n"
            f"print(sum(r.failed_joins.hit('d:shared', 10) for _ in range({hits})))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    return int(done.stdout.strip().splitlines()[-1])


def test_two_processes_share_one_limit_through_redis(redis_url):  # noqa: F811
    assert _hits_in_another_process(redis_url, 7) == 7
    assert _hits_in_another_process(redis_url, 7) == 3  # the other process's 7 count here


def test_the_memory_storage_tidies_once_a_second_and_still_counts_right():
    import time

    from limits import RateLimitItemPerSecond
    from limits.strategies import MovingWindowRateLimiter

    storage = ratelimit.TidyMemoryStorage()
    limiter, item = MovingWindowRateLimiter(storage), RateLimitItemPerSecond(3, 1)
    assert [limiter.hit(item, "phone") for _ in range(4)] == [True, True, True, False]
    storage.timer.join()  # the first tidy (the library's own, at start)
    limiter.hit(item, "phone")
    assert storage.timer.interval == ratelimit.TIDY_SECONDS  # rescheduled by our rule
    started = time.monotonic()
    storage.timer.join()  # our tidy, a second later: the window has passed by then
    assert time.monotonic() - started > 0.9
    assert "phone" not in storage.events  # its expired events were dropped
    assert [limiter.hit(item, "phone") for _ in range(4)] == [True, True, True, False]
