"""Database wiring: durable SQLite settings and append-only guards."""

from __future__ import annotations

import os

import sqlalchemy as sa
from flask import Flask

from workshop.db_session import WRITER_BIND, writer_bind
from workshop.extensions import db
from workshop.pool_ping import ping_when_idle

# FULL survives power loss; SQLITE_SYNCHRONOUS=NORMAL (app-crash safe only) lets benchmarks
# show what the per-commit fsync costs on a given disk.
_SYNC = os.environ.get("SQLITE_SYNCHRONOUS", "FULL").upper()
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    f"PRAGMA synchronous={_SYNC if _SYNC in ('FULL', 'NORMAL', 'EXTRA') else 'FULL'}",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=10000",
)


def _set_sqlite_pragmas(dbapi_connection, connection_record) -> None:
    """Durability and integrity settings SQLite does not turn on by itself."""
    cursor = dbapi_connection.cursor()
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def engine_options(app: Flask) -> None:
    """A local SQLite file needs no liveness ping before every checkout (a server does). A
    database server gets a pool as wide as a busy process needs: socket handlers, the vote
    writers and the broadcasts wait on the database side by side, and a connection opened
    past the pool is closed again on return (a new server process and login each time). The
    vote writer gets two connections of its own there (`db_session.py`)."""
    options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if url.startswith("sqlite"):
        options.pop("pool_pre_ping", None)
    else:
        app.config["DB_PING_WHEN_IDLE"] = options.pop("pool_pre_ping", False)  # pool_ping.py
        binds = dict(app.config.get("SQLALCHEMY_BINDS") or {})
        binds.setdefault(WRITER_BIND, writer_bind(url, options))
        app.config["SQLALCHEMY_BINDS"] = binds
        options.setdefault("pool_size", app.config["DB_POOL_SIZE"])
        options.setdefault("max_overflow", app.config["DB_POOL_OVERFLOW"])
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


def init_app(app: Flask) -> None:
    """Attach the SQLite pragmas to every new connection of this app's engine; on a database
    server, the liveness check of idle connections to every engine."""
    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "sqlite":
            sa.event.listen(engine, "connect", _set_sqlite_pragmas)
            engine.dispose()
        elif app.config.get("DB_PING_WHEN_IDLE"):
            for each in db.engines.values():
                ping_when_idle(each)


def is_sqlite() -> bool:
    """Whether the bound database is SQLite (some SQL differs)."""
    return db.engine.dialect.name == "sqlite"
