"""Backups taken while phones vote restore every acknowledged vote and intact final minutes.

Runs on the suite's database: SQLite (online backup API) in the SQLite pass, PostgreSQL
(pg_dump / pg_restore) in the PostgreSQL pass, through the `flask backup` commands the
deployment docs give.
"""

from __future__ import annotations

import glob
import hashlib
import os
import time

import pytest
import sqlalchemy as sa

from config import TestingConfig
from tests.live_setup import PASSWORD
from tests.live_voting import VotingPhone, stored_ops, voting_workshop
from tests.postgres import empty_database
from workshop import create_app
from workshop.actors import Actor
from workshop.auth.services import create_user
from workshop.extensions import db
from workshop.minutes import finalise
from workshop.minutes.state import workspace_state
from workshop.models import Program, User
from workshop.workshops.services import create_workshop, set_staff

pytestmark = pytest.mark.server
PG_TOOL_DIRS = ("/usr/lib/postgresql/*/bin", "/usr/bin", "/usr/local/bin")


def app_on(database_url: str):
    """This process's own app on a server's database (threading mode, like the suite's)."""
    config = type("BackupConfig", (TestingConfig,), {"SQLALCHEMY_DATABASE_URI": database_url})
    return create_app(config)


def finalise_minutes(app) -> None:
    """Finalised minutes, made by the services exactly as the secretary's "finalise" does."""
    with app.test_request_context():
        ids = [create_user(f"backup-{role}@example.org", role, role, PASSWORD).id
               for role in ("facilitator", "secretary")]
        facilitator = Actor(user=db.session.get(User, ids[0]))
        program = db.session.scalar(sa.select(Program))
        workshop_id = create_workshop(facilitator, {
            "title": "پشتیبان‌گیری", "program_id": program.id,
            "phase_id": program.phases[0].id, "guiding_question": "چه باید کرد؟"}).id
        set_staff(facilitator, workshop_id, [ids[1]], "secretary")
        secretary = Actor(user=db.session.get(User, ids[1]))
        revision = workspace_state(secretary, workshop_id)["revision"]
        finalise.finalise(secretary, workshop_id, revision)
        db.session.remove()


def flask_command(app, *args: str) -> str:
    """Run a `flask …` command of `app` (the same click commands operators run)."""
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output


@pytest.fixture
def restore_target(tmp_path):
    """An empty database of the suite's kind to restore into (dropped afterwards)."""
    pg_url = os.environ.get("TEST_DATABASE_URL")
    if pg_url and not any(glob.glob(f"{d}/pg_dump") for d in PG_TOOL_DIRS):
        pytest.skip("pg_dump is not installed (apt-get install postgresql-client)")
    with empty_database(tmp_path, "restored") as url:
        yield url


def final_minutes(database_url: str) -> list[tuple[bytes, str]]:
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(sa.text(
                "SELECT pdf, sha256 FROM minutes_version WHERE status = 'final'"))]
    finally:
        engine.dispose()


def test_backup_during_voting_restores_every_acked_vote(live_server, restore_target, tmp_path):
    live_app = app_on(live_server.database_url)
    finalise_minutes(live_app)
    _console, workshop, round_id, points, browsers = voting_workshop(live_server, 8)
    phones = [VotingPhone(live_server.socket(web, workshop), round_id, points)
              for web in browsers]
    for phone in phones:
        phone.start()
    while sum(len(p.acked) for p in phones) < 80:
        time.sleep(0.01)
    started = time.monotonic()
    backup = tmp_path / "hamandishi.backup"
    with live_app.app_context():  # while the phones keep voting
        assert "Backup written" in flask_command(live_app, "backup", "create", str(backup))
        db.engine.dispose()
    finished = time.monotonic()
    deadline = time.monotonic() + 30  # votes keep coming after the backup too
    while time.monotonic() < deadline and sum(
            1 for p in phones for _, at in p.acked if at > finished) < 16:
        time.sleep(0.02)
    for phone in phones:
        phone.stop.set()
        phone.join(10)
    acked_before = {op for p in phones for op, at in p.acked if at < started}
    acked_after = sum(1 for p in phones for _, at in p.acked if at > finished)

    restored_app = app_on(restore_target)
    with restored_app.app_context():
        output = flask_command(restored_app, "backup", "restore", "--yes", str(backup))
        assert "1 finalised minutes checked, 0 mismatched" in output
        db.engine.dispose()
    restored = stored_ops(restore_target, round_id)
    assert acked_before <= set(restored)
    assert len(restored) == len(set(restored))
    assert set(restored) <= {op for p in phones for op in p.ops}
    assert len(restored) < len(stored_ops(live_server.database_url, round_id))
    assert acked_after > 0, "the voting stopped before the backup ended"
    minutes = final_minutes(restore_target)
    assert len(minutes) == 1
    assert all(hashlib.sha256(pdf).hexdigest() == digest for pdf, digest in minutes)
