"""Fixtures: a migrated database per test (SQLite file copy or truncated PostgreSQL),
the app, clients, and factories that return callables."""

from __future__ import annotations

import os
import shutil
import time

import pytest
import sqlalchemy as sa

from config import TestingConfig
from workshop import create_app
from workshop.extensions import db, socketio
from workshop.ratelimit import reset_all as reset_rate_limits

PG_URL = os.environ.get("TEST_DATABASE_URL")
# Real-server fixtures (live_server, live_servers, live_server_module) for every test folder.
pytest_plugins = ("tests.live_server",)


def _config(url: str):
    return type("PerTestConfig", (TestingConfig,), {"SQLALCHEMY_DATABASE_URI": url})


def _migrate(url: str) -> None:
    from flask_migrate import upgrade

    app = create_app(_config(url))
    with app.app_context():
        upgrade()
        db.engine.dispose()


@pytest.fixture(scope="session")
def database_template(tmp_path_factory):
    """Run the real migrations once; every test starts from a copy of the result."""
    if PG_URL:
        _migrate(PG_URL)
        return PG_URL
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    _migrate(f"sqlite:///{path}")
    return path


def _truncate_postgres() -> None:
    """Empty every table; end connections an earlier test left behind (background threads,
    undisposed pools) first, since they would deadlock the TRUNCATE or exhaust connections."""
    engine = sa.create_engine(PG_URL)
    try:
        for attempt in range(3):
            try:
                with engine.begin() as conn:
                    conn.execute(sa.text(
                        "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
                    conn.execute(sa.text("SET LOCAL lock_timeout = '20s'"))
                    tables = conn.execute(sa.text(
                        "SELECT tablename FROM pg_tables WHERE schemaname='public' "
                        "AND tablename <> 'alembic_version'")).scalars().all()
                    if tables:
                        conn.execute(sa.text(
                            f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
                return
            except sa.exc.OperationalError:  # a straggler raced us into a deadlock
                if attempt == 2:
                    raise
    finally:
        engine.dispose()


def _fresh_database(template, tmp_path) -> str:
    if PG_URL:
        _truncate_postgres()
        return PG_URL
    target = tmp_path / "test.sqlite3"
    shutil.copy(template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def app(database_template, tmp_path):
    """A fresh app on a fresh, migrated database with the default programme seeded."""
    from workshop.programs.seed import seed_default_program

    reset_rate_limits()
    app = create_app(_config(_fresh_database(database_template, tmp_path)))
    with app.app_context():
        seed_default_program()
    yield app
    with app.app_context():
        db.session.remove()
        for engine in db.engines.values():  # the vote writer's own too (database servers)
            engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_user(app):
    """Create a staff account: make_user(role="facilitator", email=None) -> user id."""
    from workshop.auth.services import create_user

    counter = iter(range(1, 10_000))

    def make(role="facilitator", email=None, password="correct horse battery"):
        with app.app_context():
            user = create_user(email or f"{role}{next(counter)}@example.org", role.title(),
                               role, password)
            return user.id

    return make


@pytest.fixture
def login(app):
    """Log a test client in: login(client, user_id)."""
    from workshop.models import User

    def do(client, user_id, password="correct horse battery"):
        with app.app_context():
            email = db.session.get(User, user_id).email
        response = client.post("/login", data={"email": email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    return do


@pytest.fixture
def make_workshop(app, make_user):
    """Create a workshop through the service: make_workshop(facilitator_id=None, **fields)."""
    from workshop.actors import Actor
    from workshop.models import Program, User
    from workshop.workshops.services import create_workshop

    def make(facilitator_id=None, **fields):
        facilitator_id = facilitator_id or make_user("facilitator")
        with app.app_context():
            program = db.session.scalar(sa.select(Program))
            data = {"title": "بازآفرینی محله‌های تاریخی", "program_id": program.id,
                    "phase_id": program.phases[0].id, "guiding_question": "چه باید کرد؟"}
            data.update(fields)
            actor = Actor(user=db.session.get(User, facilitator_id))
            workshop = create_workshop(actor, data)
            return {"id": workshop.id, "code": workshop.join_code, "facilitator": facilitator_id}

    return make


@pytest.fixture
def disciplines(app):
    """The default programme's discipline ids by key."""
    from workshop.models import Discipline

    with app.app_context():
        return {d.key: d.id for d in db.session.scalars(sa.select(Discipline))}


@pytest.fixture
def join_phone(app, disciplines):
    """A phone (its own test client) that joined a workshop: join_phone(workshop, name=...)."""

    def join(workshop, name="مریم", discipline="transport", organisation=""):
        phone = app.test_client()
        response = phone.post(f"/j/{workshop['code']}", data={
            "name": name, "discipline_id": disciplines[discipline], "organisation": organisation})
        assert response.status_code == 302, response.get_data(as_text=True)
        return phone

    return join


def _arrival_written(app) -> None:
    """A phone's arrival is queued, not awaited, by connect: wait for the writer to commit it."""
    from workshop.voting.group_commit import writer

    with app.app_context():
        vote_writer = writer()
    deadline = time.monotonic() + 30
    while not vote_writer.idle():
        assert time.monotonic() < deadline, "the group-commit writer never went idle"
        time.sleep(0.002)


@pytest.fixture
def live(app):
    """Open a Socket.IO test client for a Flask test client: live(http_client, workshop, view)."""
    opened = []

    def connect(http_client, workshop, view="phone"):
        sock = socketio.test_client(app, namespace="/live", flask_test_client=http_client,
                                    auth={"workshop": workshop["id"], "view": view},
                                    headers={"Origin": "http://localhost"})
        opened.append(sock)
        _arrival_written(app)
        return sock

    yield connect
    for sock in opened:
        if sock.is_connected("/live"):
            sock.disconnect("/live")
