"""The append-only record of every state change: who, what, when."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from workshop.extensions import db
from workshop.models.base import UTCDateTime, utcnow


class AuditEntry(db.Model):
    """One state change; database triggers refuse UPDATE and DELETE."""

    __tablename__ = "audit_entry"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    workshop_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("workshop.id"), index=True
    )
    actor_kind: so.Mapped[str] = so.mapped_column(sa.String(16))
    actor_id: so.Mapped[int | None]
    actor_label: so.Mapped[str] = so.mapped_column(sa.String(120), default="")
    action: so.Mapped[str] = so.mapped_column(sa.String(60))
    target: so.Mapped[str] = so.mapped_column(sa.String(80), default="")
    reason: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    detail: so.Mapped[dict] = so.mapped_column(sa.JSON, default=dict)
    at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)
