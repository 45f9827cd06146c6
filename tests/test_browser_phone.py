"""Issue 9, the phone at 360×740 (fa, en): joining asks for the field with nothing chosen, the
stage's main action comes first (the ballot at the top of the vote stage, results first after
it), one status line for every state, a sticky ballot bar whose rested controls say why, edits in
place, no sideways scrolling, axe-clean pages, and the first-load page weight."""

from __future__ import annotations

import json

import pytest

from tests.browser import *  # noqa: F403  (the fixtures)
from tests.browser import ARTIFACTS, assert_accessible, assert_clean, overflow_x
from tests.room_setup import build_room

pytestmark = pytest.mark.browser
ARTIFACT_AREA = "room"
TEXT = {
    "fa": {"no_round": "رأی‌گیری بازی نیست.", "voted": "رأی شما ثبت شده است",
           "left0": "نقطه‌های باقی‌مانده: ۰", "closed": "رأی‌گیری بسته شده است.",
           "offline": "بدون اتصال", "waiting": "در انتظار پذیرش", "removed": "حذف"},
    "en": {"no_round": "No vote is open right now.", "voted": "You have voted",
           "left0": "Dots left: 0", "closed": "Voting is closed.", "offline": "Offline",
           "waiting": "Waiting for the facilitator", "removed": "removed"},
}
STATUS = "[data-role=status]"
READY = "() => window.Hamandishi && Hamandishi.client && Hamandishi.client.state"
BUDGET_KB = 250


@pytest.fixture(scope="module")
def rooms(live_server_module):
    return {lang: build_room(live_server_module, lang, phones=4) for lang in ("fa", "en")}


def join(page, room, lang: str, shot, name: str = "Parisa") -> None:
    """The join form: nothing chosen; skipping the field is refused with the form kept."""
    page.goto(f"/j/{room.workshop['code']}")
    assert page.get_attribute("html", "lang") == lang
    assert page.input_value("select[name=discipline_id]") == "", "a field is preselected"
    page.fill("input[name=name]", name)
    page.click("form button[type=submit]")
    page.locator(".has-error select[name=discipline_id]").wait_for()
    assert page.input_value("input[name=name]") == name
    # The refusal is a 400 page, which chromium logs as a failed load: expected here.
    page.problems[:] = [p for p in page.problems if "status of 400" not in p]
    shot(page, f"{lang}-phone-join-refused")
    assert_accessible(page)
    page.select_option("select[name=discipline_id]", index=2)
    page.click("form button[type=submit]")
    page.wait_for_selector("#phone")
    page.wait_for_function(READY)


def stage(page, room, name: str) -> None:
    room.move(name)
    page.wait_for_function("(s) => document.body.dataset.stage === s", arg=name)
    page.wait_for_timeout(200)


def status(page) -> str:
    return page.locator(STATUS).inner_text()


def look(page, lang: str, name: str, shot) -> None:
    """Screenshot, no sideways scrolling, axe-clean."""
    shot(page, f"{lang}-phone-{name}")
    assert overflow_x(page) == 0, f"{name}: scrolls sideways at 360 px"
    assert_accessible(page)


def in_first_screen(page, selector: str) -> bool:
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / "room" / "last-first-screen.png"))
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 740


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_phone_every_stage(lang, rooms, phone_page, shot):
    room, text = rooms[lang], TEXT[lang]
    page = phone_page("en" if lang == "fa" else "fa", room.server.base_url)
    join(page, room, lang, shot)
    look(page, lang, "lobby", shot)
    stage(page, room, "propose")
    propose_and_edit(page, lang, shot)
    room.propose(5)
    stage(page, room, "discuss")
    look(page, lang, "discuss", shot)
    stage(page, room, "vote")
    page.locator(STATUS, has_text=text["no_round"]).wait_for()
    room.open_round(budget=2)
    vote(page, room, text, lang, shot)
    offline(page, text, lang, shot)
    room.close_round()
    stage(page, room, "results")
    page.locator(".vote-results:not([hidden]) .result-row").first.wait_for()
    assert in_first_screen(page, ".vote-results .result-row"), "results start below the fold"
    page.locator(STATUS, has_text=text["closed"]).wait_for()
    look(page, lang, "results", shot)
    stage(page, room, "closed")
    look(page, lang, "closed", shot)
    assert_clean(page)


def propose_and_edit(page, lang: str, shot) -> None:
    """Propose, then edit the point in place (no prompt box: assert_clean fails on dialogs)."""
    page.fill("#focus-title", "Shade trees on Hakim street" if lang == "en" else "درخت‌های سایه‌دار")
    page.click("[data-role=propose] button[type=submit]")
    card = page.locator(".focus-card", has_text="Hakim" if lang == "en" else "سایه‌دار")
    mine = page.locator(f".focus-card[data-point='{card.get_attribute('data-point')}']")
    mine.locator(".actions button").first.click()
    form = mine.locator("form.focus-edit-form")
    new_title = "Shade trees everywhere" if lang == "en" else "درخت در همه جا"
    form.locator("input[name=title]").fill(new_title)
    shot(page, f"{lang}-phone-edit-in-place")
    form.locator("button[type=submit]").click()
    page.locator(".focus-card .focus-title", has_text=new_title).wait_for()
    assert page.locator("form.focus-edit-form").count() == 0


def vote(page, room, text: dict, lang: str, shot) -> None:
    """Ballot first; spend both dots on one point; "+" rests elsewhere and says why."""
    page.locator(".vote-point button").first.wait_for()
    assert in_first_screen(page, ".vote-point button"), "the ballot starts below the fold"
    first = page.locator(f".vote-point[data-point='{room.points[0]}']")
    for _ in range(2):
        first.locator(".stepper button").last.click()
        page.locator(".vote-bar [data-status=saved]").wait_for()
    page.locator(".vote-bar .vote-left", has_text=text["left0"]).wait_for()
    other = page.locator(f".vote-point[data-point='{room.points[1]}'] .stepper button").last
    assert other.is_disabled()
    reason = page.locator("#vote-reason")
    assert reason.is_visible()
    assert other.get_attribute("aria-describedby") == "vote-reason"
    assert "✓" in page.locator(".vote-bar .vote-saved").inner_text()
    page.locator(STATUS, has_text=text["voted"]).wait_for()
    look(page, lang, "vote", shot)
    page.screenshot(path=str(ARTIFACTS / "room" / f"{lang}-phone-vote-first-screen.png"))
    page.evaluate("() => window.scrollTo(0, 600)")
    assert page.locator(".vote-bar").bounding_box()["y"] >= -1, "the bar is not sticky"
    page.screenshot(path=str(ARTIFACTS / "room" / f"{lang}-phone-vote-scrolled.png"))


def offline(page, text: dict, lang: str, shot) -> None:
    """Cut the socket, take a dot back: the status line says offline with one action queued."""
    page.evaluate("() => { const m = Hamandishi.client.socket.io; m.reconnection(false);"
                  " m.engine.close(); }")
    page.wait_for_function("() => !Hamandishi.client.socket.connected")
    page.locator(".vote-point .stepper button").first.click()
    page.locator(STATUS, has_text=text["offline"]).wait_for()
    assert ("۱" if lang == "fa" else "1") in status(page)
    shot(page, f"{lang}-phone-offline-queued")
    page.evaluate("() => { const m = Hamandishi.client.socket.io; m.reconnection(true);"
                  " Hamandishi.client.socket.connect(); }")
    page.locator(".vote-bar [data-status=saved]").wait_for(timeout=15_000)
    page.locator(STATUS, has_text=text["voted"]).wait_for()


def test_waiting_and_removed_say_so(live_server_module, phone_page, shot):
    """Roster mode: the phone waits (one line), is admitted, then removed (one line)."""
    room = build_room(live_server_module, "fa", phones=1, roster_mode="y")
    page = phone_page("fa", live_server_module.base_url)
    page.goto(f"/j/{room.workshop['code']}")
    page.fill("input[name=name]", "Parisa")
    page.select_option("select[name=discipline_id]", index=1)
    page.click("form button[type=submit]")
    page.locator(STATUS, has_text=TEXT["fa"]["waiting"]).wait_for()
    shot(page, "fa-phone-waiting")
    assert_accessible(page)
    me = page.evaluate("() => Hamandishi.client.state.me.id")
    assert room.console.command("admit_participant", {"participant": me})["ok"]
    page.wait_for_function("() => Hamandishi.client.state.me.status === 'admitted'")
    assert room.console.command("remove_participant", {"participant": me})["ok"]
    page.locator(STATUS, has_text=TEXT["fa"]["removed"]).wait_for()
    shot(page, "fa-phone-removed")


# Resources of the first load, as the network layer counted them (bytes on the wire).
WEIGHT = """() => performance.getEntriesByType('resource').concat(
  performance.getEntriesByType('navigation')).map((e) => ({name: e.name, type: e.initiatorType,
  wire: e.transferSize, body: e.encodedBodySize, raw: e.decodedBodySize}))"""


def test_phone_first_load_weight(live_server_module, phone_page):
    """HTML + CSS + JS + font of a phone's first load, compressed as served: ≤ 250 KB."""
    room = build_room(live_server_module, "fa", phones=1)  # its own room, still in the lobby
    joined = phone_page("fa", room.server.base_url)
    opened = joined.goto(f"/j/{room.workshop['code']}")
    assert opened.status == 200, "the join code opens no workshop (closed by another test?)"
    joined.fill("input[name=name]", "Weight")
    joined.select_option("select[name=discipline_id]", index=1)
    joined.click("form button[type=submit]")
    joined.wait_for_selector("#phone")
    page = phone_page("fa", room.server.base_url)  # a new context: nothing cached yet
    page.context.add_cookies(joined.context.cookies())
    page.goto(f"/w/{room.workshop['id']}/phone")
    page.wait_for_function(READY)
    page.evaluate("() => document.fonts.ready")
    page.wait_for_load_state("networkidle")
    entries = [e for e in page.evaluate(WEIGHT) if "/socket.io/?" not in e["name"]]
    phone = [e for e in entries if "/phone" in e["name"] or "/static/" in e["name"]]
    served = sum(e["body"] for e in phone)
    raw = sum(e["raw"] for e in phone)
    report = {"served_bytes": served, "uncompressed_bytes": raw,
              "resources": sorted(phone, key=lambda e: -e["body"])}
    (ARTIFACTS / "room").mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "room" / "phone-weight.json").write_text(json.dumps(report, indent=1))
    assert any(e["name"].endswith(".woff2") and e["body"] for e in phone), "no font loaded"
    assert served <= BUDGET_KB * 1024, f"phone first load {served / 1024:.0f} KB > {BUDGET_KB} KB"
