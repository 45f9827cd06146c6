"""The secretary's minutes (صورت‌جلسه): numbered versions, each a draft until made final.

A final version carries its frozen data, its PDF and their SHA-256; database triggers
(migration 0004) refuse any UPDATE or DELETE of it and of its children.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from workshop.extensions import db
from workshop.models.base import UTCDateTime, utcnow

VERSION_STATUSES = ("draft", "final")
ACTION_STATUSES = ("open", "in_progress", "done", "dropped")
ATTENDANCE_STATUSES = ("present", "late", "left_early", "late_left_early", "absent", "excused")


class MinutesVersion(db.Model):
    """One version of a workshop's minutes; corrections add a new number, never edit a final."""

    __tablename__ = "minutes_version"
    __table_args__ = (
        sa.UniqueConstraint("workshop_id", "number"),
        sa.CheckConstraint(f"status IN {VERSION_STATUSES!r}", name="status"),
        sa.CheckConstraint(
            "status = 'draft' OR (sha256 IS NOT NULL AND pdf IS NOT NULL "
            "AND snapshot IS NOT NULL AND finalised_at IS NOT NULL)", name="final_complete"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    workshop_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("workshop.id"), index=True)
    number: so.Mapped[int] = so.mapped_column(default=1)
    status: so.Mapped[str] = so.mapped_column(sa.String(8), default="draft")
    summary: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    summary_rev: so.Mapped[int] = so.mapped_column(default=0)
    # Bumped by every change to the version or its children: the optimistic-concurrency token.
    revision: so.Mapped[int] = so.mapped_column(default=1)
    reason: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    lang: so.Mapped[str] = so.mapped_column(sa.String(5), default="fa")
    created_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)
    updated_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)
    finalised_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    finalised_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))
    snapshot: so.Mapped[dict | None] = so.mapped_column(sa.JSON)
    content_sha256: so.Mapped[str | None] = so.mapped_column(sa.String(64))
    sha256: so.Mapped[str | None] = so.mapped_column(sa.String(64))
    pdf: so.Mapped[bytes | None] = so.mapped_column(sa.LargeBinary, deferred=True)

    finalised_by = so.relationship("User", foreign_keys=[finalised_by_id])
    notes: so.Mapped[list[MinutesNote]] = so.relationship(
        back_populates="version", order_by="MinutesNote.stage")
    decisions: so.Mapped[list[MinutesDecision]] = so.relationship(
        back_populates="version", order_by="[MinutesDecision.position, MinutesDecision.id]")
    actions: so.Mapped[list[MinutesAction]] = so.relationship(
        back_populates="version", order_by="[MinutesAction.position, MinutesAction.id]")
    corrections: so.Mapped[list[AttendanceCorrection]] = so.relationship(
        back_populates="version", order_by="AttendanceCorrection.id")

    @property
    def is_final(self) -> bool:
        return self.status == "final"


class MinutesNote(db.Model):
    """The secretary's notes for one stage of the workshop."""

    __tablename__ = "minutes_note"
    __table_args__ = (sa.UniqueConstraint("version_id", "stage"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    version_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("minutes_version.id"), index=True)
    stage: so.Mapped[str] = so.mapped_column(sa.String(16))
    text: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    revision: so.Mapped[int] = so.mapped_column(default=1)

    version: so.Mapped[MinutesVersion] = so.relationship(back_populates="notes")


class MinutesDecision(db.Model):
    """A decision, optionally linked to focus points and to a voting round's result."""

    __tablename__ = "minutes_decision"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    version_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("minutes_version.id"), index=True)
    position: so.Mapped[int] = so.mapped_column(default=0)
    text: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    point_ids: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    round_id: so.Mapped[int | None]
    revision: so.Mapped[int] = so.mapped_column(default=1)

    version: so.Mapped[MinutesVersion] = so.relationship(back_populates="decisions")


class MinutesAction(db.Model):
    """A follow-up: what, who, by when (entered and shown in Jalali), and how far it is."""

    __tablename__ = "minutes_action"
    __table_args__ = (sa.CheckConstraint(f"status IN {ACTION_STATUSES!r}", name="status"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    version_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("minutes_version.id"), index=True)
    position: so.Mapped[int] = so.mapped_column(default=0)
    what: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    owner: so.Mapped[str] = so.mapped_column(sa.String(120), default="")
    due_date: so.Mapped[date | None] = so.mapped_column(sa.Date)
    status: so.Mapped[str] = so.mapped_column(sa.String(16), default="open")
    revision: so.Mapped[int] = so.mapped_column(default=1)

    version: so.Mapped[MinutesVersion] = so.relationship(back_populates="actions")


class AttendanceCorrection(db.Model):
    """The secretary's correction of one attendance row, or a person added by hand."""

    __tablename__ = "attendance_correction"
    __table_args__ = (
        sa.UniqueConstraint("version_id", "participant_id"),
        sa.CheckConstraint(f"status IN {ATTENDANCE_STATUSES!r}", name="status"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    version_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("minutes_version.id"), index=True)
    participant_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("participant.id"))
    display_name: so.Mapped[str] = so.mapped_column(sa.String(80), default="")
    discipline_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("discipline.id"))
    organisation: so.Mapped[str] = so.mapped_column(sa.String(120), default="")
    status: so.Mapped[str] = so.mapped_column(sa.String(16), default="present")
    note: so.Mapped[str] = so.mapped_column(sa.String(200), default="")
    revision: so.Mapped[int] = so.mapped_column(default=1)

    version: so.Mapped[MinutesVersion] = so.relationship(back_populates="corrections")
