"""Carry-over: a planned workshop starts from register items and earlier minutes."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.register.conftest import actor, second_programme
from workshop.errors import BadInput, InvalidState, NotAllowed, NotFound
from workshop.extensions import db
from workshop.models import Workshop
from workshop.models.focus import FocusPoint
from workshop.models.minutes import MinutesAction, MinutesDecision, MinutesVersion
from workshop.models.register import CarryOver, RegisterItem, RegisterLink
from workshop.register import carry, items, linking


def _minutes(workshop_id, decided_point):
    version = MinutesVersion(workshop_id=workshop_id, number=1)
    version.actions = [MinutesAction(what="تهیهٔ گزارش ترافیک", owner="معاونت", status="open"),
                       MinutesAction(what="کار تمام‌شده", status="done")]
    version.decisions = [MinutesDecision(text="تصویب", point_ids=[decided_point])]
    db.session.add(version)
    db.session.commit()
    return version.actions[0].id


def _points_of(workshop_id):
    return db.session.scalars(sa.select(FocusPoint).where(
        FocusPoint.workshop_id == workshop_id).order_by(FocusPoint.position)).all()


def test_a_planned_workshop_starts_from_items_actions_and_undecided_points(app, reg):
    with app.test_request_context():
        item = linking.promote_point(actor(reg.planner), reg.program, reg.points[0], {})["item"]
        action = _minutes(reg.w1["id"], decided_point=reg.points[1])
        found = carry.candidates(actor(reg.fac), reg.program, reg.w2["id"])
        assert [i.id for i in found["items"]] == [item]
        assert [a.what for _w, a in found["actions"]] == ["تهیهٔ گزارش ترافیک"]
        undecided = [p.id for _w, p in found["undecided"]]
        assert reg.points[1] not in undecided
        assert reg.points[0] in undecided
        done = carry.start_from(actor(reg.fac), reg.program, reg.w2["id"], [item], [action],
                                [reg.points[0]])
        new = _points_of(reg.w2["id"])
        assert [p.title for p in new] == ["بهبود حمل‌ونقل عمومی در محله‌ها",
                                          "تهیهٔ گزارش ترافیک",
                                          "بهبود حمل‌ونقل عمومی در محله‌ها"]
        assert [p.id for p in new] == done["points"]
        links = db.session.scalars(sa.select(RegisterLink).where(
            RegisterLink.point_id.in_(done["points"]))).all()
        # the item's copy and the copy of a point that fed the item both feed it
        assert sorted((link.point_id, link.item_id, link.kind) for link in links) == [
            (done["points"][0], item, "carry"), (done["points"][2], item, "carry")]
        origins = db.session.scalars(sa.select(CarryOver).order_by(CarryOver.id)).all()
        assert [(o.origin_kind, o.origin_id) for o in origins] == [
            ("action", action), ("point", reg.points[0])]


def test_carry_refusals_leave_nothing_behind(app, reg, make_workshop):
    with app.test_request_context():
        item = items.create_item(actor(reg.planner), reg.program, {"title": "الف"}).id
        with pytest.raises(BadInput):
            carry.start_from(actor(reg.planner), reg.program, reg.w2["id"], [])
        with pytest.raises(NotFound):  # an item number that is not this programme's
            carry.start_from(actor(reg.planner), reg.program, reg.w2["id"], [item, 99999])
        with pytest.raises(InvalidState):  # closed workshops do not restart
            carry.start_from(actor(reg.planner), reg.program, reg.w1["id"], [item])
        with pytest.raises(NotFound):
            carry.start_from(actor(reg.outsider), reg.program, reg.w2["id"], [item])
        assert _points_of(reg.w2["id"]) == []
        assert db.session.scalar(sa.select(sa.func.count(RegisterLink.id))) == 0
        other = second_programme()
        foreign = RegisterItem(program_id=other, title="دیگر")
        db.session.add(foreign)
        db.session.commit()
        with pytest.raises(NotFound):
            carry.start_from(actor(reg.planner), reg.program, reg.w2["id"], [foreign.id])
        assert _points_of(reg.w2["id"]) == []
        db.session.get(Workshop, reg.w2["id"])


def test_a_secretary_of_the_programme_reads_but_cannot_carry(app, reg, make_user):
    from workshop.models import WorkshopStaff

    secretary = make_user("secretary")
    with app.test_request_context():
        db.session.add(WorkshopStaff(workshop_id=reg.w1["id"], user_id=secretary,
                                     role="secretary"))
        db.session.commit()
        item = items.create_item(actor(reg.planner), reg.program, {"title": "الف"}).id
        with pytest.raises(NotAllowed):
            carry.start_from(actor(secretary), reg.program, reg.w2["id"], [item])
