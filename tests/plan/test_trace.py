"""Traceability: the loose-end checks and one focus point's chain back to its workshops."""

from __future__ import annotations

import pytest

from tests.plan.conftest import TODAY, actor
from workshop.errors import BadInput
from workshop.plan import operational, outputs, values
from workshop.transaction import rollback


def _loose(plan) -> dict:
    data = outputs.traceability(actor(plan.reader), plan.program)
    return {key: [getattr(r, "id", None) or r["code"] for r in rows]
            for key, rows in data["orphans"].items()}


def test_loose_ends_are_flagged_until_they_are_tied(app, plan, monkeypatch):
    monkeypatch.setattr("workshop.plan.snapshot.current_day", lambda: TODAY)  # 1404 is closed
    with app.test_request_context():
        assert _loose(plan) == {"items": [plan.items[2]], "strategies": [], "no_budget": [],
                                "no_output": [], "no_value": ["I1", "I2"]}
        a = actor(plan.planner)
        values.set_value(a, plan.program, plan.outcome, "actual", {"year": 1404, "value": 83})
        values.set_value(a, plan.program, plan.output, "actual", {"year": 1404, "value": 4})
        bare = operational.add_project(a, plan.program, {
            "operational_id": plan.op, "strategy_id": plan.strategy, "unit_id": plan.unit,
            "code": "P9", "name_fa": "بی‌بودجه", "name_en": "No budget",
            "starts_on": "1404/01/01", "ends_on": "1404/06/01"})
        assert _loose(plan) == {"items": [plan.items[2]], "strategies": [],
                                "no_budget": ["P9"], "no_output": ["P9"], "no_value": []}
        assert bare.id


def test_one_focus_point_forward_and_back(app, plan):
    with app.test_request_context():
        data = outputs.trace_item(actor(plan.reader), plan.program, plan.items[0])
        assert [s["code"] for s in data["strategies"]] == ["S1"]
        assert [p["code"] for p in data["strategies"][0]["projects"]] == ["P1"]
        assert [i["code"] for i in data["by_owner"][("project", plan.project)]] == ["I2"]
        assert data["workshops"] == []  # no workshop point linked yet: nothing invented


def test_operational_plans_stay_inside_the_plan_years(app, plan):
    with app.test_request_context():
        for first in (1407, 1402, "x"):
            with pytest.raises(BadInput):
                operational.add_operational(actor(plan.planner), plan.program, {
                    "first_year": first, "name_fa": "ب", "name_en": "B"})
            rollback()
