"""Issue 3 in Chromium: two phones propose and annotate, the facilitator merges and hides,
the projector shows the result. Screenshots in fa and en go to test-artifacts/focus/."""

from __future__ import annotations

import re
import time

import pytest

from tests.browser import *  # noqa: F403  (the fixtures)
from tests.browser import (
    assert_clean,
    join_workshop,
    latin_digits,
    log_in,
    overflow_x,
    small_targets,
    window_like,
)
from tests.live_setup import PASSWORD
from tests.timing import within

pytestmark = pytest.mark.browser
ARTIFACT_AREA = "focus"
XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>"
BIKE_A = "مسیر دوچرخه در خیابان چهارباغ"
BIKE_B = "ايجاد مسير دوچرخه در خيابان چهارباغ"  # Arabic yeh: still a near-duplicate
BIKE_B_STORED = BIKE_B  # stored and shown as typed (docs/persian-text.md); folded only in keys
POINTS = "[data-role=focus] .focus-card"


def card(page, title):
    """The card whose title is exactly `title` (one title can contain another)."""
    exact = page.locator(".focus-title", has_text=re.compile("^" + re.escape(title) + "$"))
    return page.locator("[data-role=focus] .focus-card").filter(has=exact)


@pytest.fixture(scope="module")
def server(live_server_module):
    """The shared real server (tests/live_server.py), with the name this module uses."""
    live_server_module.url = live_server_module.base_url
    return live_server_module


def console_for(server, desktop_page, lang):
    page = desktop_page(lang, server.url)
    log_in(page, server.create_user("facilitator"), PASSWORD)
    page.goto("/staff/workshops/new")
    page.fill("input[name=title]", "محور چهارباغ" if lang == "fa" else "Chaharbagh axis")
    page.select_option("select[name=language]", lang)  # phones start in the workshop's language
    page.click("form.grid-form button[type=submit]")
    page.wait_for_selector("[data-move=propose]")
    page.eval_on_selector("[data-move=propose]", "b => b.click()")
    page.wait_for_selector("[data-role=moves][data-stage=propose]")
    return page


def join(page, code, name, discipline_index):
    return join_workshop(page, code, name, discipline_index, "[data-role=propose]:not([hidden])")


def propose(phone, title):
    phone.fill("#focus-title", title)
    phone.click("[data-role=propose] button[type=submit]")
    phone.wait_for_function("() => document.querySelector('#focus-title').value === ''")


def annotate(phone, title, kind, body, link=""):
    box = card(phone, title)
    box.locator("summary").click()
    box.locator(f"label.kind-{kind}").click()
    box.locator("textarea[name=body]").fill(body)
    if link:
        box.locator("input[name=source_url]").fill(link)
    box.locator(".focus-note-form button[type=submit]").click()
    box.locator(".focus-note .note-text", has_text=body).wait_for()


def check(page, lang, phone=False):
    assert page.get_attribute("html", "dir") == ("rtl" if lang == "fa" else "ltr")
    if lang == "fa":
        assert latin_digits(page) == [], f"Latin digits in Persian text: {latin_digits(page)}"
    if phone:
        assert overflow_x(page) == 0, "page scrolls sideways at 360 px"
        assert small_targets(page) == [], "touch targets under 44 px"
    assert_clean(page)


def literal_everywhere(pages):
    """The HTML payload is text on every screen: no element was created from it."""
    for page in pages:
        page.locator(".focus-title", has_text="<img src=x").first.wait_for()
        assert page.evaluate("() => document.querySelectorAll('img[src=x], .focus-card script')"
                             ".length") == 0


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_phones_propose_facilitator_merges_and_hides(lang, server, desktop_page, phone_page,
                                                     shot):
    console = console_for(server, desktop_page, lang)
    code = console.inner_text(".join-card .join-code").strip()
    projector = window_like(desktop_page, console, lang, server.url)  # not a tab over the console
    projector.goto(console.url + "/projector")
    phone_a = join(phone_page(lang, server.url), code, "مریم احمدی", 1)
    phone_b = join(phone_page(lang, server.url), code, "Reza", 3)
    propose(phone_a, BIKE_A)
    phone_b.fill("#focus-title", BIKE_B)
    phone_b.wait_for_selector("[data-role=similar]:not([hidden]) a")
    assert BIKE_A in phone_b.inner_text("[data-role=similar]")
    shot(phone_b, f"{lang}-phone-similar")
    phone_b.click("[data-role=propose] button[type=submit]")
    propose(phone_a, XSS)
    for page in (phone_a, phone_b, projector, console):
        page.wait_for_function("s => document.querySelectorAll(s).length === 3", arg=POINTS)
    literal_everywhere([phone_a, phone_b, projector, console])
    annotate(phone_a, BIKE_B_STORED, "concern", "هزینهٔ نگهداری در زمستان")
    annotate(phone_b, BIKE_A, "evidence", "گزارش شمارش دوچرخه‌ها", "https://example.org/count")
    check(phone_a, lang, phone=True)
    shot(phone_a, f"{lang}-phone-annotated")
    shot(console, f"{lang}-console-before")

    for title in (BIKE_A, BIKE_B_STORED):
        card(console, title).locator("input[type=checkbox]").check()
    console.click("[data-role=merge]")
    console.click("dialog[data-role=confirm-dialog] [data-role=confirm-ok]")  # in-page confirm
    for page in (phone_a, phone_b, projector, console):
        page.wait_for_function("s => document.querySelectorAll(s).length === 2", arg=POINTS)
    hide = card(console, XSS).locator(".actions button.danger").first
    hide.wait_for()
    hide.evaluate("button => button.click()")
    console.fill("dialog[data-role=confirm-dialog] input", "تبلیغاتی")  # the hide reason
    started = time.monotonic()
    console.click("dialog[data-role=confirm-dialog] [data-role=confirm-ok]")
    for page in (phone_a, phone_b, projector):
        page.wait_for_function("s => document.querySelectorAll(s).length === 1", arg=POINTS,
                               polling="raf")
    took = time.monotonic() - started
    assert took < within(1.0), f"hidden point still shown after {took:.2f}s"
    for page in (phone_a, projector):
        assert "<img" not in page.inner_text("[data-role=focus] [data-role=points]")
        assert page.locator(".focus-lineage").count() == 1
    survivor = projector.locator(".focus-card").first
    assert survivor.locator(".kind-evidence .kind-count").inner_text().strip() in ("1", "۱")
    assert survivor.locator(".kind-concern .kind-count").inner_text().strip() in ("1", "۱")
    console.wait_for_selector(".focus-card.is-hidden")
    for page, name, phone in ((phone_a, "phone-result", True), (phone_b, "phone-b-result", True),
                              (projector, "projector-result", False),
                              (console, "console-result", False)):
        check(page, lang, phone=phone)
        shot(page, f"{lang}-{name}")
