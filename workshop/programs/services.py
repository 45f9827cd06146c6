"""Editing a programme's disciplines (add, rename, reorder, deactivate) and phase names."""

from __future__ import annotations

import re

import sqlalchemy as sa

from workshop import audit
from workshop.actors import Actor
from workshop.errors import BadInput, NotAllowed, NotFound
from workshop.extensions import db
from workshop.models import Discipline, Program, ProgramPhase
from workshop.text.normalize import compact_key, validate_text
from workshop.transaction import commit

NAME_MAX = 120
EDITORS = ("admin", "facilitator")


def require_editor(actor: Actor) -> None:
    """Admins and facilitators shape the programme; secretaries and phones do not."""
    if actor.user is None or not actor.user.active or actor.user.role not in EDITORS:
        raise NotAllowed()


def all_programs() -> list[Program]:
    """Every programme, oldest first."""
    return list(db.session.scalars(sa.select(Program).order_by(Program.id)))


def get_program(program_id) -> Program:
    """A programme by id, or not_found."""
    program = db.session.get(Program, program_id) if type(program_id) is int else None
    if program is None:
        raise NotFound()
    return program


def _owned(model, program: Program, item_id):
    """A phase or discipline of exactly this programme (another programme's looks absent)."""
    item = db.session.get(model, item_id) if type(item_id) is int else None
    if item is None or item.program_id != program.id:
        raise NotFound()
    return item


def _names(data: dict) -> dict:
    return {
        "name_fa": validate_text(data.get("name_fa"), field="name_fa", max_len=NAME_MAX),
        "name_en": validate_text(data.get("name_en"), field="name_en", max_len=NAME_MAX),
    }


def _new_key(program: Program, name_en: str) -> str:
    """A stable ASCII key from the English name, unique within the programme."""
    base = re.sub(r"[^a-z0-9]+", "_", name_en.lower()).strip("_")[:32] or "discipline"
    taken = {d.key for d in program.disciplines}
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def _refuse_duplicate(program: Program, names: dict, except_id: int | None = None) -> None:
    for other in program.disciplines:
        if other.id == except_id:
            continue
        for field in ("name_fa", "name_en"):
            if compact_key(other.__dict__[field]) == compact_key(names[field]):  # ي = ی
                raise BadInput("invalid_value", field=field)


def add_discipline(actor: Actor, program_id, data: dict) -> Discipline:
    """Add a discipline at the end of the list; every join form offers it at once."""
    require_editor(actor)
    program = get_program(program_id)
    names = _names(data)
    _refuse_duplicate(program, names)
    position = max((d.position for d in program.disciplines), default=-1) + 1
    discipline = Discipline(key=_new_key(program, names["name_en"]), position=position, **names)
    program.disciplines.append(discipline)
    db.session.flush()
    audit.record(actor, None, "discipline.add", target=f"discipline:{discipline.id}", **names)
    commit()
    return discipline


def rename_discipline(actor: Actor, program_id, discipline_id, data: dict) -> Discipline:
    """Change a discipline's Persian and English names (its key and counts stay)."""
    require_editor(actor)
    program = get_program(program_id)
    discipline = _owned(Discipline, program, discipline_id)
    names = _names(data)
    _refuse_duplicate(program, names, except_id=discipline.id)
    discipline.name_fa, discipline.name_en = names["name_fa"], names["name_en"]
    audit.record(actor, None, "discipline.rename", target=f"discipline:{discipline.id}", **names)
    commit()
    return discipline


def move_discipline(actor: Actor, program_id, discipline_id, direction: str) -> None:
    """Swap a discipline with its neighbour above ("up") or below ("down")."""
    require_editor(actor)
    program = get_program(program_id)
    discipline = _owned(Discipline, program, discipline_id)
    if direction not in ("up", "down"):
        raise BadInput("invalid_value", field="direction")
    ordered = sorted(program.disciplines, key=lambda d: (d.position, d.id))
    index = ordered.index(discipline)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(ordered):
        ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, item in enumerate(ordered):
        item.position = position
    audit.record(actor, None, "discipline.move", target=f"discipline:{discipline.id}",
                 direction=direction)
    commit()


def set_discipline_active(actor: Actor, program_id, discipline_id, active: bool) -> None:
    """Hide a discipline from join forms (people who chose it keep it), or bring it back."""
    require_editor(actor)
    program = get_program(program_id)
    discipline = _owned(Discipline, program, discipline_id)
    if type(active) is not bool:
        raise BadInput("invalid_value", field="active")
    if active is False and sum(d.active for d in program.disciplines) <= 1 and discipline.active:
        raise BadInput("invalid_value", field="active")  # a join form needs one choice
    discipline.active = active
    audit.record(actor, None, "discipline.active", target=f"discipline:{discipline.id}",
                 active=active)
    commit()


def rename_phase(actor: Actor, program_id, phase_id, data: dict) -> ProgramPhase:
    """Change a phase's Persian and English names (its key stays for reports)."""
    require_editor(actor)
    program = get_program(program_id)
    phase = _owned(ProgramPhase, program, phase_id)
    names = _names(data)
    phase.name_fa, phase.name_en = names["name_fa"], names["name_en"]
    audit.record(actor, None, "phase.rename", target=f"phase:{phase.id}", **names)
    commit()
    return phase
