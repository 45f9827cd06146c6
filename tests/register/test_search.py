"""Register search finds Persian text however it was typed (letters, digits, ZWNJ, harakat)."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from tests.register.conftest import actor
from workshop.extensions import db
from workshop.models.register import RegisterItem
from workshop.register import items, lineage, linking
from workshop.register.seed import Shape, build_programme
from workshop.text.search import search_key

ZWNJ = "\u200c"
TITLES = {
    "plan": "برنامه‌ریزی کاهش ترافیک ۱۴۰۵",
    "local": "بازسازی مراکز محله‌ای",
    "harakat": "مُشارِکت شهروندان",
    "percent": "کاهش 20% مصرف آب",
    "hundreds": "کاهش 200 مصرف برق",
    "code": "شناسهٔ road_12",
    "codex": "شناسهٔ roadx12",
    "arabic": "كيفيت هواي شهر",              # typed on an Arabic keyboard
}


def _found(client, program: int, q: str) -> set[int]:
    """Ids of the items the register page lists for a query."""
    response = client.get(f"/staff/programmes/{program}/register", query_string={"q": q})
    assert response.status_code == 200, response.get_data(as_text=True)
    return {int(i) for i in re.findall(r'data-item="(\d+)"', response.get_data(as_text=True))}


@pytest.fixture
def made(app, reg):
    """The items above, created through the service as a planner would."""
    with app.test_request_context("/?lang=en"):
        return {key: items.create_item(actor(reg.planner), reg.program, {"title": title}).id
                for key, title in TITLES.items()}


@pytest.fixture
def planner(client, login, reg):
    return login(client, reg.planner)


TYPED = [  # (query, the item it must find alone)
    ("برنامه\u200cريزي", "plan"),          # Arabic yeh
    ("ترافيك", "plan"),                      # Arabic yeh and kaf
    ("ترافیک 1405", "plan"),                 # ASCII digits for ۱۴۰۵
    ("١٤٠٥", "plan"),                        # Arabic-Indic digits
    ("برنامه ریزی", "plan"),                 # a space for the ZWNJ
    ("محله ای", "local"),
    ("محلهای", "local"),                     # no space at all
    ("مشارکت", "harakat"),                   # without the diacritics
    ("ROAD_12", "code"),
    ("کیفیت هوای", "arabic"),               # Persian letters find Arabic ones too
]


def test_a_query_finds_the_item_however_it_was_typed(planner, reg, made):
    found = {query: _found(planner, reg.program, query) for query, _key in TYPED}
    assert found == {query: {made[key]} for query, key in TYPED}


def test_percent_and_underscore_match_themselves_not_anything(planner, reg, made):
    assert _found(planner, reg.program, "20%") == {made["percent"]}
    assert _found(planner, reg.program, "۲۰٪") == {made["percent"]}
    assert _found(planner, reg.program, "%") == {made["percent"]}
    assert _found(planner, reg.program, "road_") == {made["code"]}
    assert _found(planner, reg.program, "_") == {made["code"]}


def test_the_description_is_searched_too(app, planner, reg):
    with app.test_request_context("/?lang=en"):
        lit = items.create_item(actor(reg.planner), reg.program, {
            "title": "نورپردازی", "description": "در خیابان چهارباغ\n\nتا سی‌وسه‌پل"}).id
    assert _found(planner, reg.program, "چهار باغ") == {lit}
    assert _found(planner, reg.program, "سی و سه پل") == {lit}
    assert _found(planner, reg.program, "نورپردازیدر") == set()  # no match across the fields


def test_a_query_of_punctuation_only_searches_titles_as_typed(planner, reg, made):
    assert _found(planner, reg.program, "«»") == set()
    assert len(_found(planner, reg.program, "")) >= len(made)


def test_the_key_follows_an_edit(app, planner, reg, made):
    with app.test_request_context("/?lang=en"):
        items.update_item(actor(reg.planner), reg.program, made["harakat"],
                          {"title": "همکاری کارشناسان", "description": "کمیته ۳"})
    assert _found(planner, reg.program, "مشارکت") == set()
    assert _found(planner, reg.program, "همكاري") == {made["harakat"]}
    assert _found(planner, reg.program, "کمیته 3") == {made["harakat"]}


def test_the_key_follows_a_promotion_a_split_and_a_merge(app, planner, reg):
    with app.test_request_context("/?lang=en"):
        item = linking.promote_point(actor(reg.planner), reg.program, reg.points[0], {})["item"]
        linking.link_point(actor(reg.planner), reg.program, reg.points[1], item)
        assert _found(planner, reg.program, "حمل و نقل عمومي") == {item}
        link = lineage.current_links(db.session.get(RegisterItem, item))[1]
        child = lineage.split_item(actor(reg.planner), reg.program, item, [link.id],
                                   {"title": "هوای پاک ۱۴۰۶"})["target"]
        assert _found(planner, reg.program, "هواي پاك 1406") == {child}
        lineage.merge_items(actor(reg.planner), reg.program, child, item, "یک موضوع")
        assert _found(planner, reg.program, "هواي پاك") == set()  # merged away
        assert _found(planner, reg.program, "حملونقل") == {item}


def test_the_key_is_set_on_the_model_whatever_sets_the_text(app, reg):
    with app.app_context():
        item = RegisterItem(program_id=reg.program, title="شهر ۱۴۰۵", description="کوي")
        assert item.search_key == "شهر1405 کوی"
        item.description = ""
        item.title = f"محله{ZWNJ}ای"
        assert item.search_key == "محلهای "


def test_demo_data_is_searchable(app):
    with app.app_context():
        program_id = build_programme(Shape(workshops_per_phase=1, points=8))
        rows = db.session.scalars(sa.select(RegisterItem).where(
            RegisterItem.program_id == program_id)).all()
        assert rows
        assert [row.search_key for row in rows] == [
            search_key(row.title, row.description) for row in rows]
        assert all(row.search_key.strip() for row in rows)
