"""The programme's themes: default set for an urban strategic plan, seeded per programme."""

from __future__ import annotations

import sqlalchemy as sa

from workshop.extensions import db
from workshop.models import Program
from workshop.models.focus import ProgramTheme

# Every new programme starts with these (editable later); keys are stable identifiers.
DEFAULT_THEMES = (
    ("economy", "اقتصاد و اشتغال", "Economy and jobs"),
    ("mobility", "حمل‌ونقل و دسترسی", "Mobility and access"),
    ("environment", "محیط زیست و تاب‌آوری", "Environment and resilience"),
    ("water", "آب و منابع طبیعی", "Water and natural resources"),
    ("housing", "مسکن و بافت فرسوده", "Housing and worn-out fabric"),
    ("heritage", "میراث فرهنگی و گردشگری", "Cultural heritage and tourism"),
    ("public_space", "فضای عمومی و منظر شهری", "Public space and townscape"),
    ("social", "عدالت اجتماعی و کیفیت زندگی", "Social equity and quality of life"),
    ("health", "سلامت و خدمات عمومی", "Health and public services"),
    ("governance", "حکمروایی و مشارکت", "Governance and participation"),
    ("innovation", "شهر هوشمند و نوآوری", "Smart city and innovation"),
)


def default_rows(program_id: int) -> list[dict]:
    """The default themes as insertable rows for one programme."""
    return [
        {"program_id": program_id, "key": key, "name_fa": fa, "name_en": en,
         "position": position, "active": True}
        for position, (key, fa, en) in enumerate(DEFAULT_THEMES)
    ]


@sa.event.listens_for(Program, "after_insert")
def _seed_new_program(mapper, connection, program) -> None:
    """A new programme gets the default themes in the same transaction."""
    connection.execute(sa.insert(ProgramTheme.__table__), default_rows(program.id))


def themes_for(program_id: int) -> list[ProgramTheme]:
    """The active themes of a programme, in display order."""
    stmt = (sa.select(ProgramTheme)
            .where(ProgramTheme.program_id == program_id, ProgramTheme.active.is_(True))
            .order_by(ProgramTheme.position, ProgramTheme.id))
    return list(db.session.scalars(stmt))


def theme_row(theme: ProgramTheme) -> dict:
    """A theme as clients see it."""
    return {"id": theme.id, "key": theme.key, "name_fa": theme.name_fa,
            "name_en": theme.name_en}
