"""The /live Socket.IO namespace: thin adapters from socket events to services."""

from __future__ import annotations

import logging

from flask import current_app, request
from flask_socketio import Namespace, emit, join_room

from workshop.errors import NotAllowed, WorkshopError
from workshop.joining.presence import mark_connected, mark_disconnected
from workshop.ratelimit import socket_commands
from workshop.realtime import connections
from workshop.realtime.commands import COMMANDS, QUERIES, run_command, run_query
from workshop.realtime.connect import audience_of, authenticate
from workshop.realtime.origin import check_handshake
from workshop.realtime.rooms import participant_room
from workshop.realtime.shutdown import DRAIN
from workshop.realtime.snapshot import build_snapshot, is_waiting
from workshop.transaction import rollback
from workshop.workshops.services import get_workshop

log = logging.getLogger(__name__)
NAMESPACE = "/live"


class LiveNamespace(Namespace):
    """Every client event is authenticated by the connect-time identity, re-checked each time."""

    def on_connect(self, auth=None):
        """Any client connects; it gets a `snapshot` of what it may see."""
        try:
            check_handshake(request.environ, current_app.config)
            connection, actor, rooms, workshop = authenticate(auth)
            self._check_capacity(connection)
        except WorkshopError as error:
            rollback()
            raise ConnectionRefusedError(error.to_ack()) from None
        connections.remember(request.sid, connection)
        for room in rooms:
            join_room(room)
        # The arrival rides the next group commit without holding the connect up; the
        # presence broadcast after that commit brings every screen's count up to date.
        if actor.participant is not None:
            mark_connected(actor.participant)
        emit("snapshot", build_snapshot(actor, workshop, audience_of(connection)))

    def _check_capacity(self, connection) -> None:
        """One participant may hold a few sockets (tabs, a reconnect overlapping), not a crowd."""
        if connection.participant_id is None:
            return
        room = participant_room(connection.participant_id)
        held = sum(1 for _ in self.socketio.server.manager.get_participants(NAMESPACE, room))
        if held >= current_app.config["SOCKETS_PER_PARTICIPANT"]:
            raise WorkshopError("too_many_connections")

    def on_disconnect(self, reason=None):
        """A socket closed; attendance notes when a phone's last socket went away."""
        connection = connections.forget(request.sid)
        if connection is None or connection.participant_id is None:
            return
        mark_disconnected(connection.participant_id, request.sid)

    def on_snapshot(self, data=None):
        """A client that saw a version gap asks for the full state again (ack carries it)."""
        connection = connections.lookup(request.sid)
        if connection is None:
            return NotAllowed("bad_token").to_ack()
        try:
            _limit(connection)
            actor = connections.current_actor(connection)
            if is_waiting(actor):
                raise NotAllowed("not_admitted")
            snapshot = self._snapshot(connection, actor)
            return {"ok": True, "error": None, "message": "", "result": snapshot}
        except WorkshopError as error:
            return error.to_ack()

    def trigger_event(self, event, *args):
        """Route registered commands through the operation-id runner; others as usual."""
        if event in COMMANDS or event in QUERIES:
            sid, payload = args[0], (args[1] if len(args) > 1 else None)
            return self.socketio._handle_event(
                lambda data=None: self._command(event, data), event, self.namespace, sid, payload
            )
        return super().trigger_event(event, *args)

    def _command(self, name: str, payload) -> dict:
        with DRAIN.command():  # once the server is stopping, held without an answer
            return self._run(name, payload)

    def _run(self, name: str, payload) -> dict:
        connection = connections.lookup(request.sid)
        try:
            if connection is None:
                raise NotAllowed("bad_token")
            _limit(connection)
            spec = COMMANDS.get(name)
            actor = connections.actor_for(connection, reload=spec is None or not spec.checks_actor)
            _scope(payload, connection)
            if name in QUERIES:
                return run_query(actor, name, payload)
            return run_command(actor, name, payload)
        except WorkshopError as error:
            return error.to_ack()
        except Exception:
            log.exception("command %s failed", name)
            rollback()
            return WorkshopError("internal").to_ack()

    @staticmethod
    def _snapshot(connection, actor) -> dict:
        workshop = get_workshop(connection.workshop_id)
        return build_snapshot(actor, workshop, audience_of(connection))


def _limit(connection) -> None:
    """A flood is refused (rate_limited) without closing the socket; the count is per
    participant or staff account across all of its sockets, so more sockets buy nothing."""
    key = (f"p:{connection.participant_id}" if connection.participant_id is not None
           else f"u:{connection.user_id}")
    socket_commands.take(key, current_app.config["SOCKET_COMMANDS_PER_SECOND"])


def _scope(payload, connection) -> None:
    """A socket speaks for exactly one workshop: the one it connected to."""
    if isinstance(payload, dict) and payload.get("workshop") != connection.workshop_id:
        raise WorkshopError("not_found")


def init_app(socketio) -> None:
    """Register the namespace on the app's Socket.IO server."""
    socketio.on_namespace(LiveNamespace(NAMESPACE))
