"""In-process sliding-window rate limits (one process serves a venue; see README)."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque

from workshop.errors import RateLimited


class SlidingWindow:
    """Counts events per key over the last `seconds`; refuses above `limit`."""

    def __init__(self, seconds: float = 60.0):
        self.seconds = seconds
        self._events: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _trim(self, key: str, now: float) -> deque[float]:
        events = self._events[key]
        while events and events[0] <= now - self.seconds:
            events.popleft()
        return events

    def count(self, key: str) -> int:
        """How many events `key` had in the window."""
        with self._lock:
            return len(self._trim(key, time.monotonic()))

    def check(self, key: str, limit: int) -> None:
        """Raise RateLimited if `key` already reached `limit` in the window."""
        if self.count(key) >= limit:
            raise RateLimited()

    def hit(self, key: str) -> None:
        """Record one event for `key`."""
        with self._lock:
            now = time.monotonic()
            self._trim(key, now).append(now)

    def reset(self) -> None:
        """Forget everything (tests, restarts)."""
        with self._lock:
            self._events.clear()


failed_joins = SlidingWindow(60)
failed_logins = SlidingWindow(60)
socket_commands = SlidingWindow(1)
