"""A programme with a small plan built through the services, and its people."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from workshop.actors import Actor
from workshop.extensions import db
from workshop.models import User
from workshop.models.register import ProgramMember, RegisterItem

TODAY = date(2026, 11, 28)  # 1405/09/07: the last closed year is 1404


def actor(user_id: int) -> Actor:
    return Actor(user=db.session.get(User, user_id))


def _programme(name: str) -> tuple[int, list[int]]:
    from workshop.register.seed import _program

    program = _program(name, name)
    items = [RegisterItem(program_id=program.id, title=t) for t in
             ("کاهش آلودگی هوا", "توسعهٔ مترو", "احیای زاینده‌رود")]
    db.session.add_all(items)
    db.session.commit()
    return program.id, [i.id for i in items]


def build(planner: int, program: int, items: list[int]) -> SimpleNamespace:
    """A frame 1403–1407, a goal, a strategy, a unit, an operational plan 1404–1405, a project
    with a sub-project, and an outcome and an output indicator."""
    from workshop.models.register import ProgramPart
    from workshop.plan import indicators, operational, strategic

    a = actor(planner)
    strategic.set_frame(a, program, "۱۴۰۳", 1407)
    part = db.session.scalar(sa.select(ProgramPart.id).where(ProgramPart.program_id == program))
    goal = strategic.add_goal(a, program, {"part_id": part, "code": "G1", "name_fa": "هوای پاک",
                                           "name_en": "Clean air"}).id
    strategy = strategic.add_strategy(a, program, {
        "goal_id": goal, "code": "S1", "name_fa": "حمل‌ونقل پاک", "name_en": "Clean transport",
        "item_ids": items[:2]}).id
    unit = operational.add_unit(a, program, {"kind": "district", "key": "d1",
                                             "name_fa": "منطقهٔ ۱", "name_en": "District 1"}).id
    op = operational.add_operational(a, program, {"first_year": 1404, "name_fa": "عملیاتی",
                                                  "name_en": "Operational"}).id
    project = operational.add_project(a, program, {
        "operational_id": op, "strategy_id": strategy, "unit_id": unit, "code": "P1",
        "name_fa": "خط ۲ مترو", "name_en": "Metro line 2", "starts_on": "1404/01/01",
        "ends_on": "1405/12/29", "budgets": {"1404": "۱۲۰۰۰۰۰۰۰۰", "1405": 800_000_000}}).id
    outcome = indicators.add_indicator(a, program, {
        "kind": "outcome", "strategy_id": strategy, "code": "I1", "name_fa": "روزهای هوای ناسالم",
        "name_en": "Unhealthy air days", "unit": "day", "direction": "lower",
        "baseline_year": 1402, "baseline_value": 90, "targets": {1403: 85, 1404: 80,
                                                                 1405: 70}}).id
    output = indicators.add_indicator(a, program, {
        "kind": "output", "project_id": project, "code": "I2", "name_fa": "طول خط",
        "name_en": "Line length", "unit": "km", "direction": "higher", "baseline_year": 1403,
        "baseline_value": 0, "targets": {1404: 5, 1405: 12}}).id
    return SimpleNamespace(goal=goal, strategy=strategy, unit=unit, op=op, project=project,
                           outcome=outcome, output=output, part=part)


@pytest.fixture
def plan(app, make_user):
    """Programme A with a plan; programme B with its own register; planner, reader, outsider."""
    planner, reader, outsider = (make_user("facilitator") for _ in range(3))
    with app.test_request_context():
        program, items = _programme("برنامهٔ الف")
        other, other_items = _programme("برنامهٔ ب")
        db.session.add_all([ProgramMember(program_id=program, user_id=planner, role="planner"),
                            ProgramMember(program_id=program, user_id=reader,
                                          role="observer")])
        db.session.commit()
        built = build(planner, program, items)
    return SimpleNamespace(program=program, items=items, other=other, other_items=other_items,
                           planner=planner, reader=reader, outsider=outsider, **vars(built))
