"""Databases and environment for real servers: one migrated, bootstrapped template per run.

Used by tests/live_server.py (fixtures) and by benchmarks that start servers themselves.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from tests.postgres import create_database, drop_database, unique_name

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery"
# App variables never inherited from the outer environment: only explicit overrides count.
SCRUBBED = ("TEST_DATABASE_URL", "DATABASE_URL", "HAMANDISHI_CONFIG", "IGNORE_OPERATION_IDS",
            "SOCKETIO_MESSAGE_QUEUE", "COOKIE_SECURE", "TRUSTED_PROXIES", "PORT", "HOST",
            "SQLITE_SYNCHRONOUS", "NODE_ID", "RATELIMIT_STORAGE_URI")
SECRET_KEY = secrets.token_hex(32)  # shared by every server of this run (several processes)
STAFF = (("facilitator", 6), ("secretary", 2), ("admin", 1))  # ready in every server database


# What `flask db upgrade` and `flask bootstrap` do, plus ready staff accounts, in one process.
PREPARE = f"""
from flask_migrate import upgrade
from workshop import create_app
from workshop.auth.services import create_user
from workshop.cli import bootstrap
app = create_app()
with app.app_context():
    upgrade()
    bootstrap()
    for role, count in {dict(STAFF)!r}.items():
        for n in range(1, count + 1):
            create_user(f"{{role}}{{n}}@example.org", f"{{role.title()}} {{n}}", role, {PASSWORD!r})
"""


def run_python(database_url: str, *args: str) -> None:
    """Run python with `args` in the repo against `database_url` (development config)."""
    env = server_env(database_url, {"FLASK_APP": "workshop:create_app"})
    done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)[:200]} failed:\n{done.stdout}\n{done.stderr}")


class Databases:
    """Hands out a fresh migrated + bootstrapped database per server, from one template."""

    def __init__(self, tmp_dir: Path, pg_url: str | None):
        self.tmp_dir, self.pg_url = tmp_dir, pg_url
        self.template: str | None = None
        self.created: list[str] = []

    def _prepare(self) -> None:
        if self.pg_url:
            self.template = unique_name("hl_template")
            url = create_database(self.pg_url, self.template)
        else:
            self.template = str(self.tmp_dir / "template.sqlite3")
            url = f"sqlite:///{self.template}"
        run_python(url, "-c", PREPARE)

    def new(self) -> str:
        """A new database URL whose schema and seed data are ready."""
        if self.template is None:
            self._prepare()
        if self.pg_url:
            name = unique_name("hl")
            self.created.append(name)
            return create_database(self.pg_url, name, template=self.template)
        target = self.tmp_dir / f"server-{len(self.created)}.sqlite3"
        self.created.append(str(target))
        with closing(sqlite3.connect(self.template)) as src, \
                closing(sqlite3.connect(target)) as dst:
            src.backup(dst)
        return f"sqlite:///{target}"

    def cleanup(self) -> None:
        """Drop every PostgreSQL database this run created (files go with tmp_path)."""
        if not self.pg_url:
            return
        for name in [*self.created, self.template]:
            if name:
                drop_database(self.pg_url, name)


def server_env(database_url: str, overrides: dict[str, str] | None) -> dict[str, str]:
    """The environment of a test server: development config on `database_url`, quick pings."""
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    env.update(HAMANDISHI_CONFIG="development", DATABASE_URL=database_url, HOST="127.0.0.1",
               SECRET_KEY=SECRET_KEY, SOCKET_PING_INTERVAL="5", SOCKET_PING_TIMEOUT="5",
               LOG_LEVEL="WARNING", PYTHONUNBUFFERED="1")
    env.update({k: str(v) for k, v in (overrides or {}).items()})
    return env
