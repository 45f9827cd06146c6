"""Issue 4 in Chromium: three phones vote in every method, the projector's chart follows, and
a phone whose socket is cut mid-vote shows "sending" and then "saved". Screenshots fa and en
go to test-artifacts/voting/."""

from __future__ import annotations

import pytest

from tests.browser import *  # noqa: F403  (the fixtures)
from tests.browser import (
    assert_clean,
    join_workshop,
    latin_digits,
    log_in,
    overflow_x,
    small_targets,
)
from tests.live_server import PASSWORD
from tests.voting.realserver import prepare_round

pytestmark = pytest.mark.browser
ARTIFACT_AREA = "voting"
SAVED = "[data-status=saved]"


def point(page, point_id):
    return page.locator(f".vote-point[data-point='{point_id}']")


def new_round(room, method, **rules):
    console = room["console"]
    if room.get("round"):
        assert console.command("close_round", {"round": room["round"]})["ok"]
    created = console.command("create_round", {"method": method, "points": room["points"],
                                               "results_hidden": False, **rules})
    assert created["ok"], created
    room["round"] = created["result"]["round"]["id"]
    assert console.command("open_round", {"round": room["round"]})["ok"]
    return room["round"]


def vote_everywhere(phones, method, points):
    for i, phone in enumerate(phones):
        phone.wait_for_selector(f".vote-point[data-point='{points[0]}']")
        if method == "approval":
            point(phone, points[i % 2]).locator(".segmented button").first.click()
        elif method == "dots":
            for _ in range(2):
                point(phone, points[i % 3]).locator(".stepper button").last.click()
        elif method == "scores":
            for row in point(phone, points[0]).locator(".criterion").all():
                row.locator("button").nth(4 - i).click()
        else:
            for p in (points[i % 3], points[(i + 1) % 3]):
                point(phone, p).locator(".rank-button").click()
                point(phone, p).locator(SAVED).wait_for()
    for phone in phones:
        phone.locator(SAVED).first.wait_for()


def projector_follows(projector, voters_text):
    projector.wait_for_selector(".voting-projector:not([hidden]) .result-row")
    projector.locator(".voting-projector .vote-voters", has_text=voters_text).wait_for()


def cut_mid_vote(phone, point_id):
    """Drop the socket (no reconnect yet), vote, see "sending"; reconnect, see "saved"."""
    phone.evaluate("() => { const m = Hamandishi.client.socket.io; m.reconnection(false);"
                   " m.engine.close(); }")
    phone.wait_for_function("() => !Hamandishi.client.socket.connected")
    point(phone, point_id).locator(".stepper button").last.click()
    point(phone, point_id).locator("[data-status=sending]").wait_for()
    assert phone.evaluate("() => Hamandishi.client.pendingOps().length") == 1
    phone.evaluate("() => { const m = Hamandishi.client.socket.io; m.reconnection(true);"
                   " Hamandishi.client.socket.connect(); }")
    point(phone, point_id).locator(SAVED).wait_for()  # the ack after the resend
    assert phone.evaluate("() => Hamandishi.client.pendingOps().length") == 0


def reload_mid_vote(phone, point_id):
    """Drop the socket, vote, reload the page: the outbox resends the same op id once."""
    phone.evaluate("() => { const m = Hamandishi.client.socket.io; m.reconnection(false);"
                   " m.engine.close(); }")
    phone.wait_for_function("() => !Hamandishi.client.socket.connected")
    before = point(phone, point_id).locator("[data-role=dot-count]").inner_text()
    point(phone, point_id).locator(".stepper button").last.click()
    point(phone, point_id).locator("[data-status=sending]").wait_for()
    phone.reload()
    point(phone, point_id).locator(SAVED).wait_for()  # the outbox's resend was acked
    after = point(phone, point_id).locator("[data-role=dot-count]").inner_text()
    assert phone.evaluate("() => Hamandishi.client.pendingOps().length") == 0
    return before, after


def check(page, lang, phone=False):
    assert page.get_attribute("html", "dir") == ("rtl" if lang == "fa" else "ltr")
    if lang == "fa":
        assert latin_digits(page) == [], f"Latin digits in Persian text: {latin_digits(page)}"
    if phone:
        assert overflow_x(page) == 0, "page scrolls sideways at 360 px"
        assert small_targets(page) == [], "touch targets under 44 px"
    assert_clean(page)


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_three_phones_vote_in_every_method(lang, live_server, phone_page, desktop_page, shot):
    room = prepare_round(live_server, points=4, method="approval", language=lang)
    projector = desktop_page(lang, live_server.base_url)
    log_in(projector, room["email"], PASSWORD)
    projector.goto(f"/staff/workshops/{room['workshop']['id']}/projector")
    phones = [join_workshop(phone_page(lang, live_server.base_url), room["workshop"]["code"],
                            name, i, "#phone")
              for i, name in enumerate(("مریم احمدی", "Reza", "سارا"), start=1)]
    methods = (("approval", {}), ("dots", {"budget": 5}), ("scores", {}), ("ranking", {"top_k": 2}))
    for method, rules in methods if lang == "fa" else methods[2:]:
        new_round(room, method, **rules)
        vote_everywhere(phones, method, room["points"])
        projector_follows(projector, "۳" if lang == "fa" else "3")
        shot(phones[0], f"{lang}-phone-{method}")
        shot(projector, f"{lang}-projector-{method}")
        if method == "dots":
            cut_mid_vote(phones[0], room["points"][3])
            shot(phones[0], f"{lang}-phone-dots-after-reconnect")
            before, after = reload_mid_vote(phones[0], room["points"][3])
            assert (before, after) == ("۱", "۲")  # counted once, shown in Persian digits
        check(phones[0], lang, phone=True)
    check(projector, lang)
