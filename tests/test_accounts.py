"""Issue 9 §5: passwords, the `flask` command without exports, staff of an existing workshop,
and the console each role gets."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from workshop.extensions import db
from workshop.models import User, WorkshopStaff

ROOT = Path(__file__).resolve().parent.parent
OLD = "correct horse battery"
NEW = "a much longer passphrase"


def _change(client, current, new, confirm=None, lang="fa"):
    return client.post(f"/account/password?lang={lang}", data={
        "current_password": current, "new_password": new,
        "confirm": new if confirm is None else confirm})


def test_user_changes_own_password_and_other_sessions_end(app, client, make_user, login):
    user_id = make_user("secretary", email="s@example.org")
    login(client, user_id)
    other = login(app.test_client(), user_id)
    assert client.get("/account/password").status_code == 200
    changed = _change(client, OLD, NEW)
    assert changed.status_code == 302
    assert client.get("/staff/").status_code == 200          # this browser stays in
    assert other.get("/staff/").status_code == 302           # the other one is signed out
    fresh = app.test_client()
    assert fresh.post("/login", data={"email": "s@example.org", "password": OLD}).status_code != 302
    assert fresh.post("/login", data={"email": "s@example.org", "password": NEW}).status_code == 302


@pytest.mark.parametrize(("lang", "current", "new", "confirm", "field", "text"), [
    ("fa", "wrong password", NEW, None, "current_password", "گذرواژهٔ کنونی شما نیست"),
    ("en", "wrong password", NEW, None, "current_password", "This is not your current password."),
    ("fa", OLD, "short", None, "new_password", "۸"),
    ("en", OLD, NEW, NEW + "x", "confirm", "The two new passwords differ."),
    ("en", OLD, OLD, None, "new_password", "must differ from the current one"),
])
def test_refused_password_change_says_why_at_the_field(client, make_user, login, app, lang,
                                                       current, new, confirm, field, text):
    user_id = make_user("facilitator")
    login(client, user_id)
    refused = _change(client, current, new, confirm, lang)
    assert refused.status_code in (400, 403)
    html = refused.get_data(as_text=True)
    error = html.split(f'id="{field}-error"', 1)[1].split("</p>", 1)[0]
    assert text in error
    assert f'aria-describedby="{field}-error"' in html
    with app.app_context():
        assert db.session.get(User, user_id).check_password(OLD)


def test_password_page_needs_login(client):
    assert client.get("/account/password").status_code == 302


def test_cli_set_password(app, make_user):
    make_user("facilitator", email="f@example.org")
    runner = app.test_cli_runner()
    done = runner.invoke(args=["users", "set-password", "--email", "f@example.org",
                               "--password", NEW])
    assert done.exit_code == 0, done.output
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "f@example.org"))
        assert user.check_password(NEW)
    short = runner.invoke(args=["users", "set-password", "--email", "f@example.org",
                                "--password", "short"])
    assert short.exit_code != 0
    assert "8" in short.output
    missing = runner.invoke(args=["users", "set-password", "--email", "x@example.org",
                                  "--password", NEW])
    assert missing.exit_code != 0


def test_cli_assigns_a_secretary_to_an_existing_workshop(app, make_user, make_workshop, client,
                                                        login):
    workshop = make_workshop()
    secretary = make_user("secretary", email="late@example.org")  # created after the workshop
    done = app.test_cli_runner().invoke(args=["users", "assign", "--email", "late@example.org",
                                              "--workshop", str(workshop["id"])])
    assert done.exit_code == 0, done.output
    login(client, secretary)
    assert client.get(f"/staff/workshops/{workshop['id']}").status_code == 200


def test_edit_form_assigns_secretaries_and_co_facilitators_later(app, client, make_user, login,
                                                                 make_workshop):
    facilitator = make_user("facilitator")
    workshop = make_workshop(facilitator)
    secretary, colleague = make_user("secretary"), make_user("facilitator")
    login(client, facilitator)
    page = client.get(f"/staff/workshops/{workshop['id']}/edit").get_data(as_text=True)
    assert 'name="facilitators"' in page
    assert 'name="secretaries"' in page
    with app.app_context():
        phase = db.session.scalar(db.select(WorkshopStaff)).workshop.phase_id
    saved = client.post(f"/staff/workshops/{workshop['id']}/edit", data={
        "title": "بازآفرینی", "phase_id": phase, "language": "fa",
        "secretaries": [secretary], "facilitators": [colleague, secretary]})
    assert saved.status_code == 302, saved.get_data(as_text=True)
    with app.app_context():
        links = {(s.user_id, s.role) for s in db.session.scalars(db.select(WorkshopStaff))}
    assert links == {(facilitator, "facilitator"), (secretary, "secretary"),
                     (colleague, "facilitator")}  # a secretary account never facilitates


def test_secretary_console_has_no_facilitator_control(app, make_user, make_workshop, login):
    facilitator, secretary = make_user("facilitator"), make_user("secretary")
    workshop = make_workshop(facilitator)
    with app.app_context():
        db.session.add(WorkshopStaff(workshop_id=workshop["id"], user_id=secretary,
                                     role="secretary"))
        db.session.commit()
    url = f"/staff/workshops/{workshop['id']}"
    staff = login(app.test_client(), facilitator).get(url).get_data(as_text=True)
    reader = login(app.test_client(), secretary).get(url).get_data(as_text=True)
    for marker in ('name="stage"', 'data-role="set-countdown"', 'data-role="round-form"',
                   "/edit\""):
        assert marker in staff
        assert marker not in reader
    secretary_client = login(app.test_client(), secretary)
    assert secretary_client.get(url + "/edit").status_code == 403
    assert 'data-facilitates="0"' in reader
    assert 'data-role="role-note"' in reader


def test_flask_command_works_from_the_venv_without_exports(tmp_path):
    """`.flaskenv` names the app: no FLASK_APP in the environment, run from the checkout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "HAMANDISHI"))}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    done = subprocess.run([str(ROOT / ".venv" / "bin" / "flask"), "users", "--help"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "set-password" in done.stdout
    assert "assign" in done.stdout
