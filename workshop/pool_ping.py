"""Liveness checks for a database server's pooled connections, only after they sat idle.

`pool_pre_ping` sent `SELECT 1` before every checkout: one more round trip for every batch of
the vote writer and every request, and a busy PostgreSQL answers each in milliseconds. A
connection used in the last `IDLE_PING` seconds is handed out as it is; an idle one is pinged
first and replaced if the server went away (a restart, an idle timeout). A server restart
within those seconds of a connection's use fails that one statement; SQLAlchemy then drops
the pool's connections and the next checkout reconnects.
"""

from __future__ import annotations

import time

import sqlalchemy as sa

IDLE_PING = 2.0


def ping_when_idle(engine: sa.Engine) -> None:
    """Check a connection that has been idle before handing it out (see the module doc)."""
    sa.event.listen(engine, "checkin", _note_idle)
    sa.event.listen(engine, "checkout", lambda dbapi, record, proxy:
                    _ping_if_idle(engine.dialect, dbapi, record))


def _note_idle(dbapi_connection, record) -> None:
    record.info["idle_since"] = time.monotonic()


def _ping_if_idle(dialect, dbapi_connection, record) -> None:
    since = record.info.get("idle_since")
    if since is None or time.monotonic() - since < IDLE_PING:
        return  # new, or just used: a dead server shows on the statement itself
    try:
        alive = dialect.do_ping(dbapi_connection)
    except Exception as error:  # the pool replaces it and checks out another
        raise sa.exc.DisconnectionError() from error
    if not alive:
        raise sa.exc.DisconnectionError()
