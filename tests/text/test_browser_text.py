"""Browser: the direction rule in JS equals Python's; live pages give every corpus title its
computed dir; the secretary's typing is kept exactly and shown right on the page and in the PDF.
"""

from __future__ import annotations

import re
from collections import defaultdict
from io import BytesIO
from pathlib import Path

import pdfplumber
import pytest
from bidi import get_display

from tests.browser import *  # noqa: F403  (the fixtures)
from tests.browser import assert_clean, join_workshop, log_in
from tests.live_server import *  # noqa: F403
from tests.live_setup import PASSWORD
from tests.pdfkit.test_rendering import _row_text, canon
from tests.text.corpus import CORPUS, MULTILINE, stored
from workshop.text.direction import direction, display_text, pieces
from workshop.text.normalize import clean_input

pytestmark = pytest.mark.browser
ARTIFACT_AREA = "text"
DIRECTION_JS = Path(__file__).resolve().parents[2] / "static" / "js" / "direction.js"
TEXTS = [stored(e) for e in CORPUS + MULTILINE]


def _shown(text: str, lang: str) -> str:
    """What textContent holds once the text is rendered (isolation is markup, not text)."""
    return "".join(p.text for p in pieces(text, lang))


def test_js_rule_equals_python_rule_on_the_corpus(desktop_page):
    page = desktop_page("fa")
    page.set_content('<html lang="fa"><body></body></html>')
    page.add_script_tag(path=str(DIRECTION_JS))
    got = page.evaluate("""(texts) => texts.map((t) => [
        HamandishiText.direction(t, "rtl"), HamandishiText.direction(t, "ltr"),
        HamandishiText.pieces(t, "fa").map((p) => [p.text, p.ltr]),
        HamandishiText.pieces(t, "en").map((p) => [p.text, p.ltr])])""", TEXTS)
    want = [[direction(t, "rtl"), direction(t, "ltr"),
             [[p.text, p.ltr_unit] for p in pieces(t, "fa")],
             [[p.text, p.ltr_unit] for p in pieces(t, "en")]] for t in TEXTS]
    assert got == want


@pytest.fixture(scope="module")
def corpus_workshop(live_server_module):
    """A propose-stage workshop whose phone proposed every corpus title (the phone's form)."""
    server = live_server_module
    email = server.create_user("facilitator")
    staff = server.login(email)
    workshop = server.create_workshop(staff)
    console = f"/staff/workshops/{workshop['id']}"
    moved = staff.submit(console, {"stage": "propose"}, action=console + "/stage")
    assert moved.status_code == 302, moved.text[:500]
    phone, page = server.join(workshop, name="Sara"), f"/w/{workshop['id']}/focus"
    for typed, _ in CORPUS:
        sent = phone.submit(page, {"title": typed, "description": ""})
        assert sent.status_code == 302, (typed, sent.text[:300])
    return server, workshop, email


def _dirs(page) -> dict[str, str]:
    page.wait_for_function(f"document.querySelectorAll('.focus-title').length >= {len(CORPUS)}")
    pairs = page.evaluate("""() => [...document.querySelectorAll('.focus-title')]
        .map((e) => [e.textContent, e.getAttribute('dir')])""")
    return dict(pairs)


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_phone_and_console_give_each_title_its_computed_dir(corpus_workshop, desktop_page,
                                                            phone_page, shot, lang):
    server, workshop, email = corpus_workshop
    console = desktop_page(lang, server.base_url)
    log_in(console, email, PASSWORD)
    console.goto(f"/staff/workshops/{workshop['id']}?lang={lang}")
    phone = phone_page(lang, server.base_url)
    join_workshop(phone, workshop["code"], "مریم", 1, "[data-role=propose]:not([hidden])")
    for page in (console, phone):
        shown = page.evaluate("document.documentElement.lang")  # a workshop may fix it
        fallback = "rtl" if shown == "fa" else "ltr"
        want = {_shown(stored(e), shown): direction(stored(e), fallback) for e in CORPUS}
        assert _dirs(page) == want
    shot(phone, f"corpus-phone-{lang}")
    shot(console, f"corpus-console-{lang}")
    assert_clean(console)
    assert_clean(phone)


def test_projector_gives_each_shown_title_its_computed_dir(corpus_workshop, desktop_page):
    server, workshop, email = corpus_workshop
    want = {_shown(stored(e), "fa"): direction(stored(e), "rtl") for e in CORPUS}
    page = desktop_page("fa", server.base_url)
    log_in(page, email, PASSWORD)
    page.goto(f"/staff/workshops/{workshop['id']}/projector")
    page.wait_for_selector(".focus-title")
    pairs = page.evaluate("""() => [...document.querySelectorAll('.focus-title')]
        .map((e) => [e.textContent, e.getAttribute('dir')])""")
    assert pairs
    assert all(want[text] == d for text, d in pairs), pairs
    assert_clean(page)


def _workshop_with_secretary(server) -> tuple[dict, str]:
    secretary = server.create_user("secretary")
    staff = server.login(server.create_user("facilitator"))
    form = staff.get("/staff/workshops/new").text
    options = re.findall(r'<option[^>]*value="(\d+)"[^>]*>([^<]*)<', form.split(
        'name="secretaries"', 1)[1].split("</select>", 1)[0])
    name = "Secretary " + secretary.split("secretary", 1)[1].split("@")[0]
    secretary_id = next(value for value, label in options if label.strip() == name)
    return server.create_workshop(staff, secretaries=secretary_id), secretary


def _settled(page) -> None:
    """The autosave answered, and our own save's broadcast had time to come back."""
    page.wait_for_selector("form[data-unit=summary][data-state=saved]")
    page.wait_for_timeout(1500)


def _drawn_rows(pdf: bytes) -> list[str]:
    rows = defaultdict(list)
    with pdfplumber.open(BytesIO(pdf)) as doc:
        for n, page in enumerate(doc.pages):
            for c in page.chars:
                rows[(n, round(c["matrix"][5], 1))].append(c)
    return [canon(_row_text(cs)) for cs in rows.values()]


def test_secretary_typing_is_kept_and_shown_right(live_server, desktop_page, shot):
    workshop, secretary = _workshop_with_secretary(live_server)
    page = desktop_page("fa", live_server.base_url)
    log_in(page, secretary, PASSWORD)
    page.goto(f"/staff/workshops/{workshop['id']}/minutes")
    page.wait_for_selector("[data-role=connection]:not(:empty)")
    field = page.locator("#summary-text")
    field.click()
    first, second = "۳٫۸۹ ", "\nAPI باز برای Google Maps در اصفهان "
    page.keyboard.type(first)
    _settled(page)                           # the save and its echo land mid-typing
    assert field.input_value() == first      # not "3٫89", trailing space kept
    page.keyboard.type(second)
    _settled(page)
    typed = first + second
    assert field.input_value() == typed
    assert field.get_attribute("dir") == "rtl"  # a Latin-first Persian text, by the rule
    shot(page, "workspace-typed-fa")
    page.reload()
    page.wait_for_selector("[data-role=connection]:not(:empty)")
    kept = clean_input(typed, multiline=True)  # the documented cleaning: line-end spaces
    assert kept == "۳٫۸۹\nAPI باز برای Google Maps در اصفهان"
    assert page.locator("#summary-text").input_value() == kept
    assert page.locator("#summary-text").get_attribute("dir") == "rtl"
    pdf = page.request.get(f"/staff/workshops/{workshop['id']}/minutes/preview.pdf?lang=fa")
    assert pdf.ok
    rows = _drawn_rows(pdf.body())
    for line in kept.split("\n"):
        want = canon(get_display(display_text(line, "fa", "rtl"), base_dir="R"))
        assert want in rows, (line, want)
    assert_clean(page)
