"""A small bounded, thread-safe cache for in-process copies of derived data."""

from __future__ import annotations

import threading
from collections import OrderedDict


class BoundedCache:
    """Keeps the `size` most recently used entries; callers key entries by what they derive from."""

    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict = {}  # key -> lock held while one caller builds the entry

    def get(self, key, default=None):
        """The entry for `key` (now the most recently used), or `default`."""
        with self._lock:
            if key not in self._entries:
                return default
            self._entries.move_to_end(key)
            return self._entries[key]

    def put(self, key, value) -> None:
        """Store `value`, dropping the least recently used entries beyond the size."""
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def get_or_build(self, key, build):
        """The entry for `key`, built by one caller at a time: callers that miss together
        (a reconnect storm, now that database waits let other sockets run) wait for the
        first one's entry instead of each building it again."""
        found = self.get(key, _MISSING)
        if found is not _MISSING:
            return found
        with self._lock:
            building = self._building.setdefault(key, threading.Lock())
        try:
            with building:
                found = self.get(key, _MISSING)
                if found is _MISSING:
                    found = build()
                    self.put(key, found)
            return found
        finally:
            with self._lock:
                if self._building.get(key) is building:
                    del self._building[key]


_MISSING = object()
