"""Joining a workshop, restoring a phone's place, and the facilitator's roster."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

from workshop import audit
from workshop.actors import Actor
from workshop.errors import BadInput, NotAllowed, NotFound, RateLimited, WorkshopError
from workshop.extensions import db
from workshop.joining.device import device_key
from workshop.models import Discipline, Participant, Workshop, utcnow
from workshop.ratelimit import failed_joins, failed_joins_by_address
from workshop.text.normalize import validate_text
from workshop.transaction import commit, rollback
from workshop.workshops.codes import new_token, normalise_join_code, token_hash
from workshop.workshops.services import find_by_join_code

NAME_MAX, ORG_MAX = 80, 120


def workshop_for_code(code: str, ip: str, device: str | None,
                      issued: str | None = None) -> Workshop:
    """Look up a typed join code. Wrong guesses are limited per device; past the address's
    ceiling only devices without a wrong guess this minute are still heard, so a guesser at
    the venue's one NAT address stops itself and not the room (docs/joining.md). A phone seen
    for the first time counts as its address; its miss also counts for the device `issued`
    to it now."""
    per_device = current_app.config["JOIN_ATTEMPTS_PER_MINUTE"]
    per_address = current_app.config["JOIN_FAILURES_PER_ADDRESS_PER_MINUTE"]
    key = f"d:{device}" if device else f"a:{ip}"  # without a device the address is the device
    failed_joins.check(key, per_device)
    crowded = not failed_joins_by_address.allows(ip, per_address)
    if crowded and (device is None or failed_joins.count(key, per_device) > 0):
        raise RateLimited()
    workshop = find_by_join_code(normalise_join_code(code))
    if workshop is None:
        failed_joins.hit(key, per_device)
        if issued and issued != device:
            failed_joins.hit(f"d:{issued}", per_device)
        failed_joins_by_address.hit(ip, per_address)
        raise WorkshopError("bad_join_code", field="code")
    return workshop


def _discipline(workshop: Workshop, discipline_id) -> Discipline:
    discipline = db.session.get(Discipline, discipline_id) if type(discipline_id) is int else None
    if discipline is None or discipline.program_id != workshop.program_id:
        raise BadInput("required", field="discipline")
    return discipline


def _profile(workshop: Workshop, data: dict) -> dict:
    """Validated name, discipline and organisation (the participant's own words)."""
    return {
        "display_name": validate_text(data.get("name"), field="name", max_len=NAME_MAX),
        "discipline_id": _discipline(workshop, data.get("discipline_id")).id,
        "organisation": validate_text(
            data.get("organisation", ""), field="organisation", max_len=ORG_MAX, required=False
        ),
    }


def join(workshop: Workshop, data: dict, device: str | None = None) -> tuple[Participant, str]:
    """A phone joins: a new participant (pending in roster mode) and its secret token; a
    device that already joined gets its own participant back (one device, one voice)."""
    if workshop.status == "closed":
        raise WorkshopError("closed")
    profile, token = _profile(workshop, data), new_token()
    key = device_key(workshop.id, device) if device else None
    known = _participant_of_device(workshop, key)
    if known is not None:
        return _rejoin(workshop, known, token)
    participant = Participant(
        workshop_id=workshop.id, **profile, device_key=key,
        status="pending" if workshop.roster_mode else "admitted",
        token_hash=token_hash(token), joined_at=utcnow(),
    )
    db.session.add(participant)
    try:
        db.session.flush()
    except IntegrityError:  # the same device joined twice at once: the first one wins
        rollback()
        return _rejoin(workshop, _participant_of_device(workshop, key), token)
    audit.record(Actor(participant=participant), workshop, "participant.join",
                 target=f"participant:{participant.id}", status=participant.status)
    _publish_roster(workshop)
    commit({"participant": participant.id})
    return participant, token


def _participant_of_device(workshop: Workshop, key: str | None) -> Participant | None:
    if key is None:
        return None
    return db.session.scalar(sa.select(Participant).where(
        Participant.workshop_id == workshop.id, Participant.device_key == key))


def _rejoin(workshop: Workshop, participant: Participant, token: str) -> tuple[Participant, str]:
    """The device's participant, with a fresh token for this phone (a removed one stays out)."""
    if participant.status == "removed":
        raise NotAllowed("removed")
    participant.token_hash = token_hash(token)
    audit.record(Actor(participant=participant), workshop, "participant.rejoin",
                 target=f"participant:{participant.id}")
    commit({"participant": participant.id})
    return participant, token


def participant_for_token(workshop: Workshop, token: str | None) -> Participant | None:
    """The participant a phone's cookie belongs to, if still valid for this workshop."""
    if not token:
        return None
    stmt = sa.select(Participant).where(Participant.token_hash == token_hash(token))
    participant = db.session.scalar(stmt)
    if participant is None or participant.workshop_id != workshop.id:
        return None
    return participant


def invitee_for(workshop: Workshop, invite: str) -> Participant:
    """The roster entry a personal join link belongs to."""
    stmt = sa.select(Participant).where(Participant.invite_hash == token_hash(invite or ""))
    participant = db.session.scalar(stmt)
    if participant is None or participant.workshop_id != workshop.id:
        raise NotFound()
    if participant.status == "removed":
        raise NotAllowed("removed")
    return participant


def accept_invite(workshop: Workshop, invite: str) -> tuple[Participant, str]:
    """An invitee opens their personal link: admitted, with a fresh token for this phone."""
    if workshop.status == "closed":
        raise WorkshopError("closed")
    participant = invitee_for(workshop, invite)
    token = new_token()
    participant.token_hash = token_hash(token)
    participant.status = "admitted"
    participant.joined_at = participant.joined_at or utcnow()
    participant.left_at = None
    audit.record(Actor(participant=participant), workshop, "participant.accept_invite",
                 target=f"participant:{participant.id}")
    _publish_roster(workshop)
    commit({"participant": participant.id})
    return participant, token


def _publish_roster(workshop: Workshop) -> None:
    from workshop.joining.presence import presence_changed

    presence_changed(workshop.id)
