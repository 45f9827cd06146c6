"""Browser: two people edit the minutes at once; the slower one sees both texts; fa and en."""

from __future__ import annotations

import re

import pytest

from tests.browser import *  # noqa: F403
from tests.browser import assert_clean
from tests.live_server import *  # noqa: F403
from tests.live_server import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.server]


def _login(page, base: str, email: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_url(re.compile(r"/staff/"))


def _workshop_with_secretary(server) -> tuple[dict, str, str]:
    facilitator_email = server.create_user("facilitator")
    secretary_email = server.create_user("secretary")
    staff = server.login(facilitator_email)
    form = staff.get("/staff/workshops/new").text
    options = re.findall(r'<option[^>]*value="(\d+)"[^>]*>([^<]*)<', form.split(
        'name="secretaries"', 1)[1].split("</select>", 1)[0])
    name = "Secretary " + secretary_email.split("secretary", 1)[1].split("@")[0]
    secretary_id = next(value for value, label in options if label.strip() == name)
    workshop = server.create_workshop(staff, secretaries=secretary_id)
    return workshop, facilitator_email, secretary_email


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_two_editors_conflict_and_markup(live_server, desktop_page, shot, lang):
    workshop, facilitator, secretary = _workshop_with_secretary(live_server)
    base, url = live_server.base_url, f"/staff/workshops/{workshop['id']}/minutes?lang={lang}"
    one, two = desktop_page(lang), desktop_page(lang)
    _login(one, base, facilitator)
    _login(two, base, secretary)
    for page in (one, two):
        page.goto(base + url)
        page.wait_for_selector("[data-role=connection]:not(:empty)")
    held = []  # the secretary's autosave is held back until the facilitator's save landed
    two.route("**/minutes/edit", lambda route: held.append(route))
    two.fill("#summary-text", "متن دبیر: <img src=x onerror=alert(1)>")  # autosaves in 1.2 s
    two.wait_for_selector("form[data-unit=summary][data-state=saving]")
    one.fill("#summary-text", "متن تسهیل‌گر (Facilitator)")
    one.click("form[data-unit=summary] button[name=save]")
    one.wait_for_selector("form[data-unit=summary][data-state=saved]")
    for route in held:
        route.continue_()
    two.unroute("**/minutes/edit")
    dialog = two.locator("[data-role=conflict]")
    dialog.wait_for(state="visible")
    assert dialog.locator("[data-role=theirs]").inner_text() == "متن تسهیل‌گر (Facilitator)"
    assert "<img src=x" in dialog.locator("[data-role=mine]").inner_text()
    shot(two, f"workspace-conflict-{lang}")
    two.click("[data-role=keep-mine]")
    two.wait_for_selector("form[data-unit=summary][data-state=saved]")
    one.wait_for_function(
        "document.querySelector('#summary-text').value.startsWith('متن دبیر')")
    two.fill("form.new[data-unit=decision] textarea[name=text]",
             '<a href="javascript:alert(1)">تصمیم</a>')
    two.click("form.new[data-unit=decision] button[name=save]")
    two.wait_for_selector("form.item[data-unit=decision]")
    shot(two, f"workspace-{lang}")
    assert_clean(one)
    assert_clean(two)
