"""Bad input on the register's forms: the page again (400) with a localised error beside the
field, what was typed still in the form, and nothing changed in the database."""

from __future__ import annotations

import pytest

from tests.register.conftest import actor
from tests.register.page_forms import form_of, read
from tests.spine.helpers import fingerprint
from workshop.register import items, linking, sources

FA = {"Accept-Language": "fa"}
EN = {"Accept-Language": "en"}
REQUIRED_FA = "پر کردن این فیلد الزامی است."


def _url(program, path=""):
    return f"/staff/programmes/{program}{path}"


@pytest.fixture
def planner(app, client, login, reg):
    """The planner's client, with one item (from a promoted point) and a source."""
    with app.test_request_context():
        item = linking.promote_point(actor(reg.planner), reg.program, reg.points[0], {})["item"]
        sources.add_source(actor(reg.planner), reg.program, {"kind": "study", "title": "مطالعه"})
    login(client, reg.planner)
    client.get(_url(reg.program, "/register"))  # a first page view, before the fingerprint
    reg.item = item
    return client


def _refused(app, client, url, data, headers=FA, status=400):
    """POST bad input; the database must be exactly as before. Returns the page's HTML."""
    before = fingerprint(app)
    response = client.post(url, data=data, headers=headers)
    assert response.status_code == status, response.get_data(as_text=True)[:2000]
    assert fingerprint(app) == before
    return response.get_data(as_text=True)


def test_a_new_item_without_a_title_keeps_the_description(app, planner, reg):
    html = _refused(app, planner, _url(reg.program, "/register/items"), {
        "title": "  ", "description": "شرح مفصل موضوع", "part_id": "0", "theme_id": "0"})
    form = form_of(html, "/register/items")
    assert form.values["description"] == "شرح مفصل موضوع"
    assert form.invalid == ["title"]
    assert form.errors == [REQUIRED_FA]
    assert read(html)[1] == [f"عنوان: {REQUIRED_FA}"]  # the summary at the top names the field


def test_a_part_that_is_not_a_number_is_refused_beside_the_select(app, planner, reg):
    html = _refused(app, planner, _url(reg.program, "/register/items"), {
        "title": "حمل‌ونقل پاک", "part_id": "abc", "theme_id": "0"}, headers=EN)
    form = form_of(html, "/register/items")
    assert form.values["title"] == "حمل‌ونقل پاک"
    assert form.invalid == ["part_id"]
    assert "Invalid Choice" in form.errors[0]


def test_editing_an_item_with_a_too_long_title_changes_nothing(app, planner, reg):
    long_title = "ا" * 201
    html = _refused(app, planner, _url(reg.program, f"/register/items/{reg.item}"), {
        "title": long_title, "description": "توضیح تازه", "part_id": "0", "theme_id": "0"})
    form = form_of(html, f"/register/items/{reg.item}")
    assert (form.values["title"], form.values["description"]) == (long_title, "توضیح تازه")
    assert form.errors == ["این متن بیش از حد طولانی است."]


def test_setting_aside_without_a_reason_says_so_in_persian_and_english(app, planner, reg):
    url = _url(reg.program, f"/register/items/{reg.item}/status")
    html = _refused(app, planner, url, {"status": "set_aside", "reason": ""})
    form = form_of(html, "/status")
    assert form.values["status"] == "set_aside"
    assert form.invalid == ["reason"]
    assert form.errors == ["لطفاً دلیل کنار گذاشتن این مورد را بنویسید."]
    english = form_of(_refused(app, planner, url, {"status": "set_aside"}, headers=EN), "/status")
    assert english.errors == ["Please give a reason for setting this item aside."]


def test_a_link_to_a_missing_item_keeps_the_reason_in_the_points_card(app, planner, reg):
    why = "هم‌موضوع با مورد دیگر"
    html = _refused(app, planner, _url(reg.program, "/register/links"), {
        "point_id": str(reg.points[2]), "item_id": "۹۹۹", "reason": why,
        "next": _url(reg.program, "/register/queue")})
    card = form_of(html, "/register/links", point_id=str(reg.points[2]), reason=why)
    assert card.values["item_id"] == "۹۹۹"  # as typed
    assert card.invalid == ["item_id"]
    assert card.errors == ["در فهرست این برنامه موردی با این شماره نیست."]
    others = [f for f in read(html)[0] if f.action.endswith("/links") and f not in (card,)]
    assert all(not f.errors and not f.values.get("reason") for f in others)


def test_a_link_whose_point_left_the_queue_is_flashed(app, planner, reg):
    with app.test_request_context():
        linking.link_point(actor(reg.planner), reg.program, reg.points[1], reg.item)
    before = fingerprint(app)
    response = planner.post(_url(reg.program, "/register/links"), data={
        "point_id": str(reg.points[1]), "item_id": str(reg.item),
        "next": _url(reg.program, "/register/queue")}, headers=EN, follow_redirects=True)
    assert fingerprint(app) == before
    assert "already linked" in " ".join(read(response.get_data(as_text=True))[1])


def test_merging_an_item_into_itself_is_refused_beside_the_number(app, planner, reg):
    html = _refused(app, planner, _url(reg.program, f"/register/items/{reg.item}/merge"), {
        "target_id": str(reg.item), "reason": "تکراری"})
    form = form_of(html, "/merge")
    assert form.values == {"target_id": str(reg.item), "reason": "تکراری"}
    assert form.errors == ["یک مورد را نمی‌توان در خودش ادغام کرد."]


def test_a_split_without_a_title_keeps_the_chosen_links(app, planner, reg):
    with app.test_request_context():
        linking.link_point(actor(reg.planner), reg.program, reg.points[1], reg.item)
    before = fingerprint(app)
    page = planner.get(_url(reg.program, f"/register/items/{reg.item}")).get_data(as_text=True)
    first_link = page.split('name="links" value="')[1].split('"')[0]
    assert fingerprint(app) == before
    html = _refused(app, planner, _url(reg.program, f"/register/items/{reg.item}/split"), {
        "links": [first_link], "title": "", "reason": "دو موضوع جدا"})
    form = form_of(html, "/split")
    assert form.values["links"] == [first_link]
    assert form.values["reason"] == "دو موضوع جدا"
    assert form.invalid == ["title"]


def test_structure_and_sources_forms_keep_what_was_typed(app, planner, reg):
    html = _refused(app, planner, _url(reg.program, "/parts"), {"name_fa": "", "name_en": "Air"})
    form = form_of(html, "/parts")
    assert (form.values["name_en"], form.invalid) == ("Air", ["name_fa"])
    html = _refused(app, planner, _url(reg.program, "/sources"), {
        "kind": "study", "title": "گزارش", "url": "javascript:alert(1)"})
    form = form_of(html, "/sources")
    assert (form.values["title"], form.invalid) == ("گزارش", ["url"])


def test_a_citizens_empty_comment_keeps_the_page_and_says_why(app, reg):
    with app.test_request_context():
        item = items.create_item(actor(reg.planner), reg.program, {"title": "پیاده‌راه"}).id
        items.set_published(actor(reg.planner), reg.program, item, True)
    citizen = app.test_client()
    citizen.get(f"/p/{reg.program}")
    html = _refused(app, citizen, f"/p/{reg.program}/items/{item}/comment", {"body": " "})
    form = form_of(html, f"/items/{item}/comment")
    assert form.invalid == ["body"]
    assert form.errors == [REQUIRED_FA]


def test_an_expired_form_is_explained_not_ignored(app):
    from workshop.forms import EmptyForm, explain_invalid

    with app.test_request_context(method="POST", headers=FA):
        form = EmptyForm(meta={"csrf": True})
        assert not form.validate_on_submit()
        assert explain_invalid(form) == ["مهلت فرم به پایان رسید. لطفاً دوباره تلاش کنید."]
