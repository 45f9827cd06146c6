"""The default programme: Isfahan 1405 with its phases and disciplines."""

from __future__ import annotations

import sqlalchemy as sa

from workshop.extensions import db
from workshop.models import Discipline, Program, ProgramPhase
from workshop.transaction import commit

PHASES = (
    ("recognition", "شناخت", "Recognition"),
    ("analysis", "تحلیل", "Analysis"),
    ("prescription", "تجویز", "Prescription"),
)

DISCIPLINES = (
    ("urban_economics", "اقتصاد شهری", "Urban economics"),
    ("transport", "حمل‌ونقل", "Transport"),
    ("environment", "محیط زیست", "Environment"),
    ("health", "سلامت", "Health"),
    ("startups", "استارتاپ‌ها و شرکت‌های دانش‌بنیان", "Startups and knowledge-based firms"),
    ("private_sector", "بخش خصوصی", "Private sector"),
    ("citizens", "شهروندان", "Citizens"),
    ("city_bodies", "نهادهای شهری", "City bodies"),
    ("municipality", "کارکنان شهرداری", "Municipality staff"),
    ("academia", "دانشگاه", "Academia"),
    ("other", "سایر", "Other"),
)


def seed_default_program() -> Program:
    """Create the Isfahan 1405 programme once; later calls return the existing one."""
    existing = db.session.scalar(sa.select(Program).order_by(Program.id))
    if existing is not None:
        return existing
    program = Program(name_fa="اصفهان ۱۴۰۵", name_en="Isfahan 1405")
    for position, (key, fa, en) in enumerate(PHASES):
        program.phases.append(ProgramPhase(key=key, name_fa=fa, name_en=en, position=position))
    for position, (key, fa, en) in enumerate(DISCIPLINES):
        program.disciplines.append(Discipline(key=key, name_fa=fa, name_en=en, position=position))
    db.session.add(program)
    commit()
    return program
