"""Register items: create, edit, move along the phases, set aside, publish."""

from __future__ import annotations

from workshop import audit
from workshop.actors import Actor
from workshop.errors import BadInput, InvalidState
from workshop.extensions import db
from workshop.models import Program, ProgramPhase, utcnow
from workshop.models.focus import ProgramTheme
from workshop.models.register import RegisterItem
from workshop.text.normalize import validate_text
from workshop.transaction import commit

from . import messages, suggestions
from .access import require_planner
from .structure import optional_owned, owned

TITLE_MAX = 200
DESCRIPTION_MAX = 4000
FLOW = ("identified", "analysed", "prescribed")


def item_fields(program: Program, data: dict) -> dict:
    """Validated title, description, part, theme and phase of an item."""
    from workshop.models.register import ProgramPart

    part = optional_owned(ProgramPart, program, data.get("part_id"), "part")
    theme = optional_owned(ProgramTheme, program, data.get("theme_id"), "theme")
    phase = optional_owned(ProgramPhase, program, data.get("phase_id"), "phase")
    return {
        "title": validate_text(data.get("title"), field="title", max_len=TITLE_MAX),
        "description": validate_text(data.get("description") or "", field="description",
                                     max_len=DESCRIPTION_MAX, required=False, multiline=True),
        "part_id": part.id if part else None,
        "theme_id": theme.id if theme else None,
        "phase_id": phase.id if phase else None,
    }


def active_item(program: Program, item_id, field: str = "item") -> RegisterItem:
    """An item of this programme that has not been merged away."""
    item = owned(RegisterItem, program, item_id, field, messages.NO_ITEM)
    if item.state != "active":
        raise InvalidState("invalid_stage", messages.ITEM_MERGED, field=field)
    return item


def new_item(actor: Actor, program: Program, fields: dict) -> RegisterItem:
    """Add an item (no commit): the first phase unless one is given."""
    if fields.get("phase_id") is None:
        fields["phase_id"] = program.phases[0].id if program.phases else None
    item = RegisterItem(program_id=program.id, created_by_id=actor.user.id, **fields)
    db.session.add(item)
    db.session.flush()
    return item


def create_item(actor: Actor, program_id, data: dict) -> RegisterItem:
    """A planner adds an item by hand (e.g. from a source rather than a workshop)."""
    program = require_planner(actor, program_id)
    item = new_item(actor, program, item_fields(program, data))
    audit.record(actor, None, "register.item_create", target=f"item:{item.id}")
    suggestions.forget(program.id)
    commit({"item": item.id})
    return item


def update_item(actor: Actor, program_id, item_id, data: dict) -> RegisterItem:
    """A planner edits an item's text, part, theme and phase."""
    program = require_planner(actor, program_id)
    item = active_item(program, item_id)
    for name, value in item_fields(program, data).items():
        setattr(item, name, value)
    item.updated_at = utcnow()
    audit.record(actor, None, "register.item_update", target=f"item:{item.id}",
                 title=item.title)
    suggestions.forget(program.id)
    commit({"item": item.id})
    return item


def _check_move(item: RegisterItem, status: str, reason: str) -> None:
    if status == "set_aside":
        if not reason:
            raise BadInput("required", messages.REASON_NEEDED, field="reason")
        return
    if status not in FLOW:
        raise BadInput("invalid_value", field="status")
    if item.status == "set_aside":
        return  # brought back at any stage
    if abs(FLOW.index(status) - FLOW.index(item.status)) != 1:
        raise InvalidState("invalid_transition", messages.BAD_STATUS_MOVE, field="status")


def set_status(actor: Actor, program_id, item_id, status, reason="") -> RegisterItem:
    """Move an item one phase on (or back), or set it aside with a reason."""
    program = require_planner(actor, program_id)
    item = active_item(program, item_id)
    clean = validate_text(reason or "", field="reason", max_len=1000, required=False,
                          multiline=True)
    _check_move(item, status, clean)
    previous, item.status = item.status, status
    item.set_aside_reason = clean if status == "set_aside" else ""
    item.updated_at = utcnow()
    audit.record(actor, None, "register.item_status", target=f"item:{item.id}",
                 reason=clean, previous=previous, status=status)
    commit({"item": item.id, "status": status})
    return item


def set_published(actor: Actor, program_id, item_id, published) -> RegisterItem:
    """Publish an item on the citizens' page, or take it off."""
    program = require_planner(actor, program_id)
    item = active_item(program, item_id)
    if type(published) is not bool:
        raise BadInput("invalid_value", field="published")
    item.published = published
    audit.record(actor, None, "register.item_publish", target=f"item:{item.id}",
                 published=published)
    commit({"item": item.id, "published": published})
    return item
