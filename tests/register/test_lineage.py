"""Merging and splitting register items across phases, with provenance intact; cycles."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.register.conftest import actor
from workshop.errors import BadInput, InvalidState
from workshop.extensions import db
from workshop.models import Program
from workshop.models.register import RegisterCitation, RegisterItem, RegisterLineage, RegisterLink
from workshop.register import items, lineage, linking, provenance, sources, views


def _two_items(reg):
    a = linking.promote_point(actor(reg.planner), reg.program, reg.points[0], {})["item"]
    linking.link_point(actor(reg.planner), reg.program, reg.points[1], a)
    b = linking.promote_point(actor(reg.planner), reg.program, reg.points[2], {})["item"]
    return a, b


def _points(item_id):
    return provenance.points_by_item([item_id]).get(item_id, set())


def test_merge_moves_links_and_citations_and_unmerge_brings_them_back(app, reg):
    with app.test_request_context("/?lang=en"):
        a, b = _two_items(reg)
        source = sources.add_source(actor(reg.planner), reg.program,
                                    {"kind": "study", "title": "مطالعهٔ ترافیک"})
        sources.cite(actor(reg.planner), reg.program, a, source.id)
        merged = lineage.merge_items(actor(reg.planner), reg.program, a, b, "همپوشانی")
        assert _points(b) == {reg.points[0], reg.points[1], reg.points[2]}
        assert not _points(a)
        assert db.session.get(RegisterItem, a).state == "merged"
        assert db.session.scalar(sa.select(RegisterCitation.id).where(
            RegisterCitation.item_id == b)) is not None
        moved = db.session.scalars(sa.select(RegisterLink).where(
            RegisterLink.item_id == b, RegisterLink.moved_from_item_id == a)).all()
        assert sorted(link.point_id for link in moved) == reg.points[:2]
        assert [e["kind"] for e in views.history(db.session.get(RegisterItem, a))][-1] == "merge"
        lineage.unmerge(actor(reg.planner), reg.program, merged["lineage"], "جدا بمانند")
        assert _points(a) == {reg.points[0], reg.points[1]}
        assert _points(b) == {reg.points[2]}
        assert db.session.get(RegisterItem, a).state == "active"
        with pytest.raises(InvalidState):
            lineage.unmerge(actor(reg.planner), reg.program, merged["lineage"])


def test_merging_into_itself_or_round_in_a_circle_is_refused(app, reg):
    with app.test_request_context("/?lang=en"):
        a, b = _two_items(reg)
        with pytest.raises(BadInput):
            lineage.merge_items(actor(reg.planner), reg.program, a, a)
        lineage.merge_items(actor(reg.planner), reg.program, a, b)
        with pytest.raises(InvalidState) as refused:
            lineage.merge_items(actor(reg.planner), reg.program, b, a)
        assert "circle" in refused.value.message
        c = items.create_item(actor(reg.planner), reg.program, {"title": "ج"}).id
        with pytest.raises(InvalidState):  # a is merged away: it cannot take c either
            lineage.merge_items(actor(reg.planner), reg.program, c, a)
        assert db.session.get(RegisterItem, c).state == "active"
        assert db.session.scalar(sa.select(sa.func.count(RegisterLineage.id))) == 1


def test_split_cuts_links_into_a_later_phase_with_lineage(app, reg):
    with app.test_request_context("/?lang=en"):
        a, _b = _two_items(reg)
        links = {link.point_id: link.id for link in lineage.current_links(
            db.session.get(RegisterItem, a))}
        later = db.session.scalar(sa.select(Program).where(Program.id == reg.program)).phases[1]
        done = lineage.split_item(actor(reg.planner), reg.program, a, [links[reg.points[1]]],
                                  {"title": "بخش دوم", "phase_id": later.id, "reason": "دو موضوع"})
        child = db.session.get(RegisterItem, done["target"])
        assert child.phase_id == later.id
        assert _points(child.id) == {reg.points[1]}
        assert _points(a) == {reg.points[0]}
        row = db.session.get(RegisterLineage, done["lineage"])
        assert (row.kind, row.source_id, row.reason) == ("split", a, "دو موضوع")
        with pytest.raises(BadInput):  # all remaining links: that is a move, not a split
            lineage.split_item(actor(reg.planner), reg.program, a, [links[reg.points[0]]],
                               {"title": "همه"})
        with pytest.raises(BadInput):
            lineage.split_item(actor(reg.planner), reg.program, a, ["x"], {"title": "بد"})
        assert db.session.scalar(sa.select(sa.func.count(RegisterItem.id))) == 3
