"""People in the room, joined from their phones; their rows are the attendance record."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from workshop.extensions import db
from workshop.models.base import UTCDateTime, utcnow

PARTICIPANT_STATUSES = ("invited", "pending", "admitted", "removed")


class Participant(db.Model):
    """A participant of one workshop; the phone holds a token whose hash is stored here."""

    __tablename__ = "participant"
    __table_args__ = (
        sa.CheckConstraint(f"status IN {PARTICIPANT_STATUSES!r}", name="status"),
        sa.Index("ix_participant_device", "workshop_id", "device_key", unique=True),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    workshop_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("workshop.id"), index=True)
    display_name: so.Mapped[str] = so.mapped_column(sa.String(80))
    discipline_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("discipline.id"))
    organisation: so.Mapped[str] = so.mapped_column(sa.String(120), default="")
    role: so.Mapped[str] = so.mapped_column(sa.String(20), default="participant")
    status: so.Mapped[str] = so.mapped_column(sa.String(16), default="admitted")
    token_hash: so.Mapped[str | None] = so.mapped_column(sa.String(64), unique=True)
    invite_hash: so.Mapped[str | None] = so.mapped_column(sa.String(64), unique=True)
    # A keyed hash of the phone's signed device cookie: one participant per device and workshop.
    device_key: so.Mapped[str | None] = so.mapped_column(sa.String(64))
    joined_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    left_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)

    workshop = so.relationship("Workshop")
    discipline = so.relationship("Discipline")

    @property
    def is_admitted(self) -> bool:
        return self.status == "admitted"
