"""Moving a live workshop through its stages, with optional countdowns."""

from __future__ import annotations

from datetime import timedelta

from flask_babel import lazy_gettext as _l

from workshop import audit
from workshop.actors import Actor
from workshop.errors import BadInput, InvalidState
from workshop.extensions import db
from workshop.models import STAGES, StageChange, Workshop, utcnow
from workshop.permissions import require_facilitator
from workshop.realtime.publish import publish
from workshop.text.normalize import validate_int
from workshop.transaction import commit
from workshop.workshops.services import get_workshop

MAX_COUNTDOWN_SECONDS = 4 * 60 * 60
# Stage names for server-rendered pages (the live pages' JavaScript has its own copy).
STAGE_LABELS = {
    "lobby": _l("Lobby"), "propose": _l("Propose"), "discuss": _l("Discuss"),
    "vote": _l("Vote"), "results": _l("Results"), "closed": _l("Closed"),
}


def allowed_moves(stage: str) -> list[str]:
    """A stage may move one step forward or one step back."""
    index = STAGES.index(stage)
    return [STAGES[i] for i in (index - 1, index + 1) if 0 <= i < len(STAGES)]


def _countdown(seconds) -> int | None:
    if seconds in (None, "", 0):
        return None
    return validate_int(seconds, field="countdown", min_value=1, max_value=MAX_COUNTDOWN_SECONDS)


def stage_payload(workshop: Workshop) -> dict:
    """What every screen needs to follow a stage change."""
    return {
        "stage": workshop.stage,
        "status": workshop.status,
        "stage_started_at": _iso(workshop.stage_started_at),
        "stage_deadline": _iso(workshop.stage_deadline),
    }


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def move_stage(actor: Actor, workshop_id, to_stage, countdown=None) -> dict:
    """The facilitator moves the workshop to an adjacent stage; every screen follows."""
    workshop = get_workshop(workshop_id)
    require_facilitator(actor, workshop)
    if not isinstance(to_stage, str) or to_stage not in STAGES:
        raise BadInput("invalid_transition", field="stage")
    if to_stage not in allowed_moves(workshop.stage):
        raise InvalidState("invalid_transition", field="stage")
    seconds = _countdown(countdown)
    now = utcnow()
    previous = workshop.stage
    workshop.stage, workshop.stage_started_at = to_stage, now
    workshop.stage_deadline = now + timedelta(seconds=seconds) if seconds else None
    workshop.status = "closed" if to_stage == "closed" else "live"
    db.session.add(StageChange(workshop_id=workshop.id, from_stage=previous, to_stage=to_stage,
                       at=now, by_user_id=actor.user.id))
    audit.record(actor, workshop, "stage.move", target=to_stage, previous=previous,
                 countdown=seconds)
    publish(workshop, "stage_changed", stage_payload(workshop))
    return commit(stage_payload(workshop))


def set_countdown(actor: Actor, workshop_id, seconds) -> dict:
    """The facilitator starts, changes or clears the current stage's countdown."""
    workshop = get_workshop(workshop_id)
    require_facilitator(actor, workshop)
    if workshop.stage == "closed":
        raise InvalidState("closed")
    seconds = _countdown(seconds)
    workshop.stage_deadline = utcnow() + timedelta(seconds=seconds) if seconds else None
    audit.record(actor, workshop, "stage.countdown", target=workshop.stage, countdown=seconds)
    publish(workshop, "stage_changed", stage_payload(workshop))
    return commit(stage_payload(workshop))

