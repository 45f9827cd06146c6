"""Client operation ids, kept so a resent command returns its first outcome."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from workshop.extensions import db
from workshop.models.base import UTCDateTime, utcnow


class Operation(db.Model):
    """One command's outcome, unique per actor and client-generated operation id."""

    __tablename__ = "operation"
    __table_args__ = (sa.UniqueConstraint("actor_key", "op_id"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    workshop_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("workshop.id"), index=True
    )
    actor_key: so.Mapped[str] = so.mapped_column(sa.String(40))
    op_id: so.Mapped[str] = so.mapped_column(sa.String(64))
    command: so.Mapped[str] = so.mapped_column(sa.String(60))
    payload_digest: so.Mapped[str] = so.mapped_column(sa.String(64))
    outcome: so.Mapped[dict] = so.mapped_column(sa.JSON)
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)
