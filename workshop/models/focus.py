"""Focus points (نقاط تمرکز), their edit history, merge lineage and the programme's themes."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from workshop.extensions import db
from workshop.models.base import BilingualName, UTCDateTime, utcnow

POINT_STATUSES = ("visible", "hidden", "merged", "withdrawn")
EDITOR_KINDS = ("author", "facilitator")

focus_point_theme = sa.Table(
    "focus_point_theme",
    db.metadata,
    sa.Column("point_id", sa.ForeignKey("focus_point.id"), primary_key=True),
    sa.Column("theme_id", sa.ForeignKey("program_theme.id"), primary_key=True),
)


class ProgramTheme(BilingualName, db.Model):
    """A theme of the plan (mobility, heritage, ...): tags for points and facilitator groups."""

    __tablename__ = "program_theme"
    __table_args__ = (sa.UniqueConstraint("program_id", "key"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    program_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("program.id"), index=True)
    key: so.Mapped[str] = so.mapped_column(sa.String(40))
    position: so.Mapped[int] = so.mapped_column(default=0)
    active: so.Mapped[bool] = so.mapped_column(default=True)


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
    # Proposed while the workshop was anonymous: the author stays hidden even if that changes.
    anonymous: so.Mapped[bool] = so.mapped_column(default=False)
    # The facilitator's grouping (one theme); `tags` are the proposer's own theme tags.
    group_theme_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("program_theme.id"))
    hidden_reason: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    merged_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())

    author = so.relationship("Participant", foreign_keys=[author_id])
    discipline = so.relationship("Discipline")
    group_theme = so.relationship("ProgramTheme")
    tags: so.Mapped[list[ProgramTheme]] = so.relationship(
        secondary=focus_point_theme, order_by="ProgramTheme.position"
    )


class FocusPointRevision(db.Model):
    """One version of a point's text; append-only, so every edit stays in the history."""

    __tablename__ = "focus_point_revision"
    __table_args__ = (sa.CheckConstraint(f"editor_kind IN {EDITOR_KINDS!r}", name="editor_kind"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    point_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("focus_point.id"), index=True)
    title: so.Mapped[str] = so.mapped_column(sa.String(140))
    description: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    editor_kind: so.Mapped[str] = so.mapped_column(sa.String(16))
    editor_participant_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("participant.id"))
    editor_user_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))
    reason: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)


class FocusPointMerge(db.Model):
    """Lineage: `merged` was folded into `survivor`; undone_at is set by an unmerge."""

    __tablename__ = "focus_point_merge"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    workshop_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("workshop.id"), index=True)
    survivor_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("focus_point.id"), index=True)
    merged_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("focus_point.id"), index=True)
    by_user_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))
    at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)
    undone_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    undone_by_user_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("user_account.id"))
    # What the merged point was before (visible or hidden), restored by an unmerge.
    previous_status: so.Mapped[str] = so.mapped_column(sa.String(16), default="visible")
