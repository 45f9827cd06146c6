"""Required disciplines, the coverage matrix with its gaps, and whom to invite."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.register.conftest import actor
from workshop.errors import NotAllowed, NotFound
from workshop.extensions import db
from workshop.models import Discipline, Participant
from workshop.models.annotation import Annotation
from workshop.register import coverage, linking


def _keys() -> dict[str, int]:
    return {d.key: d.id for d in db.session.scalars(sa.select(Discipline))}


def test_required_disciplines_default_and_change(app, reg):
    with app.test_request_context("/?lang=en"):
        keys = _keys()
        program = coverage.require_reader(actor(reg.fac), reg.program)
        assert set(coverage.required_of(program)) == {keys[k] for k in coverage.DEFAULT_REQUIRED}
        with pytest.raises(NotAllowed):
            coverage.set_required(actor(reg.fac), reg.program, [keys["health"]])
        with pytest.raises(NotFound):  # not a discipline of this programme: nothing changes
            coverage.set_required(actor(reg.planner), reg.program, [keys["health"], 99999])
        assert len(coverage.required_of(program)) == len(coverage.DEFAULT_REQUIRED)
        coverage.set_required(actor(reg.planner), reg.program, [keys["health"], keys["citizens"]])
        assert sorted(coverage.required_of(program)) == sorted([keys["health"], keys["citizens"]])


def test_matrix_flags_gaps_and_suggests_invitees(app, reg):
    with app.test_request_context("/?lang=en"):
        keys = _keys()
        w, point = reg.w1["id"], reg.points[0]
        people = [Participant(workshop_id=w, display_name=k, discipline_id=keys[k])
                  for k in ("transport", "health")]
        db.session.add_all(people)
        db.session.flush()
        db.session.add(Annotation(workshop_id=w, point_id=point, origin_point_id=point,
                                  author_id=people[0].id, discipline_id=keys["transport"],
                                  kind="support", body="خوب است"))
        db.session.commit()
        item = linking.promote_point(actor(reg.planner), reg.program, point, {})["item"]
        data = coverage.matrix(actor(reg.fac), reg.program)
        row = data["rows"][item]
        assert row[keys["transport"]]["stance"] == "supported"
        assert row[keys["health"]]["stance"] == "present"
        assert row[keys["environment"]]["stance"] == "unheard"
        gaps = set(data["gaps"][item])
        assert keys["transport"] not in gaps
        assert {keys["health"], keys["environment"], keys["urban_economics"]} <= gaps
        invite = [(d.key, n) for d, n in coverage.invitees_for(actor(reg.fac), reg.program,
                                                               reg.w2["id"])]
        assert ("transport", 1) not in invite
        assert ("health", 1) not in invite  # was in the room
        assert invite[0] == ("urban_economics", 1)  # required ones first at equal counts
        with pytest.raises(NotFound):
            coverage.matrix(actor(reg.outsider), reg.program)
