"""Issue 9 §4–§6 in Chromium: login, password, workshop list and form, minutes workspace.

axe-core finds no serious or critical violation on any of them, fa and en, 360 px phone and
desktop; a refused action date keeps every field typed. Screenshots: test-artifacts/staff/.
"""

from __future__ import annotations

import pytest

from tests.browser import *  # noqa: F403  (the fixtures)
from tests.browser import assert_accessible, assert_clean, font_loaded, log_in, overflow_x
from tests.console_setup import secretary_option
from tests.live_setup import PASSWORD

pytestmark = pytest.mark.browser
ARTIFACT_AREA = "staff"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1366, "height": 850}
WHAT = "تهیهٔ گزارش پیاده‌راه چهارباغ (Chaharbagh)"
WHO = "علی رضایی"


@pytest.fixture(scope="module")
def server(live_server_module):
    return live_server_module


@pytest.fixture(scope="module")
def workshop(server):
    """A workshop with an assigned secretary (no sockets needed for these pages)."""
    facilitator, secretary = server.create_user("facilitator"), server.create_user("secretary")
    staff = server.login(facilitator)
    created = server.create_workshop(staff, secretaries=secretary_option(staff, secretary))
    return created | {"facilitator": facilitator, "secretary": secretary}


def page_for(desktop_page, server, lang, phone):
    page = desktop_page(lang, server.base_url)
    if phone:
        page.set_viewport_size(PHONE)
    return page


def check(page, shot, name):
    shot(page, name)
    assert overflow_x(page) == 0, f"{name} scrolls sideways"
    assert_accessible(page)
    assert_clean(page)


def check_both(page, shot, name):
    """The same page at 360 px and on a laptop."""
    for width, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(viewport)
        check(page, shot, f"{name.split('-', 1)[0]}-{width}-{name.split('-', 1)[1]}")


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_staff_pages_are_accessible(lang, server, workshop, desktop_page, shot):
    page = page_for(desktop_page, server, lang, phone=False)
    page.goto("/login")
    check_both(page, shot, f"{lang}-login")
    log_in(page, workshop["facilitator"], PASSWORD)
    check_both(page, shot, f"{lang}-workshops")
    page.goto(f"/staff/workshops/{workshop['id']}/edit")
    check_both(page, shot, f"{lang}-workshop-form")
    page.goto("/account/password")
    page.fill("input[name=current_password]", "not my password")
    page.fill("input[name=new_password]", "a much longer passphrase")
    page.fill("input[name=confirm]", "a much longer passphrase")
    page.click("main form button[type=submit]")
    error = page.locator("#current_password-error")
    assert error.is_visible()
    assert page.get_attribute("input[name=current_password]", "aria-invalid") == "true"
    page.problems.clear()  # Chromium logs the page's own 400 status
    check_both(page, shot, f"{lang}-password-refused")


@pytest.mark.parametrize(("lang", "phone"), [("fa", True), ("en", False)])
def test_refused_action_date_keeps_every_field(lang, phone, server, workshop, desktop_page,
                                               shot):
    width = "phone" if phone else "desktop"
    page = page_for(desktop_page, server, lang, phone)
    log_in(page, workshop["secretary"], PASSWORD)
    page.goto(f"/staff/workshops/{workshop['id']}/minutes")
    page.wait_for_selector("[data-role=connection]:not(:empty)")
    hint = page.inner_text("form[data-unit=action].new [id^=hint-]")
    assert ("۱۴۰۵/۰۹/۱۰" if lang == "fa" else "1405/09/10") in hint
    check_both(page, shot, f"{lang}-minutes")
    page.set_viewport_size(PHONE if phone else DESKTOP)
    new = page.locator("form[data-unit=action].new")
    new.locator("textarea[name=what]").fill(WHAT)
    new.locator("input[name=owner]").fill(WHO)
    new.locator("input[name=due]").fill("۱۴۰۵/۱۳/۴۰" if lang == "fa" else "1405/13/40")
    new.locator("select[name=status]").select_option("in_progress")
    new.locator("button[name=save]").click()
    page.wait_for_selector("#err-action-new-due")
    new = page.locator("form[data-unit=action].new")
    assert new.locator("textarea[name=what]").input_value() == WHAT
    assert new.locator("input[name=owner]").input_value() == WHO
    assert new.locator("input[name=due]").input_value() in ("۱۴۰۵/۱۳/۴۰", "1405/13/40")
    assert new.locator("select[name=status]").input_value() == "in_progress"
    due = new.locator("input[name=due]")
    assert due.get_attribute("aria-invalid") == "true"
    assert "err-action-new-due" in due.get_attribute("aria-describedby")
    error_box = page.locator("#err-action-new-due").bounding_box()
    field_box = due.bounding_box()
    assert 0 <= error_box["y"] - (field_box["y"] + field_box["height"]) < 80  # right under it
    page.problems.clear()  # Chromium logs the refused post's 400 status
    check(page, shot, f"{lang}-{width}-minutes-refused-date")
    new.locator("input[name=due]").fill("۱۴۰۵-۰۹-۱۰")
    new.locator("button[name=save]").click()
    page.wait_for_selector("form[data-unit=action].item")
    assert page.locator("form[data-unit=action].item textarea[name=what]").first.input_value() \
        == WHAT
    assert page.locator("#err-action-new-due").count() == 0


def test_font_check_waits_for_a_stylesheet_still_loading(server, desktop_page):
    """A field can appear before the stylesheet has declared the font (a CI flake once)."""
    page = desktop_page("en", server.base_url)

    def slow_stylesheet(route):
        page.wait_for_timeout(600)
        route.continue_()

    page.route("**/app.css*", slow_stylesheet)
    page.goto("/login", wait_until="commit")
    page.wait_for_selector("input[name=email]")
    assert font_loaded(page)
