"""Browser: the plan dashboard and the traceability view on a desktop and a 360 px phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import *  # noqa: F403
from tests.browser import assert_accessible, assert_clean, log_in, overflow_x
from tests.live_server import *  # noqa: F403
from tests.live_server import PASSWORD
from tests.live_setup import run_python

pytestmark = [pytest.mark.browser, pytest.mark.server]


@pytest.fixture(scope="module")
def demo(live_server_module):
    """A server with the demonstration programme and its plan (programme 2)."""
    run_python(live_server_module.database_url, "-m", "flask", "demo", "programme",
               "--workshops-per-phase", "2", "--points", "12")
    return live_server_module


def test_dashboard_and_traceability_on_desktop(demo, desktop_page, shot):
    page = desktop_page("fa", demo.base_url)
    log_in(page, "admin1@example.org", PASSWORD)
    page.goto("/staff/programmes/2/plan?lang=fa")
    assert page.locator(".plan-strategy").count() == 20
    assert page.locator(".plan-status").count() >= 80
    assert_accessible(page)
    shot(page, "plan-dashboard-fa")
    page.locator(".plan-projects a.plan-code").first.click()
    page.wait_for_selector(".plan-figures")
    assert_accessible(page)
    shot(page, "plan-project-fa")
    page.goto("/staff/programmes/2/plan/trace")
    assert page.locator(".plan-trace > li").count() > 5
    page.locator(".plan-trace > li a").first.click()
    page.wait_for_selector(".plan-strategy")
    assert_accessible(page)
    shot(page, "plan-trace-item-fa")
    page.locator(".plan-strategy a.plan-code").first.click()
    page.wait_for_selector("table.list")
    assert_accessible(page)
    shot(page, "plan-indicator-fa")
    page.goto("/staff/programmes/2/plan/edit")
    page.locator("form[action$='/edit/progress'] input[name=progress]").fill("۱۵۰")
    page.locator("form[action$='/edit/progress'] button").click()
    page.wait_for_selector(".flash-error")
    assert "۱۰۰" in page.locator(".flash-error").inner_text()  # a share between 0 and 100
    assert page.locator("form[action$='/edit/progress'] [aria-invalid=true]").input_value() == "۱۵۰"
    page.problems[:] = [p for p in page.problems if "status of 400" not in p]  # the page's own
    assert_accessible(page)
    assert_clean(page)


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_dashboard_and_traceability_on_a_phone(demo, phone_page, shot, lang):
    page = phone_page(lang, demo.base_url)
    log_in(page, "admin1@example.org", PASSWORD)
    for path, name in (("/staff/programmes/2/plan", "dashboard"),
                       ("/staff/programmes/2/plan/trace", "trace")):
        page.goto(f"{path}?lang={lang}")
        assert overflow_x(page) == 0, path
        assert_accessible(page)
        shot(page, f"plan-{name}-phone-{lang}")
    page.goto("/staff/programmes/2/plan/edit")  # bad input: said at once, typed value kept
    page.locator("form[action$='/edit/progress'] input[name=progress]").fill("150")
    page.locator("form[action$='/edit/progress'] button").click()
    expect(page.locator(".flash-error")).to_be_in_viewport()
    expect(page.locator("form[action$='/edit/progress'] .error")).to_have_count(1)
    expect(page.locator("form[action$='/edit/progress'] input[name=progress]")).to_have_value(
        "150")
    assert overflow_x(page) == 0
    shot(page, f"plan-edit-refused-phone-{lang}")
    page.problems[:] = [p for p in page.problems if "status of 400" not in p]  # the page's own
    assert_clean(page)
