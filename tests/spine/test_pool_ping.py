"""A database server's pooled connection is pinged only after sitting idle, and replaced if dead."""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa

from tests.conftest import PG_URL
from workshop import pool_ping
from workshop.extensions import db

pytestmark = pytest.mark.skipif(not PG_URL, reason="SQLite has no server to lose")
_PID = sa.text("SELECT pg_backend_pid()")


def test_a_busy_connection_is_not_pinged_and_a_dead_idle_one_is_replaced(app, monkeypatch):
    monkeypatch.setattr(pool_ping, "IDLE_PING", 0.2)
    pings = []
    with app.app_context():
        engine = db.engine
        real = engine.dialect.do_ping
        monkeypatch.setattr(engine.dialect, "do_ping", lambda c: pings.append(1) or real(c))
        with engine.connect() as connection:
            first = connection.execute(_PID).scalar()
        with engine.connect() as connection:  # used a moment ago: handed out as it is
            assert connection.execute(_PID).scalar() == first
        assert pings == []
        time.sleep(0.3)
        admin = sa.create_engine(PG_URL)
        with admin.begin() as connection:
            connection.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        admin.dispose()
        with engine.connect() as connection:  # idle and dead: pinged, replaced, no error
            assert connection.execute(_PID).scalar() != first
        assert pings
