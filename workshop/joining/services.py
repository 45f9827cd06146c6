"""Joining a workshop, restoring a phone's place, and the facilitator's roster."""

from __future__ import annotations

import sqlalchemy as sa

from workshop import audit
from workshop.actors import Actor
from workshop.errors import BadInput, NotAllowed, NotFound, WorkshopError
from workshop.extensions import db
from workshop.models import Discipline, Participant, Workshop, utcnow
from workshop.ratelimit import failed_joins
from workshop.text.normalize import validate_text
from workshop.transaction import commit
from workshop.workshops.codes import new_token, normalise_join_code, token_hash
from workshop.workshops.services import find_by_join_code

NAME_MAX, ORG_MAX = 80, 120


def workshop_for_code(code: str, ip: str, limit: int) -> Workshop:
    """Look up a typed join code; wrong guesses from one address are rate-limited."""
    failed_joins.check(ip, limit)
    workshop = find_by_join_code(normalise_join_code(code))
    if workshop is None:
        failed_joins.hit(ip)
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


def join(workshop: Workshop, data: dict) -> tuple[Participant, str]:
    """A phone joins: a new participant (pending in roster mode) and its secret token."""
    if workshop.status == "closed":
        raise WorkshopError("closed")
    token = new_token()
    participant = Participant(
        workshop_id=workshop.id,
        **_profile(workshop, data),
        status="pending" if workshop.roster_mode else "admitted",
        token_hash=token_hash(token),
        joined_at=utcnow(),
    )
    db.session.add(participant)
    db.session.flush()
    audit.record(Actor(participant=participant), workshop, "participant.join",
                 target=f"participant:{participant.id}", status=participant.status)
    _publish_roster(workshop)
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
