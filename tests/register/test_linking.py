"""Register items, links and their dated history; permissions and bad input."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.register.conftest import actor, add_points, close, second_programme
from workshop.errors import BadInput, InvalidState, NotAllowed, NotFound
from workshop.extensions import db
from workshop.models import Workshop
from workshop.models.focus import FocusPoint
from workshop.models.register import RegisterItem, RegisterLink
from workshop.register import items, linking, views


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_promote_creates_a_linked_item_in_the_workshop_phase(app, reg):
    with app.test_request_context("/?lang=en"):
        result = linking.promote_point(actor(reg.planner), reg.program, reg.points[0],
                                       {"reason": "مهم"})
        item = db.session.get(RegisterItem, result["item"])
        workshop = db.session.get(Workshop, reg.w1["id"])
        assert item.title == "بهبود حمل‌ونقل عمومی در محله‌ها"
        assert item.phase_id == workshop.phase_id
        assert item.status == "identified"
        link = db.session.get(RegisterLink, result["link"])
        assert (link.kind, link.point_id, link.reason) == ("promote", reg.points[0], "مهم")


def test_link_undo_relink_is_one_dated_history(app, reg):
    with app.test_request_context("/?lang=en"):
        a = items.create_item(actor(reg.planner), reg.program, {"title": "حمل‌ونقل"}).id
        b = items.create_item(actor(reg.planner), reg.program, {"title": "هوا"}).id
        first = linking.link_point(actor(reg.planner), reg.program, reg.points[1], a, "اول")
        linking.unlink(actor(reg.planner), reg.program, first["link"], "اشتباه بود")
        linking.link_point(actor(reg.planner), reg.program, reg.points[1], b, "درست")
        story_a = views.history(db.session.get(RegisterItem, a))
        assert [e["kind"] for e in story_a] == ["link", "unlink"]
        assert [e["reason"] for e in story_a] == ["اول", "اشتباه بود"]
        assert story_a[0]["who"].id == reg.planner
        assert story_a[1]["at"] >= story_a[0]["at"]
        # both directions: the point's rows name both items, the undone one stays
        rows = db.session.scalars(sa.select(RegisterLink).where(
            RegisterLink.point_id == reg.points[1]).order_by(RegisterLink.id)).all()
        assert [(r.item_id, r.undone_at is None) for r in rows] == [(a, False), (b, True)]


def test_a_point_has_one_current_link(app, reg):
    with app.test_request_context("/?lang=en"):
        a = items.create_item(actor(reg.planner), reg.program, {"title": "الف"}).id
        linking.link_point(actor(reg.planner), reg.program, reg.points[0], a)
        with pytest.raises(InvalidState) as refused:
            linking.link_point(actor(reg.planner), reg.program, reg.points[0], a)
        assert "already linked" in refused.value.message
        with pytest.raises(InvalidState):
            linking.promote_point(actor(reg.planner), reg.program, reg.points[0], {})
        assert _count(RegisterItem) == 1
        assert _count(RegisterLink) == 1


def test_a_point_of_another_programme_is_refused_and_nothing_is_saved(app, reg, make_workshop):
    with app.test_request_context("/?lang=en"):
        other = second_programme()
        phase = db.session.scalar(sa.select(Workshop.phase_id).limit(1))
        from workshop.models import ProgramPhase

        phase = db.session.scalar(sa.select(ProgramPhase.id).where(
            ProgramPhase.program_id == other))
    foreign = make_workshop(reg.fac, program_id=other, phase_id=phase)
    with app.test_request_context("/?lang=en"):
        [point] = add_points(foreign["id"], ["نقطهٔ برنامهٔ دیگر"])
        a = items.create_item(actor(reg.planner), reg.program, {"title": "الف"}).id
        with pytest.raises(BadInput) as refused:
            linking.link_point(actor(reg.planner), reg.program, point, a)
        assert "another programme" in refused.value.message
        with pytest.raises(BadInput):
            linking.promote_point(actor(reg.planner), reg.program, point, {})
        assert _count(RegisterLink) == 0
        assert _count(RegisterItem) == 1


@pytest.mark.parametrize("gone", ["withdrawn", "merged", "deleted"])
def test_promoting_a_point_gone_meanwhile_is_refused_and_no_item_is_left(app, reg, gone):
    with app.test_request_context("/?lang=en"):
        point = db.session.get(FocusPoint, reg.points[2])
        if gone == "deleted":
            db.session.delete(point)
        else:
            point.status = gone
        db.session.commit()
        with pytest.raises(NotFound) as refused:
            linking.promote_point(actor(reg.planner), reg.program, reg.points[2], {})
        assert "no longer exists" in refused.value.message
        assert _count(RegisterItem) == 0
        assert _count(RegisterLink) == 0


def test_readers_read_but_do_not_edit_and_outsiders_learn_nothing(app, reg):
    with app.test_request_context("/?lang=en"):
        item = linking.promote_point(actor(reg.planner), reg.program, reg.points[0], {})["item"]
        page = views.register_page(actor(reg.fac), reg.program)
        assert [i.id for i in page["items"]] == [item]
        assert page["planner"] is False
        with pytest.raises(NotAllowed):
            linking.link_point(actor(reg.fac), reg.program, reg.points[1], item)
        with pytest.raises(NotFound):
            views.register_page(actor(reg.outsider), reg.program)
        with pytest.raises(NotFound):
            views.item_page(actor(reg.outsider), reg.program, item)
        with pytest.raises(NotFound):
            linking.link_point(actor(reg.outsider), reg.program, reg.points[1], item)


def test_status_follows_the_phases_and_set_aside_needs_a_reason(app, reg):
    with app.test_request_context("/?lang=en"):
        item = items.create_item(actor(reg.planner), reg.program, {"title": "الف"}).id
        with pytest.raises(InvalidState):
            items.set_status(actor(reg.planner), reg.program, item, "prescribed")
        with pytest.raises(BadInput):
            items.set_status(actor(reg.planner), reg.program, item, "set_aside", "  ")
        with pytest.raises(BadInput):
            items.set_status(actor(reg.planner), reg.program, item, "done")
        items.set_status(actor(reg.planner), reg.program, item, "analysed")
        items.set_status(actor(reg.planner), reg.program, item, "set_aside", "تکراری")
        row = db.session.get(RegisterItem, item)
        assert (row.status, row.set_aside_reason) == ("set_aside", "تکراری")
        story = views.history(row)
        assert [e["kind"] for e in story] == ["status", "status"]


def test_the_to_link_queue_holds_closed_workshop_points_with_suggestions(app, reg):
    from workshop.register import queue

    with app.test_request_context("/?lang=en"):
        linking.promote_point(actor(reg.planner), reg.program, reg.points[0], {})
        later = add_points(reg.w2["id"], ["بهبود حمل و نقل عمومی در محله ها"])
        before = queue.to_link(actor(reg.planner), reg.program)
        assert later[0] not in [r["point"].id for r in before["rows"]]  # w2 still open
        close(reg.w2["id"])
        rows = {r["point"].id: r for r in queue.to_link(actor(reg.planner), reg.program)["rows"]}
        assert reg.points[0] not in rows
        assert set(reg.points[1:]) < set(rows)
        assert rows[later[0]]["suggestions"][0]["score"] >= 90
        with pytest.raises(NotAllowed):
            queue.to_link(actor(reg.fac), reg.program)
