"""Queue client events inside a transaction and emit them only after it commits.

Services call `publish(...)` while they change the database; nothing reaches a client
unless the commit succeeds, and a rollback drops the queued events.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import socketio as socketio_pkg
import sqlalchemy as sa
import sqlalchemy.orm as so

from workshop.extensions import db, socketio
from workshop.realtime.emitter import EMITTER
from workshop.realtime.rooms import room_for, staff_room

PENDING_KEY = "hamandishi_pending_events"
DEFERRED_KEY = "hamandishi_deferred_calls"


@dataclass
class PendingCall:
    """Work that must run only once the transaction is durable (e.g. closing sockets)."""

    fn: object
    after_events: bool = False  # must follow the transaction's events (a socket it closes)

    def run(self) -> None:
        self.fn()


@dataclass
class PendingEvent:
    """One event waiting for its transaction to commit."""

    name: str
    room: str
    payload: dict = field(default_factory=dict)
    skip_sid: str | None = None

    def run(self) -> None:
        if self.skip_sid is not None and _nobody_else(self.room, self.skip_sid):
            return
        socketio.emit(self.name, self.payload, to=self.room, namespace="/live",
                      skip_sid=self.skip_sid)


def _nobody_else(room: str, sid: str) -> bool:
    """Whether `sid` is the room's only member anywhere (so the event would reach no one)."""
    manager = socketio.server.manager
    if isinstance(manager, socketio_pkg.PubSubManager):  # other processes may hold members
        return False
    members = manager.rooms.get("/live", {}).get(room, {})
    return all(member == sid for member in members)


def next_version(workshop) -> int:
    """Atomically bump the workshop's version in the database (row-locked on PostgreSQL)."""
    from workshop.models import Workshop

    stmt = (
        sa.update(Workshop)
        .where(Workshop.id == workshop.id)
        .values(version=Workshop.version + 1)
        .returning(Workshop.version)
    )
    version = db.session.execute(stmt).scalar_one()
    so.attributes.set_committed_value(workshop, "version", version)
    return version


def publish(workshop, name: str, public: dict | None, staff: dict | None = None) -> int:
    """Bump the version and queue `name` for the public and staff rooms.

    :param public: payload for phones and the projector, or None to tell them nothing
        but the new version (they still need it to see no gap).
    :param staff: payload for consoles; defaults to the public payload.
    """
    version = next_version(workshop)
    staff_payload = public if staff is None else staff
    public_payload = {"changed": name} if public is None else public
    public_name = name if public is not None else "version_bumped"
    _queue(PendingEvent(public_name, room_for(workshop.id), {**public_payload, "v": version}))
    _queue(PendingEvent(name, staff_room(workshop.id), {**staff_payload, "v": version}))
    return version


def publish_unversioned(name: str, room: str, payload: dict,
                        skip_sid: str | None = None) -> None:
    """Queue an event that is not part of the versioned state (e.g. a notice to one phone).

    :param skip_sid: a socket that already has the news (its ack carried it).
    """
    _queue(PendingEvent(name, room, payload, skip_sid))


def after_commit(fn, after_events: bool = False) -> None:
    """Run `fn()` after the current transaction commits (never if it rolls back); with
    `after_events`, only once the transaction's events have left (they go first in order)."""
    _queue(PendingCall(fn, after_events))


def _queue(event) -> None:
    db.session.info.setdefault(PENDING_KEY, []).append(event)


@sa.event.listens_for(so.Session, "after_commit")
def _emit_after_commit(session) -> None:
    """Events leave now; calls wait until commit() has returned, since they may use the DB."""
    queued = _through_queue()
    for pending in session.info.pop(PENDING_KEY, []):
        if isinstance(pending, PendingCall):
            session.info.setdefault(DEFERRED_KEY, []).append(pending)
        elif queued:
            EMITTER.put(pending)  # a Redis round trip each: not on the committer's time
        else:
            pending.run()


def _through_queue() -> bool:
    """Whether emits go through a message queue (several processes)."""
    return isinstance(socketio.server.manager, socketio_pkg.PubSubManager)


def run_deferred(session) -> None:
    """Run the after_commit() work of a transaction that has fully committed, after its
    events have left (a removal's `removed` must reach the phone before its socket closes)."""
    if any(call.after_events for call in session.info.get(DEFERRED_KEY, ())) \
            and _through_queue():
        EMITTER.wait_sent()
    while session.info.get(DEFERRED_KEY):
        session.info[DEFERRED_KEY].pop(0).run()


@sa.event.listens_for(so.Session, "after_rollback")
def _drop_after_rollback(session) -> None:
    session.info.pop(PENDING_KEY, None)
