"""Backups while the app runs, restores, and a check of finalised minutes (`flask backup …`).

SQLite: SQLite's online backup API copies a consistent snapshot while the server keeps
writing (WAL readers never block the writer). PostgreSQL: `pg_dump -Fc` (one consistent
snapshot) and `pg_restore`. Every vote acknowledged before a backup starts is in it: a vote is
acknowledged only after its commit. Restore into a stopped deployment (docs/deployment.md §7).
"""

from __future__ import annotations

import glob
import hashlib
import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from workshop.extensions import db


class BackupError(click.ClickException):
    """A backup or restore that could not be done; the message says why."""


def _url() -> sa.engine.URL:
    return sa.engine.make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])


def default_path(url: sa.engine.URL) -> Path:
    """instance/backups/hamandishi-<UTC time>.sqlite3 (SQLite) or .dump (PostgreSQL)."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    suffix = "sqlite3" if url.get_backend_name() == "sqlite" else "dump"
    return Path(current_app.instance_path) / "backups" / f"hamandishi-{stamp}.{suffix}"


def _sqlite_file(url: sa.engine.URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database has nothing to back up")
    return Path(url.database)


def _pg_tool(name: str) -> str:
    """pg_dump / pg_restore: the newest Debian server version's, else the one on PATH."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                   key=lambda p: int(Path(p).parts[-3]))
    tool = found[-1] if found else shutil.which(name)
    if tool is None:
        raise BackupError(f"{name} is not installed (apt-get install postgresql-client)")
    return tool


def _libpq(url: sa.engine.URL) -> tuple[str, dict[str, str]]:
    """A libpq URI without the password, and an environment that carries it."""
    uri = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return uri, env


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL)
    if done.returncode:
        raise BackupError(f"{Path(command[0]).name} failed:\n{done.stderr.strip()}")


def backup_sqlite(source: Path, target: Path) -> None:
    """Online copy of a live SQLite database (one consistent snapshot), then a quick check."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
        if dst.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise BackupError(f"the copy in {target} failed SQLite's quick_check")


def restore_sqlite(backup: Path, target: Path) -> None:
    """Write a backup over the database file (servers stopped); the WAL is handled by SQLite."""
    with closing(sqlite3.connect(backup)) as src, closing(sqlite3.connect(target)) as dst:
        tables = {row[0] for row in src.execute("SELECT name FROM sqlite_master")}
        if "alembic_version" not in tables:
            raise BackupError(f"{backup} is not a Hamandishi database")
        src.backup(dst)


def create_backup(target: Path | None = None) -> Path:
    """Back up the configured database while the app keeps running; returns the file."""
    url = _url()
    target = Path(target or default_path(url))
    target.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        backup_sqlite(_sqlite_file(url), target)
    else:
        uri, env = _libpq(url)
        _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
              "--file", str(target), "--dbname", uri], env)
    return target


def restore_backup(backup: Path) -> None:
    """Replace the configured database's contents with a backup's."""
    if not backup.is_file():
        raise BackupError(f"no backup at {backup}")
    url = _url()
    db.engine.dispose()  # no pooled connection of ours may hold the old tables
    if url.get_backend_name() == "sqlite":
        restore_sqlite(backup, _sqlite_file(url))
        return
    uri, env = _libpq(url)
    _run([_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
          "--single-transaction", "--exit-on-error", "--dbname", uri, str(backup)], env)


def check_minutes() -> tuple[int, list[str]]:
    """Finalised minutes whose PDF or frozen archive no longer matches its stored SHA-256."""
    from workshop.minutes.archive import content_hash
    from workshop.models.minutes import MinutesVersion

    rows = db.session.execute(sa.select(
        MinutesVersion.workshop_id, MinutesVersion.number, MinutesVersion.pdf,
        MinutesVersion.sha256, MinutesVersion.snapshot, MinutesVersion.content_sha256,
    ).where(MinutesVersion.status == "final")).all()
    bad = [f"workshop {r.workshop_id} minutes v{r.number}" for r in rows
           if hashlib.sha256(r.pdf).hexdigest() != r.sha256
           or content_hash(r.snapshot) != r.content_sha256]
    db.session.rollback()
    return len(rows), bad


backup = click.Group("backup", help="Back up, restore and check the database.")


@backup.command("create")
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def create_command(path: Path | None) -> None:
    """Back up the database while the server runs (default: instance/backups/…)."""
    click.echo(f"Backup written to {create_backup(path)}")


@backup.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database.")
@with_appcontext
def restore_command(path: Path, yes: bool) -> None:
    """Replace the database with a backup (stop every server process first)."""
    if not yes:
        click.confirm(f"Replace {_url().render_as_string()} with {path}?", abort=True)
    restore_backup(path)
    total, bad = check_minutes()
    click.echo(f"Restored {path}; {total} finalised minutes checked, {len(bad)} mismatched")
    if bad:
        raise BackupError("hash mismatch: " + ", ".join(bad))


@backup.command("check")
@with_appcontext
def check_command() -> None:
    """Check every finalised minutes PDF and archive against its stored SHA-256."""
    total, bad = check_minutes()
    if bad:
        raise BackupError("hash mismatch: " + ", ".join(bad))
    click.echo(f"{total} finalised minutes match their SHA-256")
