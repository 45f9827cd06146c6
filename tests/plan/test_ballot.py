"""Prioritising in workshops: strategies and projects on a ballot, results read back."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.plan.conftest import actor
from tests.register.test_provenance import _people, _round
from workshop.errors import InvalidState, NotAllowed, WorkshopError
from workshop.extensions import db
from workshop.models import Program, ProgramPhase, Workshop
from workshop.models.focus import FocusPoint
from workshop.models.plan import PlanBallotLink
from workshop.plan import ballot, outputs
from workshop.transaction import rollback


@pytest.fixture
def meeting(app, plan, make_workshop):
    with app.app_context():
        phase = db.session.scalar(sa.select(ProgramPhase.id).where(
            ProgramPhase.program_id == plan.program))
    return make_workshop(title="جلسهٔ خبرگان", program_id=plan.program, phase_id=phase)


def test_strategies_and_projects_are_voted_on_and_results_come_back(app, plan, meeting):
    with app.test_request_context():
        made = ballot.put_on_ballot(actor(plan.planner), plan.program, meeting["id"],
                                    [["strategy", plan.strategy], ["project", plan.project]])
        titles = [p.title for p in db.session.scalars(sa.select(FocusPoint).where(
            FocusPoint.id.in_(made["points"])).order_by(FocusPoint.position))]
        assert titles == ["S1 · حمل‌ونقل پاک", "P1 · خط ۲ مترو"]
        s_point, p_point = made["points"]
        a, b, c = _people(meeting["id"], "transport", "health", "environment")
        workshop = db.session.get(Workshop, meeting["id"])
        workshop.status, workshop.stage = "live", "vote"
        _round(meeting["id"], "approval", made["points"],
               [(a, s_point, 1), (b, s_point, 1), (c, p_point, 1)])
        found = ballot.results(db.session.get(Program, plan.program))
        assert [(r["method"], r["voters"], round(r["support"], 2))
                for r in found[("strategy", plan.strategy)]] == [("approval", 3, 0.67)]
        assert round(found[("project", plan.project)][0]["support"], 2) == 0.33
        page = outputs.dashboard(actor(plan.reader), plan.program)
        assert page["priorities"][0]["code"] == "S1"


def test_only_planned_workshops_and_own_elements(app, plan, meeting, make_user):
    with app.test_request_context():
        with pytest.raises(NotAllowed):
            ballot.put_on_ballot(actor(plan.reader), plan.program, meeting["id"],
                                 [["strategy", plan.strategy]])
        for bad in ([], [["goal", plan.goal]], [["strategy", 999]],
                    [["strategy", plan.strategy], ["strategy", plan.strategy]]):
            with pytest.raises(WorkshopError):
                ballot.put_on_ballot(actor(plan.planner), plan.program, meeting["id"], bad)
            rollback()
        db.session.get(Workshop, meeting["id"]).stage = "propose"
        db.session.commit()
        with pytest.raises(InvalidState):
            ballot.put_on_ballot(actor(plan.planner), plan.program, meeting["id"],
                                 [["strategy", plan.strategy]])
        rollback()
        assert db.session.scalar(sa.select(sa.func.count(PlanBallotLink.id))) == 0
