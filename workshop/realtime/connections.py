"""What each open socket authenticated as, re-checked against the database on every event."""

from __future__ import annotations

from dataclasses import dataclass

from workshop.actors import Actor
from workshop.errors import NotAllowed
from workshop.extensions import db
from workshop.models import Participant, User

VIEWS = ("phone", "console", "projector")


@dataclass(frozen=True)
class Connection:
    """The identity a socket proved at connect time."""

    workshop_id: int
    view: str
    participant_id: int | None = None
    user_id: int | None = None
    session_version: int | None = None


@dataclass(frozen=True)
class ConnectedParticipant:
    """A phone's identity as proved at connect, for services that re-read it under a lock."""

    id: int
    workshop_id: int


_connections: dict[str, Connection] = {}


def remember(sid: str, connection: Connection) -> None:
    """Record the identity of a newly accepted socket."""
    _connections[sid] = connection


def forget(sid: str) -> Connection | None:
    """Drop a closed socket; returns what it was."""
    return _connections.pop(sid, None)


def lookup(sid: str) -> Connection | None:
    """The identity of an open socket, if it completed connect."""
    return _connections.get(sid)


def current_actor(connection: Connection) -> Actor:
    """Reload the actor and refuse if it was removed, logged out or deactivated since connect."""
    if connection.participant_id is not None:
        participant = db.session.get(Participant, connection.participant_id)
        if participant is None or participant.token_hash is None:
            raise NotAllowed("bad_token")
        if participant.status == "removed":
            raise NotAllowed("removed")
        return Actor(participant=participant)
    user = db.session.get(User, connection.user_id)
    if user is None or not user.active or user.session_version != connection.session_version:
        raise NotAllowed("bad_token")
    return Actor(user=user)


def actor_for(connection: Connection, *, reload: bool = True) -> Actor:
    """The socket's actor: reloaded, or (for a service that re-reads it) as proved at connect."""
    if reload or connection.participant_id is None:
        return current_actor(connection)
    return Actor(participant=ConnectedParticipant(connection.participant_id,
                                                  connection.workshop_id))
