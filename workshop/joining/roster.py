"""The facilitator's roster: invitations, admitting and removing people."""

from __future__ import annotations

from workshop import audit
from workshop.actors import Actor
from workshop.errors import BadInput, NotFound
from workshop.extensions import db, socketio
from workshop.joining.presence import presence_changed
from workshop.joining.services import _profile
from workshop.models import Participant, utcnow
from workshop.permissions import require_facilitator
from workshop.realtime.publish import after_commit, publish_unversioned
from workshop.realtime.rooms import participant_room
from workshop.transaction import commit
from workshop.workshops.codes import invite_token, token_hash
from workshop.workshops.services import get_workshop


def _participant_of(workshop, participant_id) -> Participant:
    if type(participant_id) is not int:
        raise BadInput(field="participant")
    participant = db.session.get(Participant, participant_id)
    if participant is None or participant.workshop_id != workshop.id:
        raise NotFound()
    return participant


def invite(actor: Actor, workshop_id, data: dict) -> dict:
    """Pre-register an invitee; returns the secret of their personal join link."""
    workshop = get_workshop(workshop_id)
    require_facilitator(actor, workshop)
    participant = Participant(workshop_id=workshop.id, **_profile(workshop, data),
                              status="invited")
    db.session.add(participant)
    db.session.flush()
    secret = invite_token(participant.id)
    participant.invite_hash = token_hash(secret)
    audit.record(actor, workshop, "roster.invite", target=f"participant:{participant.id}")
    presence_changed(workshop.id)
    return commit({"participant": participant.id, "invite": secret})


def admit(actor: Actor, workshop_id, participant_id) -> dict:
    """Let a waiting walk-in into the workshop."""
    workshop = get_workshop(workshop_id)
    require_facilitator(actor, workshop)
    participant = _participant_of(workshop, participant_id)
    if participant.status != "pending":
        raise BadInput("invalid_value", field="participant")
    participant.status = "admitted"
    audit.record(actor, workshop, "roster.admit", target=f"participant:{participant.id}")
    publish_unversioned("admitted", participant_room(participant.id), {})
    presence_changed(workshop.id)
    return commit({"participant": participant.id, "status": "admitted"})


def remove(actor: Actor, workshop_id, participant_id, reason: str = "") -> dict:
    """Remove someone: their token stops working and their open sockets close at once."""
    workshop = get_workshop(workshop_id)
    require_facilitator(actor, workshop)
    participant = _participant_of(workshop, participant_id)
    participant.status, participant.token_hash = "removed", None
    participant.left_at = participant.left_at or utcnow()
    audit.record(actor, workshop, "roster.remove", target=f"participant:{participant.id}",
                 reason=str(reason or "")[:500])
    publish_unversioned("removed", participant_room(participant.id), {})
    after_commit(lambda: disconnect_room(participant_room(participant.id)), after_events=True)
    presence_changed(workshop.id)
    return commit({"participant": participant.id, "status": "removed"})


def disconnect_room(room: str) -> None:
    """Close every socket in a room (a removed participant, a logged-out user)."""
    from workshop.realtime.managers import disconnect_room as close_sockets

    close_sockets(socketio.server, room)

