"""Events of committed transactions sent in commit order by one background task.

With a message queue (several processes), every emit is a round trip to Redis. Events left
from the committing greenlet, so the vote writer waited for one round trip per vote after
each commit (a voter's `ballot_saved` for their other tabs) before it could answer the batch
and start the next: on a busy machine that was as long as the batch's own database work.
Now the events of a commit join one queue per process and a single task sends them, in the
order they were committed; the writer goes on at once. Without a message queue an emit only
hands packets to local sockets and stays where it is.
"""

from __future__ import annotations

import logging
import threading
from collections import deque

from workshop.extensions import socketio

log = logging.getLogger(__name__)


# Events waiting at most. Past it (Redis gone or stalled) the oldest are dropped and logged:
# a versioned event's gap makes its screens fetch a fresh snapshot, an unversioned one (a
# voter's other tabs) is lost, and memory stays bounded while the writer goes on.
MAX_WAITING = 20_000


class OrderedEmitter:
    """A FIFO of committed events with at most one sender running."""

    def __init__(self, limit: int = MAX_WAITING):
        self.limit = limit
        self.dropped = 0
        self._lock = threading.Lock()
        self._waiting: deque = deque()
        self._running = False
        self._queued = self._sent = 0  # events put / sent (or failed) so far

    def put(self, event) -> None:
        """Queue an event (anything with `run()`); the sender starts if it is idle."""
        with self._lock:
            if len(self._waiting) >= self.limit:
                self._drop_oldest()
            self._waiting.append(event)
            self._queued += 1
            start, self._running = not self._running, True
        if start:
            socketio.start_background_task(self._send)

    def _drop_oldest(self) -> None:
        """Called with the lock held; the dropped event counts as sent (nobody waits on it)."""
        self._waiting.popleft()
        self._sent += 1
        self.dropped += 1
        if self.dropped % 1000 == 1:
            log.warning("events are not leaving (message queue down?): %d dropped", self.dropped)

    def idle(self) -> bool:
        """Nothing waiting and nothing being sent (a graceful stop waits for this)."""
        with self._lock:
            return not self._running and not self._waiting

    def wait_sent(self, step: float = 0.002) -> None:
        """Return once every event put before this call has left: work that must follow them
        (closing a removed phone's sockets after its `removed` event) runs after this."""
        with self._lock:
            target = self._queued
        while True:
            with self._lock:
                if self._sent >= target:
                    return
            socketio.sleep(step)

    def _send(self) -> None:
        while True:
            with self._lock:
                if not self._waiting:
                    self._running = False
                    return
                event = self._waiting.popleft()
            try:
                event.run()
            except Exception:  # one failed emit must not stop the events after it
                log.exception("event %s failed", getattr(event, "name", event))
            finally:
                with self._lock:
                    self._sent += 1


EMITTER = OrderedEmitter()
