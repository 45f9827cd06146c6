"""Coalesced broadcasts: at most one per key per interval, leading and trailing edge.

Used for live aggregates that change with every vote or connect (tallies, presence): the
room gets fresh numbers at most every `interval` seconds instead of one message per change.
Each emission carries the complete current value, so a missed one loses nothing. With several
processes, each window is sent by the one process that claims it (`windows.py`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from flask import current_app

from workshop.extensions import socketio
from workshop.realtime.windows import claim_window, next_window_in

log = logging.getLogger(__name__)


class Coalescer:
    """Runs `emit_fn()` at once, then at most once more per interval while changes arrive."""

    def __init__(self, interval: float = 0.2):
        self.interval = interval
        self._lock = threading.Lock()
        self._busy: dict[str, object] = {}  # key -> the token of its running cycle
        self._dirty: set[str] = set()
        self._sending: set[object] = set()  # tokens of cycles computing or sending right now

    def touch(self, key: str, emit_fn: Callable[[], None]) -> None:
        """Note a change for `key`; emit now if idle, else once the window closes."""
        app = current_app._get_current_object()
        local = f"{id(app)}:{key}"  # two apps in one process (tests) never share a window
        with self._lock:
            if local in self._busy:
                self._dirty.add(local)
                return
            token = self._busy[local] = object()
        socketio.start_background_task(self._cycle, app, local, key, emit_fn, token)

    def forget(self) -> None:
        """Drop every pending refresh (a test's database is about to go): a cycle asleep in its
        window ends when it wakes, without touching the database; see `sending`."""
        with self._lock:
            self._busy.clear()
            self._dirty.clear()

    def sending(self) -> bool:
        """Whether a refresh is being computed or sent right now."""
        with self._lock:
            return bool(self._sending)

    def _cycle(self, app, local: str, key: str, emit_fn: Callable[[], None], token) -> None:
        while True:
            sent = claim_window(app.config, key, self.interval)
            if sent:
                self._emit(app, emit_fn, local, token)
            # Lost: another process sends this window; try again as the next one opens.
            socketio.sleep(self.interval if sent else next_window_in(self.interval))
            with self._lock:
                if self._busy.get(local) is not token:
                    return  # forgotten
                if sent and local not in self._dirty:
                    del self._busy[local]
                    return
                self._dirty.discard(local)

    def _emit(self, app, emit_fn: Callable[[], None], local: str, token) -> None:
        """Compute and send fresh data in its own app context (and DB session)."""
        with self._lock:
            if self._busy.get(local) is not token:
                return
            self._sending.add(token)
        try:
            with app.app_context():
                emit_fn()
        except Exception:  # a failed refresh must not stop later ones
            log.exception("coalesced broadcast failed")
        finally:
            with self._lock:
                self._sending.discard(token)


broadcasts = Coalescer(0.2)
