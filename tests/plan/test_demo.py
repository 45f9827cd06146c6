"""The demonstration programme gains a plan of the promised size, with 3 years of actuals."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from workshop.extensions import db
from workshop.models import Program
from workshop.models.plan import PlanGoal, PlanIndicator, PlanProject, PlanStrategy, PlanValue
from workshop.plan import fields, outputs, snapshot
from workshop.plan.seed import build_plan
from workshop.register.seed import Shape, build_programme


def _count(model, *where) -> int:
    return db.session.scalar(sa.select(sa.func.count(model.id)).where(*where))


def test_demo_plan(app):
    with app.test_request_context():
        program_id = build_programme(Shape(workshops_per_phase=1, points=8))
        build_plan(program_id)
        counts = [_count(m, m.program_id == program_id)
                  for m in (PlanGoal, PlanStrategy, PlanProject, PlanIndicator)]
        assert counts == [5, 20, 80, 300]
        closed = fields.jalali_year(date.today()) - 1
        outcome_years = set(db.session.scalars(sa.select(PlanValue.year).join(
            PlanIndicator).where(PlanValue.kind == "actual",
                                 PlanIndicator.kind == "outcome").distinct()))
        assert outcome_years == {closed - 2, closed - 1, closed}
        plan = snapshot.load(db.session.get(Program, program_id), "fa")
        assert {p["status"].level for p in plan["projects"]} == {"on_track", "at_risk",
                                                                  "off_track"}
        assert _count(PlanProject, PlanProject.parent_id.is_not(None)) > 0
        loose = outputs.orphans(plan, outputs._items(db.session.get(Program, program_id)))
        assert not loose["strategies"]
        assert not loose["no_output"]
        assert loose["no_budget"]  # the demo leaves a few loose ends for the checks to show
        assert loose["no_value"]
