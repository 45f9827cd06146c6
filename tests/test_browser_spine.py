"""Issue 2 §8 in Chromium: log in, create a workshop, two phones join, every screen follows.

Screenshots of every page in fa and en go to test-artifacts/spine/.
"""

from __future__ import annotations

import re
import time

import pytest

from tests.browser import *  # noqa: F403  (the fixtures)
from tests.browser import (
    _watch,
    assert_clean,
    font_loaded,
    latin_digits,
    overflow_x,
    small_targets,
)
from tests.live_server import PASSWORD
from tests.timing import within

pytestmark = pytest.mark.browser
ARTIFACT_AREA = "spine"
FOLLOW_SECONDS = 1.0
XSS_NAME = "Sara <img src=x onerror=alert(1)><script>alert(2)</script>"
STAGE_NAMES = {
    "fa": {"lobby": "پیش از شروع", "propose": "پیشنهاد", "discuss": "گفت‌وگو",
           "vote": "رأی‌گیری", "results": "نتایج", "closed": "پایان"},
    "en": {"lobby": "Lobby", "propose": "Propose", "discuss": "Discuss", "vote": "Vote",
           "results": "Results", "closed": "Closed"},
}
PERSIAN_CLOCK = re.compile(r"^[۰-۹]+:[۰-۹]{2}$")


FACILITATOR = ("facilitator1@example.org", PASSWORD)  # ready in every live_server database


@pytest.fixture(scope="module")
def server(live_server_module):
    """The shared real server (tests/live_server.py); every test makes its own workshops."""
    live_server_module.url = live_server_module.base_url
    return live_server_module


def check_page(page, lang: str, phone: bool = False) -> None:
    """What every page must get right, in both languages."""
    expected_dir = "rtl" if lang == "fa" else "ltr"
    assert page.get_attribute("html", "dir") == expected_dir
    assert page.get_attribute("html", "lang") == lang
    assert font_loaded(page), "Vazirmatn did not load"
    if lang == "fa":
        assert latin_digits(page) == [], "Latin digits in Persian text"
    if phone:
        assert overflow_x(page) == 0, "page scrolls sideways at 360 px"
        assert small_targets(page) == [], "touch targets under 44 px"
    assert_clean(page)


def wait_stage(pages, stage: str, started: float) -> None:
    """Every page shows `stage` within FOLLOW_SECONDS of the facilitator's click."""
    for page in pages:
        page.wait_for_function("s => document.body.dataset.stage === s", arg=stage,
                               polling="raf")
        took = time.monotonic() - started
        assert took < within(FOLLOW_SECONDS), f"{page.url} followed {stage} after {took:.2f}s"


def log_in(server, lang, desktop_page, shot):
    page = desktop_page(lang, server.url)
    page.goto("/")
    check_page(page, lang)
    shot(page, f"{lang}-home")
    page.goto("/login")
    check_page(page, lang)
    shot(page, f"{lang}-login")
    email, password = FACILITATOR
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_url("**/staff/")
    return page


def create_workshop(page, lang, shot, title, roster=False) -> str:
    """Fill the form (Jalali date typed in Persian digits in fa) and return the join code."""
    page.goto("/staff/")
    check_page(page, lang)
    shot(page, f"{lang}-workshops{'-roster' if roster else ''}")
    page.click("a[href$='/staff/workshops/new']")
    page.fill("input[name=title]", title)
    question = "چگونه محله‌های تاریخی زنده بمانند؟" if lang == "fa" else "How do old quarters live?"
    page.fill("textarea[name=guiding_question]", question)
    page.fill("input[name=location]", "تالار شهر" if lang == "fa" else "City hall")
    page.fill("input[name=date]", "۱۴۰۵/۰۹/۱۵" if lang == "fa" else "1405/09/15")
    page.fill("input[name=time]", "۰۹:۳۰" if lang == "fa" else "09:30")
    page.select_option("select[name=language]", lang)
    if roster:
        page.check("input[name=roster_mode]")
    check_page(page, lang)
    if not roster:
        shot(page, f"{lang}-workshop-form")
    page.click("form.grid-form button[type=submit]")
    page.wait_for_selector("#console")
    page.wait_for_selector("[data-move]")
    expected = "۱۵ آذر ۱۴۰۵" if lang == "fa" else "6 Dec 2026"  # English shows Gregorian
    assert expected in page.inner_text(".page-head time")
    return page.inner_text(".join-card .join-code").strip()


def join(page, lang, shot, code, name, tag=None):
    """A phone types the code on the home page, then its name and field."""
    page.goto("/")
    if tag:
        check_page(page, lang, phone=True)
        shot(page, f"{lang}-phone-home")
    page.fill("input[name=code]", code.lower()[:3] + "-" + code.lower()[3:])
    page.click("form button[type=submit]")
    page.wait_for_selector("input[name=name]")
    check_page(page, lang, phone=True)
    if tag:
        shot(page, f"{lang}-phone-join-form")
    page.fill("input[name=name]", name)
    page.select_option("select[name=discipline_id]", index=1)
    page.click("form button[type=submit]")
    page.wait_for_selector("#phone")
    page.wait_for_function("() => document.body.dataset.stage !== undefined")
    return page


def open_projector(console):
    projector = console.context.new_page()
    _watch(projector)
    projector.goto(console.url + "/projector")
    projector.wait_for_function("() => document.body.dataset.stage === 'lobby'")
    return projector


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_facilitator_runs_workshop_and_every_screen_follows(lang, server, desktop_page,
                                                            phone_page, shot):
    console = log_in(server, lang, desktop_page, shot)
    code = create_workshop(console, lang, shot, "بازآفرینی محلهٔ جلفا" if lang == "fa"
                           else "Renewing the Jolfa quarter")
    check_page(console, lang)
    projector = open_projector(console)
    phones = [join(phone_page(lang, server.url), lang, shot, code, "مریم احمدی", tag=True),
              join(phone_page(lang, server.url), lang, shot, code, XSS_NAME)]
    projector.wait_for_function(
        "() => /[2۲]/.test(document.querySelector('.presence-total').textContent)")
    console.wait_for_function("() => document.querySelectorAll('.roster-row').length === 2")
    check_names_literal(console, phones[1])
    for page, name in ((projector, "projector-lobby"), (phones[0], "phone-lobby")):
        check_page(page, lang, phone=page in phones)
        shot(page, f"{lang}-{name}")
    shot(console, f"{lang}-console-lobby")
    console.fill("input[name=countdown_minutes]", "۲" if lang == "fa" else "2")
    for stage in ("propose", "discuss", "vote", "discuss", "vote", "results", "closed"):
        console.wait_for_selector(f"[data-move={stage}]")
        started = time.monotonic()
        console.eval_on_selector(f"[data-move={stage}]", "button => button.click()")
        wait_stage([*phones, projector], stage, started)
        expected = STAGE_NAMES[lang][stage]
        assert phones[0].inner_text("[data-role=stage-name]") == expected
        if stage == "propose":
            check_countdown(phones[0], projector, lang)
            for page, name in ((phones[0], "phone-stage"), (projector, "projector-stage"),
                               (console, "console-stage")):
                check_page(page, lang, phone=page in phones)
                shot(page, f"{lang}-{name}")
    shot(phones[0], f"{lang}-phone-closed")
    check_error_pages(console, phone_page(lang, server.url), lang, shot)
    check_programme_page(console, lang, shot)


def check_countdown(phone, projector, lang):
    """The countdown runs on phones and the projector, in Persian digits in fa."""
    for page in (phone, projector):
        page.wait_for_selector("[data-role=countdown]:not([hidden])")
        text = page.inner_text("[data-role=countdown]").strip()
        assert PERSIAN_CLOCK.match(text) if lang == "fa" else re.match(r"^\d+:\d{2}$", text), text
        assert text.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")) in ("2:00", "1:59", "1:58")


def check_names_literal(console, phone):
    """HTML in a name is text everywhere: no element was created from it."""
    row = console.locator(".roster-row", has_text="Sara").inner_text()
    assert "<img src=x onerror=alert(1)>" in row
    assert "<img src=x" in phone.inner_text(".me")
    for page in (console, phone):
        injected = "() => document.querySelectorAll('img[src=x], .roster script').length"
        assert page.evaluate(injected) == 0


def check_error_pages(console, phone, lang, shot):
    console.goto("/staff/workshops/999999")
    assert console.inner_text("h1") == ("پیدا نشد." if lang == "fa" else "Not found.")
    console.problems.clear()  # Chromium logs the 404 status of the page itself
    check_page(console, lang)
    shot(console, f"{lang}-error-404")
    phone.goto("/")
    phone.fill("input[name=code]", "ZZZZZZ")
    phone.click("form button[type=submit]")
    phone.wait_for_selector(".error")
    expected = "کارگاه بازی" if lang == "fa" else "There is no open workshop"
    assert expected in phone.inner_text(".error")
    phone.problems.clear()  # Chromium logs the 404 status of the refused code's page
    check_page(phone, lang, phone=True)
    shot(phone, f"{lang}-phone-bad-code")


def check_programme_page(console, lang, shot):
    """The disciplines editor, reached from the workshop list."""
    console.goto("/staff/")
    console.click("a[href^='/staff/programs/']")
    console.wait_for_selector(".edit-row")
    check_page(console, lang)
    shot(console, f"{lang}-programme")


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_roster_mode_walk_in_admitted_then_removed(lang, server, desktop_page, phone_page, shot):
    console = log_in(server, lang, desktop_page, shot)
    code = create_workshop(console, lang, shot, "کارگاه با فهرست" if lang == "fa"
                           else "Roster workshop", roster=True)
    walk_in = join(phone_page(lang, server.url), lang, shot, code, "Reza")
    walk_in.wait_for_selector("[data-role=waiting]:not([hidden])")
    check_page(walk_in, lang, phone=True)
    shot(walk_in, f"{lang}-phone-waiting")
    console.wait_for_selector(".roster-row.status-pending")
    shot(console, f"{lang}-console-roster")
    started = time.monotonic()
    console.click(".roster-row.status-pending button.primary")
    walk_in.wait_for_selector("[data-role=live]:not([hidden])")
    assert time.monotonic() - started < within(2 * FOLLOW_SECONDS)
    invitee = invite(console, lang, phone_page(lang, server.url), shot)
    console.wait_for_selector(".roster-row.status-admitted >> nth=1")
    console.locator(".roster-row", has_text="Reza").locator("button.danger").click()
    console.click("dialog[data-role=confirm-dialog] [data-role=confirm-ok]")  # in-page confirm
    walk_in.wait_for_selector("[data-role=gone]:not([hidden])")
    removed = "حذف شده" if lang == "fa" else "removed"
    assert removed in walk_in.inner_text("[data-role=gone]")
    shot(walk_in, f"{lang}-phone-removed")
    walk_in.reload()
    walk_in.wait_for_selector("input[name=name]")  # the token stopped working: join again
    assert invitee.evaluate("() => document.body.dataset.stage") == "lobby"
    assert_clean(console)


def invite(console, lang, phone, shot):
    """The facilitator adds an invitee; their personal link admits them at once."""
    console.fill("[data-role=invite-form] input[name=name]", "Niloufar")
    console.click("[data-role=invite-form] button[type=submit]")
    link = console.wait_for_selector("[data-role=invite-link] a").get_attribute("href")
    phone.goto(link)
    check_page(phone, lang, phone=True)
    shot(phone, f"{lang}-phone-invitation")
    phone.click("form button[type=submit]")
    phone.wait_for_selector("[data-role=live]:not([hidden])")
    return phone
