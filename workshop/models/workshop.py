"""The co-thinking workshop, its staff and its stage timeline."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from workshop.extensions import db
from workshop.models.base import UTCDateTime, utcnow

STAGES = ("lobby", "propose", "discuss", "vote", "results", "closed")
STATUSES = ("scheduled", "live", "closed")
STAFF_ROLES = ("facilitator", "secretary")

DEFAULT_SETTINGS = {
    "anonymous_proposals": False,
    "late_proposals": False,
    "results_visible": True,
}


class Workshop(db.Model):
    """One live co-thinking gathering (never called a "session")."""

    __tablename__ = "workshop"
    __table_args__ = (
        sa.CheckConstraint(f"stage IN {STAGES!r}", name="stage"),
        sa.CheckConstraint(f"status IN {STATUSES!r}", name="status"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    program_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("program.id"), index=True)
    phase_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("program_phase.id"))
    title: so.Mapped[str] = so.mapped_column(sa.String(200))
    guiding_question: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    scheduled_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    location: so.Mapped[str] = so.mapped_column(sa.String(200), default="")
    language: so.Mapped[str] = so.mapped_column(sa.String(5), default="fa")
    join_code: so.Mapped[str] = so.mapped_column(sa.String(12), unique=True)
    status: so.Mapped[str] = so.mapped_column(sa.String(16), default="scheduled")
    stage: so.Mapped[str] = so.mapped_column(sa.String(16), default="lobby")
    stage_started_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    stage_deadline: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    roster_mode: so.Mapped[bool] = so.mapped_column(default=False)
    # How many people the facilitator expects: the console shows joined against it.
    expected_headcount: so.Mapped[int | None]
    # The programme register (migration 0009): a co-thinking workshop or an expert meeting,
    # and the part (track) of the plan it serves.
    kind: so.Mapped[str] = so.mapped_column(sa.String(20), default="co_thinking",
                                            server_default="co_thinking")
    part_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("program_part.id"))
    settings: so.Mapped[dict] = so.mapped_column(sa.JSON, default=dict)
    # Every change a client can see bumps this; events and snapshots carry it.
    version: so.Mapped[int] = so.mapped_column(default=1)
    created_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)

    program = so.relationship("Program")
    phase = so.relationship("ProgramPhase")
    staff: so.Mapped[list[WorkshopStaff]] = so.relationship(
        back_populates="workshop", cascade="all, delete-orphan"
    )

    def setting(self, name: str):
        """A workshop setting, falling back to the default."""
        return (self.settings or {}).get(name, DEFAULT_SETTINGS.get(name))

    def bump_version(self) -> int:
        """Mark a client-visible change; returns the new version."""
        self.version = (self.version or 0) + 1
        return self.version


class WorkshopStaff(db.Model):
    """Who facilitates or keeps the minutes of a workshop."""

    __tablename__ = "workshop_staff"
    __table_args__ = (
        sa.UniqueConstraint("workshop_id", "user_id", "role"),
        sa.CheckConstraint(f"role IN {STAFF_ROLES!r}", name="role"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    workshop_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("workshop.id"), index=True)
    user_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("user_account.id"), index=True)
    role: so.Mapped[str] = so.mapped_column(sa.String(20))

    workshop: so.Mapped[Workshop] = so.relationship(back_populates="staff")
    user = so.relationship("User")


class StageChange(db.Model):
    """The timeline of stages, for the console and the minutes."""

    __tablename__ = "stage_change"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    workshop_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("workshop.id"), index=True)
    from_stage: so.Mapped[str] = so.mapped_column(sa.String(16))
    to_stage: so.Mapped[str] = so.mapped_column(sa.String(16))
    at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)
    by_user_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))
