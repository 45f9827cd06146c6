"""Rate limits as moving windows (the `limits` library), shared by every server process.

Counts live in memory by default (one process serves a venue). With `RATELIMIT_STORAGE_URI`
set — or, when it is not, with a Redis `SOCKETIO_MESSAGE_QUEUE` — they live in Redis, so
several processes behind one proxy enforce one limit together (docs/realtime.md §5).
"""

from __future__ import annotations

import threading

from limits import RateLimitItemPerSecond
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from workshop.errors import RateLimited

_shared: dict = {}
TIDY_SECONDS = 1.0  # how often the in-memory counts drop their expired events


class TidyMemoryStorage(MemoryStorage):
    """`limits`' in-memory storage, tidied once a second instead of every 10 ms.

    Its tidy walks every key's event list (and copies it) and reschedules itself every 10 ms
    while anything is counted: in a burst of 300 phones that was a tenth of the server's time.
    The counts do not depend on it (a moving window looks at its newest events); it only
    bounds memory, which a second does as well.
    """

    def _MemoryStorage__schedule_expiry(self) -> None:  # noqa: N802 (the library's private name)
        if not self.timer.is_alive():
            self.timer = threading.Timer(TIDY_SECONDS, self._MemoryStorage__expire_events)
            self.timer.daemon = True
            self.timer.start()
REDIS_CONNECTIONS = 32  # per process; more commands at once wait for a free one


def storage_uri(config) -> str:
    """The storage a configuration asks for: explicit URI, else the Redis queue, else memory."""
    uri = config.get("RATELIMIT_STORAGE_URI") or ""
    queue = config.get("SOCKETIO_MESSAGE_QUEUE") or ""
    if not uri and queue.startswith(("redis://", "rediss://")):
        uri = queue
    return uri or "memory://"


def init_app(app) -> None:
    """Point every limit at the storage this app is configured for."""
    uri = storage_uri(app.config)
    if _shared.get("uri") != uri:
        storage = _open(uri)
        _shared.update(uri=uri, storage=storage, limiter=MovingWindowRateLimiter(storage))


def _open(uri: str) -> Storage:
    """The storage behind `uri`. Redis goes through a blocking pool: under gevent hundreds of
    commands check their limit at once, and redis-py's default pool raises (the command then
    failed as `internal`) instead of waiting once 100 connections are out."""
    if uri == "memory://":
        return TidyMemoryStorage()
    options = {}
    if uri.startswith(("redis://", "rediss://")):
        import redis

        options["connection_pool"] = redis.BlockingConnectionPool.from_url(
            uri, max_connections=REDIS_CONNECTIONS, timeout=10)
    return storage_from_string(uri, key_prefix="hamandishi", **options)


def _storage() -> Storage:
    if "storage" not in _shared:
        storage = _open("memory://")
        _shared.update(uri="memory://", storage=storage,
                       limiter=MovingWindowRateLimiter(storage))
    return _shared["storage"]


def _limiter() -> MovingWindowRateLimiter:
    _storage()
    return _shared["limiter"]


class Window:
    """Events per key over the last `seconds`, refused above a limit chosen at call time."""

    def __init__(self, name: str, seconds: int):
        self.name, self.seconds = name, seconds

    def _item(self, limit: int) -> RateLimitItemPerSecond:
        return RateLimitItemPerSecond(max(int(limit), 1), self.seconds, namespace=self.name)

    def allows(self, key: str, limit: int) -> bool:
        """Whether `key` has room for one more event (nothing is recorded)."""
        return _limiter().test(self._item(limit), key)

    def check(self, key: str, limit: int) -> None:
        """Raise RateLimited if `key` already reached `limit` in the window."""
        if not self.allows(key, limit):
            raise RateLimited()

    def hit(self, key: str, limit: int) -> bool:
        """Record one event for `key`; False (nothing recorded) if it was already full."""
        return _limiter().hit(self._item(limit), key)

    def take(self, key: str, limit: int) -> None:
        """Record one event or raise RateLimited: the usual check-and-count in one step."""
        if not self.hit(key, limit):
            raise RateLimited()

    def count(self, key: str, limit: int) -> int:
        """How many events `key` had in the window (up to `limit`)."""
        stats = _limiter().get_window_stats(self._item(limit), key)
        return limit - stats.remaining

    def reset(self) -> None:
        """Forget every count (tests; a restart of the in-memory storage does the same)."""
        reset_all()


def reset_all() -> None:
    """Empty the storage of every limit."""
    _storage().reset()


failed_joins = Window("join-device", 60)           # wrong codes per device
failed_joins_by_address = Window("join-address", 60)  # wrong codes per address (venue ceiling)
new_devices = Window("device-address", 60)          # device cookies issued per address
failed_logins = Window("login-account", 60)         # wrong passwords per account + address
failed_logins_by_address = Window("login-address", 60)  # wrong passwords per address
socket_commands = Window("commands", 1)             # commands per participant / staff account
