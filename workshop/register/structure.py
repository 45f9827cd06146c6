"""A programme's structure: parts (tracks), planners, and each workshop's kind, phase and part."""

from __future__ import annotations

import re

import sqlalchemy as sa

from workshop import audit
from workshop.actors import Actor
from workshop.errors import BadInput, NotFound
from workshop.extensions import db
from workshop.models import Program, ProgramPhase, User, Workshop
from workshop.models.register import WORKSHOP_KINDS, ProgramMember, ProgramPart
from workshop.text.normalize import validate_text
from workshop.transaction import commit

from .access import require_planner

NAME_MAX = 120


def owned(model, program: Program, item_id, field: str, message=None):
    """A row of exactly this programme; another programme's looks absent."""
    row = db.session.get(model, item_id) if type(item_id) is int else None
    if row is None or row.program_id != program.id:
        raise NotFound("not_found", message, field=field)
    return row


def optional_owned(model, program: Program, item_id, field: str):
    """Like owned, but None/empty means "none"."""
    return None if item_id in (None, "", 0) else owned(model, program, item_id, field)


def _key(program: Program, name_en: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", name_en.lower()).strip("_")[:32] or "part"
    taken = set(db.session.scalars(sa.select(ProgramPart.key).where(
        ProgramPart.program_id == program.id)))
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def add_part(actor: Actor, program_id, data: dict) -> ProgramPart:
    """A planner adds a part (track) of the plan."""
    program = require_planner(actor, program_id)
    names = {f: validate_text(data.get(f), field=f, max_len=NAME_MAX)
             for f in ("name_fa", "name_en")}
    count = db.session.scalar(sa.select(sa.func.count(ProgramPart.id)).where(
        ProgramPart.program_id == program.id))
    part = ProgramPart(program_id=program.id, key=_key(program, names["name_en"]),
                       position=count, **names)
    db.session.add(part)
    db.session.flush()
    audit.record(actor, None, "register.part_add", target=f"part:{part.id}", **names)
    commit({"part": part.id})
    return part


def parts_of(program: Program) -> list[ProgramPart]:
    """The programme's parts in their order."""
    return list(db.session.scalars(sa.select(ProgramPart).where(
        ProgramPart.program_id == program.id).order_by(ProgramPart.position, ProgramPart.id)))


def set_planner(actor: Actor, program_id, email, planner: bool) -> None:
    """A planner (or admin) makes a staff account a planner of the programme, or not."""
    program = require_planner(actor, program_id)
    clean = validate_text(email, field="email", max_len=254).lower()
    user = db.session.scalar(sa.select(User).where(sa.func.lower(User.email) == clean))
    if user is None:
        raise BadInput("invalid_value", field="email")
    row = db.session.scalar(sa.select(ProgramMember).where(
        ProgramMember.program_id == program.id, ProgramMember.user_id == user.id,
        ProgramMember.role == "planner"))
    if planner and row is None:
        db.session.add(ProgramMember(program_id=program.id, user_id=user.id, role="planner"))
    elif not planner and row is not None:
        db.session.delete(row)
    audit.record(actor, None, "register.planner", target=f"user:{user.id}", planner=planner)
    commit()


def planners_of(program: Program) -> list[User]:
    """The programme's planners (admins plan every programme without a row)."""
    return list(db.session.scalars(sa.select(User).join(
        ProgramMember, ProgramMember.user_id == User.id).where(
        ProgramMember.program_id == program.id, ProgramMember.role == "planner")
        .order_by(User.email)))


def set_workshop_plan(actor: Actor, program_id, workshop_id, data: dict) -> Workshop:
    """A planner places a workshop in the plan: its kind, phase and part."""
    program = require_planner(actor, program_id)
    workshop = owned(Workshop, program, workshop_id, "workshop")
    if data.get("kind") not in WORKSHOP_KINDS:
        raise BadInput("invalid_value", field="kind")
    phase = owned(ProgramPhase, program, data.get("phase_id"), "phase")
    part = optional_owned(ProgramPart, program, data.get("part_id"), "part")
    workshop.kind, workshop.phase_id = data["kind"], phase.id
    workshop.part_id = part.id if part else None
    audit.record(actor, workshop, "register.workshop_plan", target=f"workshop:{workshop.id}",
                 kind=workshop.kind, phase=phase.id, part=workshop.part_id)
    commit({"workshop": workshop.id})
    return workshop


def workshops_of(program: Program) -> list[Workshop]:
    """The programme's workshops by phase and date."""
    return list(db.session.scalars(sa.select(Workshop).join(ProgramPhase).where(
        Workshop.program_id == program.id).order_by(
        ProgramPhase.position, Workshop.scheduled_at, Workshop.id)))
