"""The strategic level: goals, strategies answering focus points, outcome indicators."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.plan.conftest import actor
from workshop.errors import BadInput, NotAllowed, NotFound
from workshop.extensions import db
from workshop.models.plan import PlanIndicator, PlanStrategy, PlanStrategyItem, PlanValue
from workshop.plan import indicators, strategic
from workshop.transaction import rollback


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_planners_edit_others_read_nothing(app, plan):
    data = {"goal_id": plan.goal, "code": "S9", "name_fa": "راهبرد", "name_en": "Strategy"}
    with app.test_request_context():
        with pytest.raises(NotAllowed):
            strategic.add_strategy(actor(plan.reader), plan.program, data)
        with pytest.raises(NotFound):
            strategic.add_strategy(actor(plan.outsider), plan.program, data)
        rollback()
        assert _count(PlanStrategy) == 1
        strategic.add_strategy(actor(plan.planner), plan.program, data)
        assert _count(PlanStrategy) == 2


def test_a_strategy_answers_focus_points_of_its_own_programme_only(app, plan):
    with app.test_request_context(query_string={"lang": "fa"}):
        links = _count(PlanStrategyItem)
        with pytest.raises(BadInput) as refused:
            strategic.add_strategy(actor(plan.planner), plan.program, {
                "goal_id": plan.goal, "code": "S2", "name_fa": "راهبرد", "name_en": "Strategy",
                "item_ids": [plan.items[2], plan.other_items[0]]})
        assert refused.value.message == "این نقطهٔ تمرکز از فهرست برنامهٔ دیگری است."
        rollback()
        assert (_count(PlanStrategy), _count(PlanStrategyItem)) == (1, links)
        with pytest.raises(BadInput):
            strategic.link_item(actor(plan.planner), plan.program, plan.strategy,
                                plan.other_items[1])
        rollback()
        strategic.link_item(actor(plan.planner), plan.program, plan.strategy, plan.items[2])
        assert _count(PlanStrategyItem) == links + 1


def test_targets_outside_the_plan_years_are_refused_whole(app, plan):
    with app.test_request_context(query_string={"lang": "en"}):
        values = _count(PlanValue)
        with pytest.raises(BadInput) as refused:
            indicators.add_indicator(actor(plan.planner), plan.program, {
                "kind": "outcome", "goal_id": plan.goal, "code": "I9", "name_fa": "شاخص",
                "name_en": "Indicator", "unit": "%", "direction": "higher",
                "baseline_year": 1402, "baseline_value": 1,
                "targets": {1404: 2, 1411: 9}})
        assert refused.value.fields["field"] == "target_1411"
        assert "outside" in refused.value.message
        rollback()
        assert (_count(PlanIndicator), _count(PlanValue)) == (2, values)


def test_outcome_indicators_sit_on_goals_or_strategies(app, plan):
    with app.test_request_context():
        with pytest.raises(BadInput):
            indicators.add_indicator(actor(plan.planner), plan.program, {
                "kind": "outcome", "project_id": plan.project, "code": "I9", "name_fa": "x",
                "name_en": "x", "unit": "%", "direction": "higher", "baseline_year": 1402,
                "baseline_value": 1})
        rollback()
        assert _count(PlanIndicator) == 2


def test_plan_years_must_make_sense(app, plan):
    with app.test_request_context():
        for first, last in ((1405, 1404), ("abc", 1406), (1405, 1440)):
            with pytest.raises(BadInput):
                strategic.set_frame(actor(plan.planner), plan.program, first, last)
            rollback()
