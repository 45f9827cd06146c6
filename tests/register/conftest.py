"""A programme with planners, workshops and points for register tests."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from workshop.actors import Actor
from workshop.extensions import db
from workshop.models import Program, User, Workshop
from workshop.models.focus import FocusPoint
from workshop.models.register import ProgramMember


def actor(user_id: int) -> Actor:
    return Actor(user=db.session.get(User, user_id))


def add_points(workshop_id: int, titles) -> list[int]:
    """Points straight into a workshop (proposing is tested in tests/focus)."""
    points = [FocusPoint(workshop_id=workshop_id, title=t, position=i)
              for i, t in enumerate(titles)]
    db.session.add_all(points)
    db.session.commit()
    return [p.id for p in points]


def close(workshop_id: int) -> None:
    workshop = db.session.get(Workshop, workshop_id)
    workshop.status, workshop.stage = "closed", "closed"
    db.session.commit()


def second_programme() -> int:
    from workshop.register.seed import _program

    program = _program("برنامهٔ دیگر", "Other programme")
    db.session.commit()
    return program.id


@pytest.fixture
def reg(app, make_user, make_workshop):
    """Programme 1 with a planner, a facilitator's closed workshop with points, an outsider."""
    planner, fac, outsider = make_user("facilitator"), make_user("facilitator"), \
        make_user("facilitator")
    w1 = make_workshop(fac)
    w2 = make_workshop(fac, title="کارگاه دوم")
    with app.app_context():
        program_id = db.session.scalar(sa.select(Program.id).order_by(Program.id))
        db.session.add(ProgramMember(program_id=program_id, user_id=planner, role="planner"))
        db.session.commit()
        points = add_points(w1["id"], ["بهبود حمل‌ونقل عمومی در محله‌ها",
                                       "کاهش آلودگی هوای شهر", "احیای زاینده‌رود",
                                       "توسعهٔ پیاده‌راه‌های مرکز شهر"])
        close(w1["id"])
    return SimpleNamespace(program=program_id, planner=planner, fac=fac, outsider=outsider,
                           w1=w1, w2=w2, points=points)
