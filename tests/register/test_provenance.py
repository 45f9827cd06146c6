"""Support normalised per round, discipline stances, evidence; sources; structure."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.register.conftest import actor
from workshop.errors import BadInput, InvalidState, NotFound
from workshop.extensions import db
from workshop.models import Discipline, Participant, Workshop
from workshop.models.annotation import Annotation
from workshop.models.voting import Ballot, RoundPoint, RoundTurnout, VoteRound
from workshop.register import linking, sources, structure, views


def _people(workshop_id, *keys):
    ids = {d.key: d.id for d in db.session.scalars(sa.select(Discipline))}
    people = [Participant(workshop_id=workshop_id, display_name=f"p{i}", discipline_id=ids[k])
              for i, k in enumerate(keys)]
    db.session.add_all(people)
    db.session.flush()
    return people


def _round(workshop_id, method, point_ids, marks, number=1, **fields):
    """A closed round with the given (participant, point, value) marks."""
    r = VoteRound(workshop_id=workshop_id, number=number, title=f"r{number}", method=method,
                  status="draft", criteria=[], **fields)
    r.points = [RoundPoint(point_id=p, position=i, title="t") for i, p in enumerate(point_ids)]
    db.session.add(r)
    db.session.flush()
    r.status = "open"
    db.session.flush()
    for person, point, value in marks:
        db.session.add(Ballot(round_id=r.id, point_id=point, criterion="", value=value,
                              voter_key=f"p:{person.id}", participant_id=person.id,
                              discipline_id=person.discipline_id))
    voters = sorted({m[0].id for m in marks})
    db.session.add(RoundTurnout(round_id=r.id, voter_ids=voters, voters=len(voters)))
    db.session.flush()
    r.status = "closed"
    db.session.commit()


def test_support_per_round_stances_and_evidence(app, reg):
    with app.test_request_context():
        w, p = reg.w1["id"], reg.points
        t1, t2, h1, h2, env = _people(w, "transport", "transport", "health", "health",
                                      "environment")
        _round(w, "approval", p[:2], [(t1, p[0], 1), (t2, p[0], 1), (h1, p[1], 1),
                                      (h2, p[1], 0)])
        _round(w, "dots", p[:2], [(t1, p[1], 3), (h1, p[0], 2)], number=2, budget=5)
        db.session.add_all([
            Annotation(workshop_id=w, point_id=p[0], origin_point_id=p[0], author_id=env.id,
                       discipline_id=env.discipline_id, kind="concern", body="هزینه بالا"),
            Annotation(workshop_id=w, point_id=p[0], origin_point_id=p[0], author_id=t1.id,
                       discipline_id=t1.discipline_id, kind="evidence", body="آمار ۱۴۰۳",
                       source_url="https://example.org/a")])
        db.session.commit()
        item = linking.promote_point(actor(reg.planner), reg.program, p[0], {})["item"]
        page = views.item_page(actor(reg.fac), reg.program, item)
        assert [(r["round"].method, r["voters"], r["support"]) for r in page["rounds"]] == [
            ("approval", 4, 0.5), ("dots", 2, 0.5)]
        by_key = {d.key: page["stances"][d.id] for d in page["disciplines"]}
        assert by_key["transport"]["stance"] == "supported"
        assert by_key["health"]["stance"] == "concerned"  # 0 of 2 health voters in round 1
        assert by_key["environment"] == {"stance": "concerned", "support": 0, "concern": 1}
        assert by_key["urban_economics"]["stance"] == "unheard"
        assert [e.body for e in page["evidence"]] == ["آمار ۱۴۰۳"]
        assert [w.id for w, _pts in page["workshops"]] == [reg.w1["id"]]


def test_sources_are_checked_and_cited_once(app, reg):
    with app.test_request_context():
        with pytest.raises(BadInput):
            sources.add_source(actor(reg.planner), reg.program,
                               {"kind": "study", "title": "x", "url": "javascript:alert(1)"})
        with pytest.raises(BadInput):
            sources.add_source(actor(reg.planner), reg.program, {"kind": "gossip", "title": "x"})
        source = sources.add_source(actor(reg.planner), reg.program, {
            "kind": "world_city", "title": "برنامهٔ لندن ۲۰۵۰", "url": "https://london.gov.uk",
            "excerpt": "..."})
        item = linking.promote_point(actor(reg.planner), reg.program, reg.points[0], {})["item"]
        sources.cite(actor(reg.planner), reg.program, item, source.id, "مقایسه")
        with pytest.raises(InvalidState):
            sources.cite(actor(reg.planner), reg.program, item, source.id)
        assert [c.source.title for c in sources.citations_of(item)] == ["برنامهٔ لندن ۲۰۵۰"]


def test_parts_planners_and_a_workshop_place_in_the_plan(app, reg, make_user):
    with app.test_request_context():
        part = structure.add_part(actor(reg.planner), reg.program,
                                  {"name_fa": "تحول شهرداری", "name_en": "Municipality"})
        workshop = db.session.get(Workshop, reg.w2["id"])
        assert workshop.kind == "co_thinking"
        assert workshop.part_id is None
        phase = workshop.program.phases[2].id
        structure.set_workshop_plan(actor(reg.planner), reg.program, workshop.id,
                                    {"kind": "expert_meeting", "phase_id": phase,
                                     "part_id": part.id})
        db.session.refresh(workshop)
        assert (workshop.kind, workshop.phase_id, workshop.part_id) == (
            "expert_meeting", phase, part.id)
        with pytest.raises(BadInput):
            structure.set_workshop_plan(actor(reg.planner), reg.program, workshop.id,
                                        {"kind": "party", "phase_id": phase})
        with pytest.raises(NotFound):
            structure.set_workshop_plan(actor(reg.planner), reg.program, workshop.id,
                                        {"kind": "co_thinking", "phase_id": 99999})
        email = db.session.get(type(workshop.staff[0].user), reg.outsider).email
        structure.set_planner(actor(reg.planner), reg.program, email, True)
        assert [u.id for u in structure.planners_of(workshop.program)] == sorted(
            [reg.planner, reg.outsider])
