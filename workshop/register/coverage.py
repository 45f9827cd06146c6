"""Disciplinary coverage: which disciplines must see each topic, who was heard on each item,
the gaps, and whom to invite to a planned workshop."""

from __future__ import annotations

import sqlalchemy as sa

from workshop import audit
from workshop.actors import Actor
from workshop.errors import BadInput
from workshop.extensions import db
from workshop.models import Discipline, Program, Workshop
from workshop.models.register import RegisterItem, RequiredDiscipline
from workshop.transaction import commit

from . import arith, provenance
from .access import require_planner, require_reader
from .structure import owned

# The defaults: most topics need these; every topic a startup and the private sector.
DEFAULT_REQUIRED = ("urban_economics", "transport", "environment", "health", "startups",
                    "private_sector")
PAGE = 40


def disciplines_of(program: Program) -> list[Discipline]:
    """The programme's active disciplines in order."""
    return [d for d in program.disciplines if d.active]


def required_of(program: Program) -> list[int]:
    """The disciplines that must see every topic (the defaults until planners choose)."""
    chosen = list(db.session.scalars(sa.select(RequiredDiscipline.discipline_id).where(
        RequiredDiscipline.program_id == program.id)))
    if chosen:
        return chosen
    return [d.id for d in program.disciplines if d.key in DEFAULT_REQUIRED]


def set_required(actor: Actor, program_id, discipline_ids) -> list[int]:
    """A planner states which disciplines must see each topic."""
    program = require_planner(actor, program_id)
    if not isinstance(discipline_ids, list) or not discipline_ids:
        raise BadInput("required", field="disciplines")
    chosen = [owned(Discipline, program, d, "disciplines").id for d in discipline_ids]
    db.session.execute(sa.delete(RequiredDiscipline).where(
        RequiredDiscipline.program_id == program.id))
    db.session.add_all(RequiredDiscipline(program_id=program.id, discipline_id=d)
                       for d in sorted(set(chosen)))
    audit.record(actor, None, "register.required", target=f"program:{program.id}",
                 disciplines=sorted(set(chosen)))
    commit({"required": sorted(set(chosen))})
    return sorted(set(chosen))


def _items(program: Program, part_id=None, page: int = 1) -> tuple[list[RegisterItem], int]:
    stmt = sa.select(RegisterItem).where(RegisterItem.program_id == program.id,
                                         RegisterItem.state == "active",
                                         RegisterItem.status != "set_aside")
    if part_id:
        stmt = stmt.where(RegisterItem.part_id == part_id)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery()))
    rows = db.session.scalars(stmt.order_by(RegisterItem.id).offset((page - 1) * PAGE)
                              .limit(PAGE))
    return list(rows), total


def matrix(actor: Actor, program_id, part_id=None, page: int = 1) -> dict:
    """Item × discipline stances for one page of items, with each item's gaps."""
    program = require_reader(actor, program_id)
    if type(page) is not int or page < 1:
        raise BadInput("invalid_value", field="page")
    items, total = _items(program, part_id, page)
    disciplines, required = disciplines_of(program), required_of(program)
    rows = provenance.stance_rows([i.id for i in items], [d.id for d in disciplines])
    return {"program": program, "items": items, "disciplines": disciplines,
            "required": required, "rows": rows, "total": total, "page": page,
            "pages": max(1, -(-total // PAGE)),
            "gaps": {i.id: arith.gaps(rows[i.id], required) for i in items}}


def invitees_for(actor: Actor, program_id, workshop_id) -> list[tuple[Discipline, int]]:
    """For a planned workshop: disciplines unheard on most items of its part, to invite."""
    program = require_reader(actor, program_id)
    workshop = owned(Workshop, program, workshop_id, "workshop")
    items, _total = _items(program, workshop.part_id, 1)
    disciplines = disciplines_of(program)
    rows = provenance.stance_rows([i.id for i in items], [d.id for d in disciplines],
                                  with_votes=False)
    by_id = {d.id: d for d in disciplines}
    ranked = arith.invitees(rows, required_of(program), list(by_id))
    return [(by_id[d], n) for d, n in ranked]
