"""Sources that are not workshops (citizens' requests, studies, other cities' plans), cited
by register items."""

from __future__ import annotations

import sqlalchemy as sa

from workshop import audit
from workshop.actors import Actor
from workshop.errors import BadInput, InvalidState
from workshop.extensions import db
from workshop.models import Program
from workshop.models.register import SOURCE_KINDS, ProgramSource, RegisterCitation
from workshop.text.normalize import validate_http_url, validate_text
from workshop.transaction import commit

from . import messages
from .access import require_planner
from .items import active_item
from .structure import owned


def source_fields(data: dict) -> dict:
    """Validated kind, title, citation, link and excerpt of a source."""
    if data.get("kind") not in SOURCE_KINDS or data.get("kind") == "citizen_comment":
        raise BadInput("invalid_value", field="kind")
    return {
        "kind": data["kind"],
        "title": validate_text(data.get("title"), field="title", max_len=200),
        "citation": validate_text(data.get("citation") or "", field="citation", max_len=1000,
                                  required=False, multiline=True),
        "url": validate_http_url(data.get("url") or "", field="url"),
        "excerpt": validate_text(data.get("excerpt") or "", field="excerpt", max_len=4000,
                                 required=False, multiline=True),
    }


def add_source(actor: Actor, program_id, data: dict) -> ProgramSource:
    """A planner records an input of the plan."""
    program = require_planner(actor, program_id)
    source = ProgramSource(program_id=program.id, by_user_id=actor.user.id,
                           **source_fields(data))
    db.session.add(source)
    db.session.flush()
    audit.record(actor, None, "register.source_add", target=f"source:{source.id}",
                 kind=source.kind)
    commit({"source": source.id})
    return source


def cite(actor: Actor, program_id, item_id, source_id, note="") -> RegisterCitation:
    """An item cites a source (once)."""
    program = require_planner(actor, program_id)
    item = active_item(program, item_id)
    source = owned(ProgramSource, program, source_id, "source")
    clean = validate_text(note or "", field="note", max_len=1000, required=False,
                          multiline=True)
    if db.session.scalar(sa.select(RegisterCitation.id).where(
            RegisterCitation.item_id == item.id, RegisterCitation.source_id == source.id)):
        raise InvalidState("conflict", messages.ALREADY_CITED, field="source")
    citation = RegisterCitation(item_id=item.id, source_id=source.id, note=clean,
                                by_user_id=actor.user.id)
    db.session.add(citation)
    db.session.flush()
    audit.record(actor, None, "register.cite", target=f"item:{item.id}", source=source.id)
    commit({"citation": citation.id})
    return citation


def uncite(actor: Actor, program_id, citation_id) -> None:
    """Remove a citation (the audit log keeps that it existed)."""
    program = require_planner(actor, program_id)
    citation = db.session.get(RegisterCitation, citation_id) \
        if type(citation_id) is int else None
    if citation is None:
        raise BadInput("invalid_value", field="citation")
    active_item(program, citation.item_id)
    audit.record(actor, None, "register.uncite", target=f"item:{citation.item_id}",
                 source=citation.source_id)
    db.session.delete(citation)
    commit()


def sources_of(program: Program) -> list[ProgramSource]:
    """The programme's sources, newest first."""
    return list(db.session.scalars(sa.select(ProgramSource).where(
        ProgramSource.program_id == program.id).order_by(ProgramSource.id.desc())))


def citations_of(item_id: int) -> list[RegisterCitation]:
    """The sources an item cites."""
    return list(db.session.scalars(sa.select(RegisterCitation).where(
        RegisterCitation.item_id == item_id).order_by(RegisterCitation.id)))
