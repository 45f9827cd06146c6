"""Authenticating a socket at connect time and choosing its rooms."""

from __future__ import annotations

from flask import request
from flask_login import current_user

from workshop.actors import Actor
from workshop.errors import BadInput, NotAllowed, NotFound
from workshop.models import Workshop
from workshop.permissions import staff_role
from workshop.realtime.connections import VIEWS, Connection
from workshop.realtime.rooms import (
    participant_room,
    projector_room,
    room_for,
    staff_room,
    user_room,
)
from workshop.workshops.reads import workshop_for_connect


def participant_cookie(workshop_id: int) -> str:
    """The name of the HttpOnly cookie that holds a phone's token for one workshop."""
    return f"hmp_{workshop_id}"


def authenticate(auth) -> tuple[Connection, Actor, list[str], Workshop]:
    """Who is connecting, to which workshop (returned: its snapshot follows), and which rooms
    they listen to."""
    if not isinstance(auth, dict) or auth.get("view") not in VIEWS:
        raise BadInput()
    workshop = workshop_for_connect(auth.get("workshop"))
    if auth["view"] == "phone":
        return *_phone(workshop, auth.get("token")), workshop
    return *_staff(workshop, auth["view"]), workshop


def _phone(workshop, auth_token=None):
    from workshop.joining.seat import seat_for_token  # joining imports this module

    # Non-browser clients may prove themselves with the token in `auth` instead of the cookie.
    token = auth_token if isinstance(auth_token, str) else request.cookies.get(
        participant_cookie(workshop.id))
    participant = seat_for_token(workshop.id, token)
    if participant is None:
        raise NotAllowed("bad_token")
    if participant.status == "removed":
        raise NotAllowed("removed")
    connection = Connection(workshop.id, "phone", participant_id=participant.id)
    rooms = [participant_room(participant.id)]
    if participant.status == "admitted":
        rooms.append(room_for(workshop.id))
    return connection, Actor(participant=participant), rooms


def _staff(workshop, view: str):
    user = current_user._get_current_object() if current_user.is_authenticated else None
    if user is None:
        raise NotAllowed("bad_token")
    if staff_role(user, workshop) is None:
        raise NotFound()
    connection = Connection(workshop.id, view, user_id=user.id,
                            session_version=user.session_version)
    rooms = [staff_room(workshop.id)] if view == "console" else [
        room_for(workshop.id), projector_room(workshop.id)]
    return connection, Actor(user=user), [*rooms, user_room(user.id)]


def audience_of(connection: Connection) -> str:
    """Which snapshot this socket gets: consoles see staff data, the projector public data."""
    return {"console": "staff", "projector": "projector"}.get(connection.view, "phone")
