"""Coalesced broadcasts: at most one per key per interval, leading and trailing edge.

Used for live aggregates that change with every vote or connect (tallies, presence): the
room gets fresh numbers at most every `interval` seconds instead of one message per change.
Each emission carries the complete current value, so a missed one loses nothing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from flask import current_app

from workshop.extensions import socketio

log = logging.getLogger(__name__)


class Coalescer:
    """Runs `emit_fn()` at once, then at most once more per interval while changes arrive."""

    def __init__(self, interval: float = 0.2):
        self.interval = interval
        self._lock = threading.Lock()
        self._busy: set[str] = set()
        self._dirty: set[str] = set()

    def touch(self, key: str, emit_fn: Callable[[], None]) -> None:
        """Note a change for `key`; emit now if idle, else once the window closes."""
        app = current_app._get_current_object()
        key = f"{id(app)}:{key}"  # two apps in one process (tests) never share a window
        with self._lock:
            if key in self._busy:
                self._dirty.add(key)
                return
            self._busy.add(key)
        socketio.start_background_task(self._cycle, app, key, emit_fn)

    def _cycle(self, app, key: str, emit_fn: Callable[[], None]) -> None:
        while True:
            self._emit(app, emit_fn)
            socketio.sleep(self.interval)
            with self._lock:
                if key not in self._dirty:
                    self._busy.discard(key)
                    return
                self._dirty.discard(key)

    @staticmethod
    def _emit(app, emit_fn: Callable[[], None]) -> None:
        """Compute and send fresh data in its own app context (and DB session)."""
        try:
            with app.app_context():
                emit_fn()
        except Exception:  # a failed refresh must not stop later ones
            log.exception("coalesced broadcast failed")


broadcasts = Coalescer(0.2)
