"""Issue 9 §3 and §6 in Chromium: the staff console for each role, at 360, 768 and desktop.

Screenshots of the console (facilitator and secretary, each width, fa and en) go to
test-artifacts/console/.
"""

from __future__ import annotations

import pytest

from tests.browser import *  # noqa: F403  (the fixtures)
from tests.browser import assert_accessible, assert_clean, log_in, overflow_x
from tests.console_setup import BIKE_A, BIKE_B, prepare_room, vote_round
from tests.live_setup import PASSWORD

pytestmark = pytest.mark.browser
ARTIFACT_AREA = "console"
TABLET = {"width": 768, "height": 1024}
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1366, "height": 850}
# Every control that changes the workshop: a secretary's console must show none of them.
FACILITATOR_CONTROLS = (
    "[data-move]", "[data-role=moves] button", "[data-role=set-countdown]",
    "[data-role=clear-countdown]", "[data-role=invite-form]", "[data-role=roster] button",
    "[data-role=focus] .focus-card button", "[data-role=focus] .focus-card select",
    "[data-role=focus] .focus-card input[type=checkbox]", "[data-role=merge]",
    "[data-role=duplicates] button:not(.explain-term)", "[data-role=round-form]",
    "[data-role=vote-rounds] button", ".vote-create",
)


@pytest.fixture(scope="module")
def server(live_server_module):
    return live_server_module


@pytest.fixture(scope="module")
def room(server):
    """One prepared workshop with a closed round, shared by the layout tests."""
    prepared = prepare_room(server)
    vote_round(prepared)
    return prepared


def open_console(desktop_page, server, room, email, lang, viewport=None):
    page = desktop_page(lang, server.base_url)
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, email, PASSWORD)
    page.goto(f"/staff/workshops/{room.workshop['id']}")
    page.wait_for_selector("[data-role=roster] .roster-row")
    page.wait_for_selector("[data-role=points] .focus-card")
    page.wait_for_selector("[data-role=duplicates] li")
    return page


def wait_all_connected(page, count: int) -> None:
    """Every roster badge says connected: a phone's arrival is committed just after its
    connect, and the roster follows with the next presence broadcast."""
    page.wait_for_function(
        "(n) => { const bs = [...document.querySelectorAll('[data-role=roster] [data-presence]')];"
        " return bs.length === n && bs.every((b) => b.dataset.presence === 'connected'); }",
        arg=count)


def visible_controls(page) -> list[str]:
    found = []
    for selector in FACILITATOR_CONTROLS:
        for element in page.locator(selector).all():
            if element.is_visible():
                found.append(f"{selector}: {element.evaluate('e => e.outerHTML.slice(0, 90)')}")
    return found


@pytest.mark.parametrize("lang", ["fa", "en"])
@pytest.mark.parametrize("role", ["facilitator", "secretary"])
def test_console_fits_each_width_and_shows_only_the_role(role, lang, server, room, desktop_page,
                                                         shot):
    email = room.facilitator if role == "facilitator" else room.secretary
    page = open_console(desktop_page, server, room, email, lang, PHONE)
    page.wait_for_selector(".result-row")
    for name, viewport in (("phone", PHONE), ("tablet", TABLET), ("desktop", DESKTOP)):
        page.set_viewport_size(viewport)
        page.evaluate("() => new Promise((done) => requestAnimationFrame(() => done()))")
        assert overflow_x(page) == 0, f"{role} console scrolls sideways at {name}"
        controls = visible_controls(page)
        if role == "secretary":
            assert controls == [], "\n".join(controls)
            assert page.locator("[data-role=role-note]").is_visible()
        else:
            assert len(controls) > 10, controls
        shot(page, f"{lang}-{role}-{name}")
        if name != "tablet":
            assert_accessible(page)
    wait_all_connected(page, 3)
    assert_clean(page)


def test_secretary_is_refused_facilitator_commands_over_the_socket(server, room):
    """Hiding the controls is not the guard: the services refuse a secretary anyway."""
    secretary = server.login(room.secretary)
    sock = server.socket(secretary, room.workshop, "console")
    ack = sock.command("merge_points", {"survivor": room.points[BIKE_A],
                                        "merged": [room.points[BIKE_B]]})
    assert ack["ok"] is False
    assert ack["error"] in ("forbidden", "not_found")


def test_explanations_open_on_tap_and_are_described(server, room, desktop_page):
    page = open_console(desktop_page, server, room, room.facilitator, "fa", PHONE)
    page.wait_for_selector(".result-row")
    for term in ("consensus", "balanced"):
        button = page.locator(f".result-row [data-explain={term}]").first
        tip_id = button.get_attribute("aria-describedby")
        tip = page.locator(f"#{tip_id}")
        assert not tip.is_visible()
        button.click()
        assert tip.is_visible()
        assert len(tip.inner_text()) > 40
        assert button.get_attribute("aria-expanded") == "true"
        page.keyboard.press("Escape")
        assert not tip.is_visible()
    duplicate = page.locator("[data-role=duplicates] [data-explain=similarity]").first
    duplicate.hover()
    assert page.locator("#" + duplicate.get_attribute("aria-describedby")).is_visible()
    # By keyboard: the figures are buttons in the tab order; Enter opens, Escape closes.
    support = page.locator("[data-explain=support]")
    support.focus()
    page.keyboard.press("Enter")
    tip = page.locator("#" + support.get_attribute("aria-describedby"))
    assert tip.is_visible()
    assert len(tip.inner_text()) > 40
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    page.keyboard.press("Shift+Tab")  # the heatmap's scrolling region takes focus too
    assert page.evaluate("() => document.activeElement.classList.contains('scroll-x')")
    assert_clean(page)


@pytest.fixture
def fresh(server):
    """A workshop in the propose stage with points and no round (merges are allowed)."""
    return prepare_room(server)


def test_new_points_join_the_round_form_and_merge_is_confirmed_and_undone(server, fresh,
                                                                          desktop_page, shot):
    page = open_console(desktop_page, server, fresh, fresh.facilitator, "fa", TABLET)
    form = page.locator("[data-role=round-form]")
    page.click(".vote-create summary")
    form.locator("input[name=points]").first.check()
    late = "سایه‌بان ایستگاه‌های اتوبوس خیابان حکیم نظامی"
    assert fresh.phones[0].command("propose_point", {"title": late})["ok"]
    form.get_by_text(late).wait_for(timeout=3000)       # without reloading the page
    assert form.locator("input[name=points]:checked").count() == 1   # ticks are kept
    # Merge from the duplicates list: the in-page dialog names both points first.
    page.locator("[data-role=duplicates] li", has_text=BIKE_A).get_by_role("button").last.click()
    dialog = page.locator("dialog[data-role=confirm-dialog]")
    dialog.wait_for(state="visible")
    assert BIKE_A in dialog.inner_text()
    assert BIKE_B in dialog.inner_text()
    assert dialog.locator("[data-role=confirm-ok]").evaluate("b => b === document.activeElement")
    shot(page, "fa-facilitator-merge-dialog")
    assert_accessible(page)
    page.keyboard.press("Escape")                        # cancel: nothing merged
    assert not dialog.is_visible()
    assert page.locator("[data-role=points] .focus-card").count() == 5
    page.locator("[data-role=duplicates] li", has_text=BIKE_A).get_by_role("button").last.click()
    dialog.locator("[data-role=confirm-ok]").click()
    page.wait_for_function("() => document.querySelectorAll('[data-role=points] .focus-card')"
                           ".length === 4")
    undo = page.locator("[data-role=undo-bar]")
    undo.wait_for(state="visible")
    assert form.get_by_text(BIKE_B, exact=True).count() == 0   # the form follows the merge
    shot(page, "fa-facilitator-merge-undo")
    undo.locator("[data-role=undo]").click()
    page.wait_for_function("() => document.querySelectorAll('[data-role=points] .focus-card')"
                           ".length === 5")
    form.get_by_text(BIKE_B, exact=True).wait_for(timeout=3000)
    assert_clean(page)


def test_roster_tells_connected_from_offline_and_stage_changes_are_announced(server, fresh,
                                                                              desktop_page):
    page = open_console(desktop_page, server, fresh, fresh.secretary, "en")
    badges = page.locator("[data-role=roster] [data-presence]")
    wait_all_connected(page, 3)
    assert "Connected" in badges.first.inner_text()
    fresh.phones[1].close()
    page.locator("[data-role=roster] [data-presence=offline]").wait_for(timeout=5000)
    assert "offline since" in page.locator("[data-presence=offline]").inner_text()
    assert fresh.console.command("move_stage", {"stage": "discuss"})["ok"]
    page.wait_for_function(
        "() => document.querySelector('[data-role=announce]').textContent.includes('Discuss')")
    assert page.get_attribute("[data-role=announce]", "aria-live") == "polite"
    assert_clean(page)
