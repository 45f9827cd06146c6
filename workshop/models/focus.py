"""Focus points (نقاط تمرکز): what the plan must address, proposed by participants."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from workshop.extensions import db
from workshop.models.base import UTCDateTime, utcnow

POINT_STATUSES = ("visible", "hidden", "merged", "withdrawn")


class FocusPoint(db.Model):
    """A short statement proposed in a workshop; annotated and voted on."""

    __tablename__ = "focus_point"
    __table_args__ = (sa.CheckConstraint(f"status IN {POINT_STATUSES!r}", name="status"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    workshop_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("workshop.id"), index=True)
    author_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("participant.id"))
    discipline_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("discipline.id"))
    title: so.Mapped[str] = so.mapped_column(sa.String(140))
    description: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    status: so.Mapped[str] = so.mapped_column(sa.String(16), default="visible")
    merged_into_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("focus_point.id"))
    position: so.Mapped[int] = so.mapped_column(default=0)
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)
    updated_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)
