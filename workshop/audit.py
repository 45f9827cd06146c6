"""Writing the append-only audit log; entries join the caller's transaction."""

from __future__ import annotations

from workshop.actors import Actor
from workshop.extensions import db
from workshop.models import AuditEntry


def record(actor: Actor, workshop, action: str, target: str = "", reason: str = "", **detail):
    """Add who did what, when and why to the audit log (committed with the change)."""
    entry = AuditEntry(
        workshop_id=workshop.id if workshop is not None else None,
        actor_kind=actor.kind,
        actor_id=actor.id,
        actor_label=actor.label[:120],
        action=action,
        target=target,
        reason=reason,
        detail=detail,
    )
    db.session.add(entry)
    return entry
