"""The database session class: the vote writer draws on connections of its own.

During a reconnect storm every connecting socket waits for a pooled connection, and the
group-commit writer queued behind hundreds of them (400 ms a batch, measured), while the
votes and arrivals it carries waited on it. On a database server the writer's app context
(`g.own_connections`) binds to a small engine of its own (bind key `writer`); SQLite, whose
writes are one at a time anyway, keeps one pool.
"""

from __future__ import annotations

from flask import g, has_app_context
from flask_sqlalchemy.session import Session

WRITER_BIND = "writer"


class WorkshopDbSession(Session):
    """Flask-SQLAlchemy's session, bound to the writer's engine inside the writer."""

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        if bind is None and has_app_context() and g.get("own_connections"):
            engine = self._db.engines.get(WRITER_BIND)
            if engine is not None:
                return engine
        return super().get_bind(mapper=mapper, clause=clause, bind=bind, **kwargs)


def writer_bind(url: str, options: dict) -> dict:
    """The writer's engine: the same database, two connections, never an overflow."""
    return {"url": url, **options, "pool_size": 2, "max_overflow": 0}
