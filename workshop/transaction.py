"""The one way services commit: the operation record joins the same transaction."""

from __future__ import annotations

import sqlalchemy as sa
from flask import g, has_app_context

from workshop.extensions import db
from workshop.models import Operation
from workshop.realtime.publish import run_deferred

# Built once (it runs with every command): a Core insert, not an ORM flush.
_RECORD = sa.insert(Operation.__table__)


def commit(result: dict | None = None) -> dict | None:
    """Commit the service's changes together with the pending operation id, if any.

    Events queued with `publish` are emitted by the session's after-commit hook, so
    clients only ever hear about durable state.
    """
    pending = g.pop("pending_operation", None) if has_app_context() else None
    if pending is not None:
        outcome = {"ok": True, "result": result}
        db.session.connection().execute(_RECORD, {**pending, "outcome": outcome})
    db.session.commit()
    run_deferred(db.session)
    return result


def rollback() -> None:
    """Forget a failed attempt, including its queued events."""
    db.session.rollback()
