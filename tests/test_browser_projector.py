"""Issue 9, the projector: every stage fits 1920×1080 and 1280×720 with nothing cut off, the join
code stays in a corner (not when closed), results fill the screen, the workshop's language wins
over the browser's, and the text passes WCAG AAA contrast. Screenshots: test-artifacts/room/."""

from __future__ import annotations

import pytest

from tests.browser import *  # noqa: F403  (the fixtures)
from tests.browser import assert_accessible, assert_clean, latin_digits, log_in, overflow_x
from tests.live_server import PASSWORD
from tests.room_setup import build_room

pytestmark = pytest.mark.browser
ARTIFACT_AREA = "room"
SIZES = ({"width": 1920, "height": 1080}, {"width": 1280, "height": 720})

# Every visible element of the projector that pokes out of the viewport (cut off).
OUTSIDE = """() => {
  const w = innerWidth, h = innerHeight, out = [];
  document.querySelectorAll('#projector *').forEach((el) => {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') return;
    if (el.closest('.sr-only')) return;
    if (r.top < -1 || r.left < -1 || r.bottom > h + 1 || r.right > w + 1)
      out.push(el.tagName + '.' + el.className + ' ' + Math.round(r.top) + '..' +
               Math.round(r.bottom));
  });
  return out;
}"""
INSIDE = """(sel) => {
  const el = document.querySelector(sel); if (!el) return null;
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 &&
         r.bottom <= innerHeight + 1 && r.right <= innerWidth + 1;
}"""
HEIGHTS = "() => [document.documentElement.scrollHeight, document.body.scrollHeight, innerHeight]"
AAA = """async () => {
  const r = await axe.run(document, {runOnly: ['color-contrast-enhanced'],
                                     resultTypes: ['violations']});
  return r.violations.flatMap((v) => v.nodes.map((n) =>
    n.target.join(' ') + ': ' + n.failureSummary));
}"""


def wait_stage(page, stage: str) -> None:
    page.wait_for_function("(s) => document.body.dataset.stage === s", arg=stage)
    page.wait_for_timeout(250)  # the paging lays out after the last event


def check_layout(page, stage: str, label: str, shot) -> None:
    for size in SIZES:
        page.set_viewport_size(size)
        page.wait_for_timeout(300)
        name = f"{label}-{stage}-{size['width']}"
        shot(page, name)
        total, body, height = page.evaluate(HEIGHTS)
        assert total == height, f"{name}: the page scrolls ({total} > {height})"
        assert body <= height, f"{name}: the body scrolls ({body} > {height})"
        assert overflow_x(page) == 0, f"{name}: scrolls sideways"
        assert page.evaluate(OUTSIDE) == [], f"{name}: cut off: {page.evaluate(OUTSIDE)}"
        code_seen = page.locator("[data-role=join-code]:visible").count() > 0
        assert code_seen == (stage != "closed"), f"{name}: join code shown={code_seen}"
        if stage in ("vote", "results"):
            assert page.evaluate(INSIDE, "[data-role=vote-results]"), f"{name}: results box outside"
            assert page.evaluate(INSIDE, ".result-row:not([hidden])"), f"{name}: no result row"


def check_contrast(page) -> None:
    assert_accessible(page)
    found = page.evaluate(AAA)
    assert found == [], "below 7:1:\n" + "\n".join(found)


@pytest.fixture(scope="module")
def rooms(live_server_module):
    return {lang: build_room(live_server_module, lang) for lang in ("fa", "en")}


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_projector_every_stage_fits(lang, rooms, desktop_page, shot):
    room = rooms[lang]
    other = "en" if lang == "fa" else "fa"
    page = desktop_page(other, room.server.base_url)  # the browser asks for the other language
    log_in(page, room.email, PASSWORD)
    page.goto(f"/staff/workshops/{room.workshop['id']}/projector")
    assert page.get_attribute("html", "lang") == lang, "not the workshop's language"
    wait_stage(page, "lobby")
    page.locator(".presence-total").wait_for()
    check_layout(page, "lobby", lang, shot)
    check_contrast(page)
    steps = (("propose", room.propose), ("discuss", room.annotate),
             ("vote", lambda: (room.open_round(), room.vote(5))), ("results", room.close_round),
             ("closed", lambda: None))
    for stage, act in steps:
        room.move(stage)
        act()
        wait_stage(page, stage)
        if stage == "vote":
            page.locator(".vote-voters", has_text="۵" if lang == "fa" else "5").wait_for()
        check_layout(page, stage, lang, shot)
        check_contrast(page)
        if stage == "discuss":
            spotlight(page, room.points[0], lang, shot)
        if stage == "results":
            by_field(page, lang, shot)
            from_snapshot(page)
    if lang == "fa":
        assert latin_digits(page) == []
    assert_clean(page)


def spotlight(page, point: int, lang: str, shot) -> None:
    """The digit on a card puts that point in the spotlight with its notes; Esc goes back."""
    page.set_viewport_size(SIZES[0])
    card = page.locator(f".focus-card[data-point='{point}']")
    for _turn in range(5):  # page on until the annotated point is on screen
        if card.is_visible():
            break
        page.keyboard.press("PageDown")
    digit = card.locator(".card-key").inner_text()
    page.keyboard.press(str("۰۱۲۳۴۵۶۷۸۹".index(digit)) if lang == "fa" else digit)
    page.locator("[data-role=spotlight]:not([hidden]) .spot-notes li").first.wait_for()
    shot(page, f"{lang}-discuss-spotlight")
    assert page.evaluate(OUTSIDE) == []
    page.keyboard.press("Escape")
    page.locator(".focus-grid:not([hidden])").wait_for()


def from_snapshot(page) -> None:
    """Reloaded, the results come from the snapshot (which leaves each round to its list)."""
    rows = page.locator("[data-role=vote-results] .result-row").count()
    page.reload()
    wait_stage(page, "results")
    page.locator("[data-role=vote-results] .result-row").first.wait_for()
    assert page.locator("[data-role=vote-results] .result-row").count() == rows > 0


def by_field(page, lang: str, shot) -> None:
    """D shows support by field (the heatmap) in place of the ranking, and back."""
    page.set_viewport_size(SIZES[1])
    page.keyboard.press("d")
    page.locator("table.heatmap tbody tr").first.wait_for()
    shot(page, f"{lang}-results-by-field-1280")
    assert page.evaluate(OUTSIDE) == []
    assert page.evaluate(HEIGHTS)[0] == SIZES[1]["height"]
    page.keyboard.press("d")
    page.locator(".result-row").first.wait_for()
