"""Graceful stop (SIGTERM): stop taking work, finish every vote in flight, send phones away.

A vote is either committed and acknowledged, or not acknowledged at all; never acknowledged and
lost. So the stop goes in this order: close the listening socket; hold every command that
arrives from now on without an answer (its phone keeps it in its outbox and resends it, with
the same operation id, to whichever server it reaches next); wait until the commands already
running have answered (the group commit drains, each vote's ack goes out); send `server_stopping`
and close every socket, so the phones reconnect at once (their socket.io client retries on a
closed transport); write the leaves; then exit.
"""

from __future__ import annotations

import logging
import threading
import time
from contextlib import contextmanager

from workshop.extensions import socketio
from workshop.realtime.emitter import EMITTER

log = logging.getLogger(__name__)
NAMESPACE = "/live"


class Drain:
    """Counts commands under way and, once stopping, holds new ones unanswered."""

    def __init__(self):
        self.stopping = False
        self.running = 0
        self.held = 0
        self._lock = threading.Lock()

    @contextmanager
    def command(self):
        """Wrap one command; once the stop has begun, a new one is held and never answered."""
        with self._lock:
            stopping = self.stopping
            self.held += stopping
            self.running += not stopping
        if stopping:
            _hold()
        try:
            yield
        finally:
            with self._lock:
                self.running -= 1

    def settled(self) -> bool:
        with self._lock:
            return self.running == 0


DRAIN = Drain()


def _hold() -> None:
    """Never answer: the process ends under this command, its phone resends elsewhere."""
    while True:
        socketio.sleep(60)


def _until(done, timeout: float, step: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            return False
        socketio.sleep(step)
    return True


def _queues_empty(eio) -> bool:
    return all(s.queue.empty() for s in list(eio.sockets.values()))


def stop_gracefully(app, server, timeout: float = 20) -> None:
    """The whole stop, run in its own greenlet when SIGTERM arrives."""
    from workshop.voting.group_commit import writer

    started = time.monotonic()
    server.stop_accepting()  # no new connections (close() would end serve_forever at once)
    server.socket.close()  # phones trying now are refused at once and retry elsewhere
    DRAIN.stopping = True
    with app.app_context():
        votes = writer()
    settled = _until(lambda: DRAIN.settled() and votes.idle() and EMITTER.idle(), timeout)
    eio = socketio.server.eio
    _until(lambda: _queues_empty(eio), 5)  # the last acks are on the wire
    socketio.emit("server_stopping", {}, namespace=NAMESPACE)
    _until(lambda: _queues_empty(eio), 2)
    for sid in list(eio.sockets):  # at once: their leaves share group commits
        socketio.start_background_task(eio.disconnect, sid)
    _until(lambda: not eio.sockets and votes.idle(), 10)
    log.info("stopped gracefully in %.2f s: %s; %d commands held unanswered",
             time.monotonic() - started, "drained" if settled else "drain timed out",
             DRAIN.held)
    server.stop(timeout=1)
