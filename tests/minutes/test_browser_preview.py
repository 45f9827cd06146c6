"""Browser: a minutes preview builds in the background; the page shows its progress and stays
usable; the ready preview opens as a PDF. Phone width and desktop, fa and en."""

from __future__ import annotations

import re

import pytest

from tests.browser import *  # noqa: F403
from tests.browser import assert_clean, overflow_x
from tests.live_server import *  # noqa: F403
from tests.minutes.test_browser_minutes import _login, _workshop_with_secretary

pytestmark = [pytest.mark.browser, pytest.mark.server]
START = re.compile(r"/minutes/preview\?lang=fa$")


@pytest.mark.parametrize(("lang", "width"), [("fa", "phone"), ("en", "desktop")])
def test_preview_progress_without_blocking_the_page(live_server, phone_page, desktop_page, shot,
                                                    lang, width):
    workshop, _, secretary = _workshop_with_secretary(live_server)
    page = (phone_page if width == "phone" else desktop_page)(lang)
    _login(page, live_server.base_url, secretary)
    page.goto(f"{live_server.base_url}/staff/workshops/{workshop['id']}/minutes?lang={lang}")
    page.wait_for_selector("[data-role=connection]:not(:empty)")
    held = []  # the start request's answer is held, so "building" is seen for sure
    page.route(START, lambda route: held.append(route))
    page.click("a[data-role=preview][data-lang=fa]")
    row = page.locator("[data-role=preview-states] li[data-lang=fa]")
    row.and_(page.locator("[data-state=building]")).wait_for()
    assert page.url.endswith(f"lang={lang}")  # the link did not navigate away
    shot(page, f"{lang}-{width}-preview-building")
    page.fill("#summary-text", "خلاصه در حین ساخت پیش‌نمایش")  # the page stays usable
    page.wait_for_selector("form[data-unit=summary][data-state=saved]")
    for route in held:
        route.continue_()
    page.unroute(START)
    row.and_(page.locator("[data-state=ready]")).wait_for()
    link = row.locator("a[data-role=preview-link]")
    response = page.request.get(live_server.base_url + link.get_attribute("href"))
    assert response.ok
    assert response.body().startswith(b"%PDF")
    shot(page, f"{lang}-{width}-preview-ready")
    assert overflow_x(page) == 0
    assert_clean(page)
