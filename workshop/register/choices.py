"""Select-box choices of the register forms, from the programme's own lists."""

from __future__ import annotations

import sqlalchemy as sa

from workshop.extensions import db
from workshop.forms import choice
from workshop.i18n import current_lang
from workshop.models import Program
from workshop.models.focus import ProgramTheme

from .structure import parts_of


def _named(rows, none: bool = True) -> list:
    lang = current_lang()
    out = [choice(0, "—")] if none else []
    return out + [choice(r.id, r.name(lang)) for r in rows]


def themes_of(program: Program) -> list[ProgramTheme]:
    """The programme's active themes in order."""
    return list(db.session.scalars(sa.select(ProgramTheme).where(
        ProgramTheme.program_id == program.id, ProgramTheme.active.is_(True))
        .order_by(ProgramTheme.position)))


def fill_item_form(form, program: Program):
    """Parts, themes and phases of this programme."""
    form.part_id.choices = _named(parts_of(program))
    form.theme_id.choices = _named(themes_of(program))
    form.phase_id.choices = _named(program.phases, none=False)
    return form


def fill_plan_form(form, program: Program):
    """Phases and parts for a workshop's place in the plan."""
    form.phase_id.choices = _named(program.phases, none=False)
    form.part_id.choices = _named(parts_of(program))
    return form


def status_choices() -> list:
    """The item statuses, in flow order."""
    from .labels import STATUS

    return [choice(k, str(v)) for k, v in STATUS.items()]
