"""Shared Playwright fixtures: Debian's chromium, phone/desktop pages, screenshots, page checks.

Use from a test module with `from tests.browser import *  # noqa: F403` (brings in only the
fixtures, see __all__) and import the check helpers by name. Every page opened through
`phone_page`/`desktop_page` records console errors, page errors, CSP violations and
unexpected dialogs in `page.problems`; `assert_clean(page)` fails on any of them.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

__all__ = ["browser", "desktop_page", "phone_page", "shot"]
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LOCALES = {"fa": "fa-IR", "en": "en-US"}
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1366, "height": 850}
TAP = 44
# Every wait ends on the event it waits for (an element the ack or a broadcast shows); this is
# only the ceiling for a broken page, generous so that a busy machine (CI, a benchmark beside
# the suite) makes a test slower, never red. `TEST_WAIT_SCALE=2` doubles it.
WAIT_MS = int(60_000 * float(os.environ.get("TEST_WAIT_SCALE", "1")))

# Runs before any page script: CSP violations are reported to the test, not only the console.
_WATCH_CSP = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || ''));
});
"""


# Each test module that star-imports the fixtures gets its own copy of `browser`; they must
# share one Playwright driver (a second sync_playwright() in one process is refused).
_SHARED: dict = {"users": 0}


def _acquire(sync_api):
    if _SHARED["users"] == 0:
        _SHARED["playwright"] = sync_api.sync_playwright().start()
        _SHARED["browser"] = _SHARED["playwright"].chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    _SHARED["users"] += 1
    return _SHARED["browser"]


def _release() -> None:
    _SHARED["users"] -= 1
    if _SHARED["users"] == 0:
        _SHARED.pop("browser").close()
        _SHARED.pop("playwright").stop()


@pytest.fixture(scope="session")
def browser():
    """One headless Debian chromium for the whole run (skips if it is not installed)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    yield _acquire(sync_api)
    _release()


def _watch(page) -> None:
    """Collect everything a clean page must not produce."""
    page.problems = []
    page.on("console", lambda msg: msg.type == "error" and page.problems.append(
        f"console: {msg.text}"))
    page.on("pageerror", lambda exc: page.problems.append(f"pageerror: {exc}"))
    page.on("dialog", lambda dialog: _dialog(page, dialog))


def _dialog(page, dialog) -> None:
    """Confirm boxes are part of the UI; an alert or prompt means injected script ran."""
    if dialog.type == "confirm":
        dialog.accept()
        return
    page.problems.append(f"dialog: {dialog.type} {dialog.message}")
    dialog.dismiss()


def _context_factory(browser, viewport: dict, phone: bool):
    contexts = []

    def open_page(lang: str = "fa", base_url: str | None = None):
        options = {"viewport": viewport, "locale": LOCALES[lang], "base_url": base_url}
        if phone:
            options |= {"has_touch": True, "is_mobile": True, "device_scale_factor": 2}
        context = browser.new_context(**{k: v for k, v in options.items() if v is not None})
        context.add_init_script(_WATCH_CSP)
        context.set_default_timeout(WAIT_MS)
        contexts.append(context)
        page = context.new_page()
        _watch(page)
        return page

    return open_page, contexts


def window_like(factory, page, lang: str, base_url: str):
    """A page logged in as `page` is, in a window of its own (a projector on its own screen).

    A second tab of `page`'s context would cover it: headless Chromium then draws the covered
    tab about once a second, so clicks there wait ~1 s per frame for the target to be stable.
    """
    other = factory(lang, base_url)
    other.context.add_cookies(page.context.cookies())
    return other


@pytest.fixture
def phone_page(browser):
    """phone_page(lang="fa", base_url=None): a 360×740 touch phone in its own context."""
    factory, contexts = _context_factory(browser, PHONE, phone=True)
    yield factory
    for context in contexts:
        context.close()


@pytest.fixture
def desktop_page(browser):
    """desktop_page(lang="fa", base_url=None): a 1366×850 laptop in its own context."""
    factory, contexts = _context_factory(browser, DESKTOP, phone=False)
    yield factory
    for context in contexts:
        context.close()


def _area(request) -> str:
    module = request.module
    explicit = getattr(module, "ARTIFACT_AREA", None)
    return explicit or re.sub(r"^test_|_?browser_?", "", module.__name__.rsplit(".", 1)[-1])


@pytest.fixture
def shot(request):
    """shot(page, name): save a full-page PNG to test-artifacts/<area>/<name>.png."""
    folder = ARTIFACTS / _area(request)
    folder.mkdir(parents=True, exist_ok=True)

    def save(page, name: str) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


def problems(page) -> list[str]:
    """Console errors, page errors, dialogs and CSP violations seen on this page so far."""
    found = list(getattr(page, "problems", []))
    try:
        found += [f"csp: {v}" for v in page.evaluate("window.__csp || []")]
    except Exception as error:  # page closed or navigating: report, never hide
        found.append(f"could not read CSP log: {error}")
    return found


def assert_clean(page) -> None:
    """No console errors, no page errors, no unexpected dialogs, no CSP violations."""
    found = problems(page)
    assert not found, "\n".join(found)


def small_targets(page, selector: str = "a, button, input, select, textarea, [role=button]"):
    """Visible interactive elements smaller than 44×44 CSS px (inline text links excepted)."""
    return page.evaluate(
        """([selector, tap]) => Array.from(document.querySelectorAll(selector)).filter((el) => {
             const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
             if (!r.width || !r.height || s.visibility === 'hidden') return false;
             if (el.type === 'hidden') return false;
             if (['checkbox', 'radio'].includes(el.type)) {
               const label = el.closest('label'); const b = label && label.getBoundingClientRect();
               return !b || b.height < tap;
             }
             const inText = el.tagName === 'A' && el.closest('p') &&
               el.closest('p').textContent.trim() !== el.textContent.trim();
             return !inText && (r.height < tap || r.width < tap);
           }).map((el) => el.outerHTML.slice(0, 120) + ' ' +
             Math.round(el.getBoundingClientRect().width) + 'x' +
             Math.round(el.getBoundingClientRect().height))""",
        [selector, TAP],
    )


def overflow_x(page) -> int:
    """How many CSS px the page is wider than the viewport (0 = no sideways scrolling)."""
    return page.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)")


def latin_digits(page) -> list[str]:
    """Visible text with ASCII digits in a Persian run, outside codes/URLs (dir=ltr) and user
    text (bdi); digits after a Latin letter ("Metro Line 2") stay Latin by the contextual
    digit rule (docs/persian-text.md)."""
    return page.evaluate(
        """() => {
             const out = [];
             const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
             const skip = 'script, style, [dir=ltr], [dir=auto], bdi, [hidden], [lang=en]';
             while (walker.nextNode()) {
               const node = walker.currentNode; const el = node.parentElement;
               if (!el || el.closest(skip)) continue;
               if (!el.getClientRects().length) continue;
               let persian = true;            // no letter yet: the Persian page's context
               for (const ch of node.textContent) {
                 if (/\\p{L}/u.test(ch)) persian = !/[A-Za-z\\u00C0-\\u024F]/.test(ch);
                 else if (persian && ch >= '0' && ch <= '9') {
                   out.push(node.textContent.trim());
                   break;
                 }
               }
             }
             return out;
           }""")


def font_loaded(page, family: str = "Vazirmatn") -> bool:
    """The web font really loaded (document.fonts.check alone is true for unknown families).

    A page read right after it opened may not have asked for the font yet (`fonts.ready` is
    then already settled with nothing loading): the font is then requested and awaited, so a
    missing or broken font file still fails and a slow first layout does not. A page found by
    a selector may still be loading its stylesheet (no face declared yet): wait for `load`."""
    page.wait_for_load_state("load")
    return page.evaluate(
        """async (family) => {
             const loaded = () => Array.from(document.fonts)
               .filter((f) => f.family.replace(/"/g, '') === family)
               .some((f) => f.status === 'loaded');
             await document.fonts.ready;
             if (!loaded()) {
               try { await document.fonts.load(`16px "${family}"`); }
               catch (e) { return false; }
             }
             return loaded() && document.fonts.check('16px ' + family);
           }""", family)


def log_in(page, email: str, password: str) -> None:
    """Sign a staff page in through the login form (paths relative to the page's base URL)."""
    page.goto("/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_url("**/staff/")


def join_workshop(page, code: str, name: str, discipline_index: int, ready: str):
    """Join from a phone with the workshop code; waits for `ready` on the phone page."""
    page.goto(f"/j/{code}")
    page.fill("input[name=name]", name)
    page.select_option("select[name=discipline_id]", index=discipline_index)
    page.click("form button[type=submit]")
    page.wait_for_selector(ready)
    return page


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")


def axe_violations(page, impacts: tuple[str, ...] = SERIOUS) -> list[str]:
    """Run axe-core (from npm, injected only by tests) on the page; serious/critical findings."""
    assert AXE.exists(), f"{AXE} is missing (npm ci installs axe-core)"
    if not page.evaluate("() => !!window.axe"):
        # Evaluated through the DevTools protocol, so the page's CSP (no inline script) holds.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    found = page.evaluate(
        """async () => {
             const r = await axe.run(document, {resultTypes: ['violations']});
             return r.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' '))}));
           }""")
    return [f"{v['impact']} {v['id']}: {v['help']} at {v['nodes']}"
            for v in found if v["impact"] in impacts]


def assert_accessible(page) -> None:
    """axe-core finds no serious or critical violation on the page as it stands."""
    found = axe_violations(page)
    assert not found, "\n".join(found)
