"""Browser: the register on a desktop (planner links a point) and the citizens' page on a phone."""

from __future__ import annotations

import re

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
    """A server with the demonstration programme (programme 2)."""
    run_python(live_server_module.database_url, "-m", "flask", "demo", "programme",
               "--workshops-per-phase", "2", "--points", "12")
    return live_server_module


def test_planner_register_and_queue_on_desktop(demo, desktop_page, shot):
    """Persian only: the phone test below covers both languages."""
    lang = "fa"
    page = desktop_page(lang, demo.base_url)
    log_in(page, "admin1@example.org", PASSWORD)
    page.goto(f"/staff/programmes/2/register?lang={lang}")
    assert page.locator(".reg-item").count() > 3
    assert_accessible(page)
    shot(page, f"register-{lang}")
    page.goto("/staff/programmes/2/register/queue")
    first = page.locator(".reg-queue > li").first
    title = first.locator(".reg-point-title").inner_text()
    first.get_by_role("button", name=re.compile("Promote|ارتقا")).click()
    page.wait_for_selector(".flash-success")
    assert title not in [t.strip() for t in page.locator(".reg-point-title").all_inner_texts()]
    assert_accessible(page)
    card = page.locator(".reg-queue > li").first  # link the next one by typing its words
    card.locator("input[data-suggest]").fill(card.locator(".reg-point-title").inner_text())
    card.locator("ul[aria-live] button").first.click()
    assert card.locator("input[name=item_id][inputmode]").input_value().isdigit()
    card.get_by_role("button", name=re.compile("^(Link|پیوند)$")).click()
    page.wait_for_selector(".flash-success")
    page.goto("/staff/programmes/2/register/items/1")
    page.wait_for_selector(".reg-history li")
    assert_accessible(page)
    shot(page, f"item-{lang}")
    page.goto("/staff/programmes/2/coverage")
    assert page.locator(".reg-matrix tbody tr").count() > 3
    assert_accessible(page)
    assert_clean(page)


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_citizen_page_on_a_phone(demo, phone_page, shot, lang):
    page = phone_page(lang, demo.base_url)
    page.goto(f"/p/2?lang={lang}")
    cards = page.locator(".reg-public")
    assert cards.count() >= 2
    assert overflow_x(page) == 0, "the public page scrolls sideways at 360 px"
    assert_accessible(page)
    shot(page, f"public-{lang}")
    cards.first.get_by_role("button", name=re.compile("support|حمایت")).click()
    page.wait_for_selector(".flash-success")
    card = page.locator(".reg-public").first
    card.locator("textarea").fill("لطفاً مسیر دوچرخه را تا دانشگاه ادامه دهید")
    card.get_by_role("button", name=re.compile("Send|فرستادن")).click()
    page.wait_for_selector(".flash-success")
    assert "دانشگاه" not in page.locator(".reg-items").inner_text()  # waits for moderation
    page.locator(".reg-public").first.get_by_role("button", name=re.compile("Send|فرستادن")).click()
    expect(page.locator(".flash-error")).to_be_in_viewport()  # an empty comment: said at once
    expect(page.locator(".reg-public textarea[aria-invalid=true]")).to_have_count(1)
    page.problems[:] = [p for p in page.problems if "status of 400" not in p]  # the page's own
    assert_clean(page)
