"""The operational level: projects, budgets, sub-projects, roll-up and status rules."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from tests.plan.conftest import TODAY, actor
from workshop.errors import BadInput, NotAllowed, WorkshopError
from workshop.extensions import db
from workshop.models import Program
from workshop.models.plan import PlanBudget, PlanProject
from workshop.plan import operational, rules, snapshot
from workshop.transaction import rollback


def _project(plan, **extra) -> dict:
    return {"operational_id": plan.op, "strategy_id": plan.strategy, "unit_id": plan.unit,
            "code": "P2", "name_fa": "پروژه", "name_en": "Project", "starts_on": "1404/02/01",
            "ends_on": "1404/10/01", **extra}


def _counts() -> tuple[int, int]:
    return (db.session.scalar(sa.select(sa.func.count(PlanProject.id))),
            db.session.scalar(sa.select(sa.func.count(PlanBudget.id))))


@pytest.mark.parametrize("bad", [
    {"budgets": {"1404": "-5"}},               # negative budget
    {"budgets": {"1406": "5"}},                # a year outside the operational plan
    {"starts_on": "1403/12/01"},               # starts before the plan
    {"ends_on": "1404/01/15"},                 # ends before it starts
    {"unit_id": 999}, {"weight": "0"}, {"code": "bad code!"}])
def test_bad_projects_leave_nothing(app, plan, bad):
    with app.test_request_context():
        before = _counts()
        with pytest.raises(WorkshopError):  # BadInput, or not_found for another's unit
            operational.add_project(actor(plan.planner), plan.program, _project(plan, **bad))
        rollback()
        assert _counts() == before


def test_negative_budget_message_is_localised(app, plan):
    with app.test_request_context(headers={"Cookie": "lang=fa"}, query_string={"lang": "fa"}):
        with pytest.raises(BadInput) as refused:
            operational.set_budget(actor(plan.planner), plan.program, plan.project, 1404,
                                   "۱۰۰", "-۱")
        assert refused.value.message == "بودجه نمی‌تواند منفی باشد."
        rollback()
        with pytest.raises(NotAllowed):
            operational.set_budget(actor(plan.reader), plan.program, plan.project, 1404, 1, 0)


def test_sub_projects_roll_up_by_weight(app, plan):
    with app.test_request_context():
        a = actor(plan.planner)
        light = operational.add_project(a, plan.program, _project(plan, parent_id=plan.project))
        heavy = operational.add_project(a, plan.program, _project(
            plan, parent_id=plan.project, code="P3", weight="3"))
        operational.set_progress(a, plan.program, light.id, 80)
        operational.set_progress(a, plan.program, heavy.id, "۴۰")
        operational.set_progress(a, plan.program, plan.project, 5)  # a parent's own is ignored
        data = snapshot.load(db.session.get(Program, plan.program), "en", TODAY)
        parent = next(p for p in data["projects"] if p["id"] == plan.project)
        assert parent["progress"] == pytest.approx((80 * 1 + 40 * 3) / 4)
        assert data["strategies"][0]["progress"] == pytest.approx(50)
        assert data["goals"][0]["progress"] == pytest.approx(50)


def test_sub_project_must_share_its_parents_plan(app, plan):
    with app.test_request_context():
        other = operational.add_operational(actor(plan.planner), plan.program, {
            "first_year": 1406, "name_fa": "دوم", "name_en": "Second"})
        with pytest.raises(BadInput):
            operational.add_project(actor(plan.planner), plan.program, _project(
                plan, operational_id=other.id, parent_id=plan.project,
                starts_on="1406/01/01", ends_on="1406/05/01"))


def test_status_rule_compares_progress_with_time_and_budget():
    class S:
        def __init__(self, key, gap):
            self.key, self.max_gap = key, gap

    rows = [S("on", 10.0), S("risk", 25.0), S("off", None)]
    time = rules.time_share(date(2025, 3, 21), date(2026, 3, 20), date(2025, 9, 21))
    assert time == pytest.approx(0.506, abs=0.01)
    assert rules.status_for(rules.project_gap(45, time, 0.2), rows).key == "on"
    assert rules.status_for(rules.project_gap(45, time, 0.7), rows).key == "risk"  # spent ahead
    assert rules.status_for(rules.project_gap(10, time, 0.1), rows).key == "off"
    assert rules.achievement(90, 70, 80, "lower") == pytest.approx(0.5)
    assert rules.achievement(0, 10, 12, "higher") == 1.0
    assert rules.status_for(None, rows) is None


def test_project_status_in_the_snapshot(app, plan):
    with app.test_request_context():
        operational.set_budget(actor(plan.planner), plan.program, plan.project, 1404,
                               1_200_000_000, 1_200_000_000)
        operational.set_progress(actor(plan.planner), plan.program, plan.project, 20)
        data = snapshot.load(db.session.get(Program, plan.program), "en", TODAY)
        project = data["projects"][0]
        assert project["budget"] == pytest.approx(0.6)  # 1.2 of 2.0 billion spent
        assert project["status"].level == "off_track"  # 60% expected, 20% done
