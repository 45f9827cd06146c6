"""HTTP hardening and Persian-first pages: login limits, CSRF, headers, language, QR, CLI."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from config import TestingConfig
from tests.spine.helpers import fingerprint
from workshop import create_app
from workshop.extensions import db
from workshop.models import User


def test_login_locks_after_five_failures_per_account_and_address(client, make_user, app):
    make_user("facilitator", email="f@example.org")
    for _ in range(5):
        wrong = client.post("/login", data={"email": "f@example.org", "password": "nope-nope"})
        assert wrong.status_code in (400, 401, 403)
        assert "ایمیل یا گذرواژه نادرست است." in wrong.get_data(as_text=True)
    right = {"email": "f@example.org", "password": "correct horse battery"}
    locked = client.post("/login", data=right)
    assert locked.status_code == 429
    # Another account from the same address is not locked out by someone else's typos.
    make_user("facilitator", email="g@example.org")
    other = client.post("/login", data=right | {"email": "g@example.org"})
    assert other.status_code == 302


@pytest.fixture
def csrf_app(app):
    """The same database, with CSRF protection on as in production."""
    config = type("CsrfConfig", (TestingConfig,), {
        "WTF_CSRF_ENABLED": True, "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    csrf_app = create_app(config)
    yield csrf_app
    with csrf_app.app_context():
        db.engine.dispose()


def _post_urls(app, workshop_id: int) -> list[str]:
    """Every POST route of the app, with ids filled in."""
    urls = []
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods and not rule.endpoint.startswith("static"):
            url = re.sub(r"<(?:int:)?workshop_id>", str(workshop_id), rule.rule)
            url = re.sub(r"<code>", "ABCDEF", url)
            urls.append(re.sub(r"<(?:int:|string:)?[a-z_]+>", "1", url))
    return urls


def test_every_post_without_a_csrf_token_is_refused(csrf_app, make_workshop, make_user):
    w = make_workshop()
    client = csrf_app.test_client()
    before = fingerprint(csrf_app)
    urls = _post_urls(csrf_app, w["id"])
    assert "/login" in urls
    assert f"/staff/workshops/{w['id']}/stage" in urls
    for url in urls:
        response = client.post(url, data={"email": "x@example.org", "name": "x", "code": "x"})
        assert response.status_code in (400, 404, 405), url
    assert fingerprint(csrf_app) == before


def test_login_form_with_its_csrf_token_works(csrf_app, make_user):
    make_user("facilitator", email="c@example.org")
    client = csrf_app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/login", data={"email": "c@example.org", "csrf_token": token,
                                           "password": "correct horse battery"})
    assert response.status_code == 302


def test_security_headers_on_html_pages(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    for part in ("default-src 'self'", "object-src 'none'", "base-uri 'none'",
                 "frame-ancestors 'none'"):
        assert part in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(("query", "cookie", "accept", "lang"), [
    ("", None, None, "fa"),
    ("", None, "en-US,en;q=0.9", "en"),
    ("", None, "de-DE", "fa"),
    ("?lang=en", None, "fa", "en"),
    ("", "en", "fa", "en"),
    ("?lang=fa", "en", "en", "fa"),
])
def test_language_is_query_then_cookie_then_accept_language(app, query, cookie, accept, lang):
    client = app.test_client()
    if cookie:
        client.set_cookie("lang", cookie)
    headers = {"Accept-Language": accept} if accept else {}
    page = client.get("/" + query, headers=headers).get_data(as_text=True)
    direction = "rtl" if lang == "fa" else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in page


def test_explicit_language_choice_is_remembered_in_a_cookie(client):
    response = client.get("/?lang=en")
    assert "lang=en" in " ".join(response.headers.getlist("Set-Cookie"))
    assert 'lang="en"' in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("language", ["fa", "en"])
def test_qr_code_carries_the_workshops_language(client, make_user, login, make_workshop,
                                                language):
    fac = make_user("facilitator")
    w = make_workshop(fac, language=language)
    login(client, fac)
    response = client.get(f"/staff/workshops/{w['id']}/qr.svg")
    assert response.mimetype == "image/svg+xml"
    assert response.get_data(as_text=True).lstrip().startswith("<svg")
    console = client.get(f"/staff/workshops/{w['id']}").get_data(as_text=True)
    assert f"/j/{w['code']}?lang={language}" in console


def test_staff_pages_need_login(client, make_workshop):
    w = make_workshop()
    for url in ("/staff/", f"/staff/workshops/{w['id']}", f"/staff/workshops/{w['id']}/qr.svg"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/login" in response.location


def test_users_create_cli(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "create", "--email", "S@Example.org", "--name",
                                 "Sara", "--role", "secretary", "--password", "long enough pw"])
    assert result.exit_code == 0, result.output
    assert "created secretary s@example.org" in result.output
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == "s@example.org"))
        assert user.check_password("long enough pw")
        assert "long enough pw" not in user.password_hash
    short = runner.invoke(args=["users", "create", "--email", "t@example.org", "--name", "T",
                                "--password", "short"])
    assert short.exit_code != 0


def test_bootstrap_prints_the_admin_login_once(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["bootstrap"])
    assert first.exit_code == 0, first.output
    password = re.search(r"password:\s+(\S+)", first.output).group(1)
    email = re.search(r"email:\s+(\S+)", first.output).group(1)
    client = app.test_client()
    assert client.post("/login", data={"email": email, "password": password}).status_code == 302
    second = runner.invoke(args=["bootstrap"])
    assert "password" not in second.output
