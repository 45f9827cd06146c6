"""Who may edit or read a programme's register: planners edit; its workshops' staff read."""

from __future__ import annotations

import sqlalchemy as sa

from workshop.actors import Actor
from workshop.errors import NotAllowed, NotFound
from workshop.extensions import db
from workshop.models import Program, Workshop, WorkshopStaff
from workshop.models.register import ProgramMember


def get_program(program_id) -> Program:
    """A programme by id, or not_found (ids from clients are untrusted)."""
    program = db.session.get(Program, program_id) if type(program_id) is int else None
    if program is None:
        raise NotFound()
    return program


def is_planner(actor: Actor, program: Program) -> bool:
    """Admins and the programme's planners edit its register."""
    user = actor.user
    if user is None or not user.active:
        return False
    if user.is_admin:
        return True
    return db.session.scalar(sa.select(ProgramMember.id).where(
        ProgramMember.program_id == program.id, ProgramMember.user_id == user.id,
        ProgramMember.role == "planner")) is not None


def is_reader(actor: Actor, program: Program) -> bool:
    """Planners, observers, and facilitators or secretaries of any of its workshops read it."""
    user = actor.user
    if user is None or not user.active:
        return False
    if is_planner(actor, program):
        return True
    member = sa.select(ProgramMember.id).where(
        ProgramMember.program_id == program.id, ProgramMember.user_id == user.id)
    staff = sa.select(WorkshopStaff.id).join(Workshop).where(
        Workshop.program_id == program.id, WorkshopStaff.user_id == user.id)
    return db.session.scalar(member.union_all(staff).limit(1)) is not None


def require_planner(actor: Actor, program_id) -> Program:
    """The programme, if the actor plans it; readers are refused, outsiders see not_found."""
    program = get_program(program_id)
    if is_planner(actor, program):
        return program
    raise NotAllowed() if is_reader(actor, program) else NotFound()


def require_reader(actor: Actor, program_id) -> Program:
    """The programme, if the actor may read its register; others learn nothing about it."""
    program = get_program(program_id)
    if is_reader(actor, program):
        return program
    raise NotFound()


def programs_for(actor: Actor) -> list[Program]:
    """The programmes whose register this staff member may read."""
    every = db.session.scalars(sa.select(Program).order_by(Program.id))
    return [p for p in every if is_reader(actor, p)]
