"""Typed annotations on focus points: support, concern, question, evidence, idea; and replies."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from workshop.extensions import db
from workshop.models.base import UTCDateTime, utcnow

ANNOTATION_KINDS = ("support", "concern", "question", "evidence", "idea")
# Replies are untyped; they carry the kind "reply".
ALL_KINDS = (*ANNOTATION_KINDS, "reply")
ANNOTATION_STATUSES = ("visible", "hidden", "deleted")


class Annotation(db.Model):
    """A participant's typed remark on a point (or a reply to one), with their discipline."""

    __tablename__ = "annotation"
    __table_args__ = (
        sa.CheckConstraint(f"kind IN {ALL_KINDS!r}", name="kind"),
        sa.CheckConstraint(f"status IN {ANNOTATION_STATUSES!r}", name="status"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    workshop_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("workshop.id"), index=True)
    # The point it belongs to now (a merge moves it to the survivor) ...
    point_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("focus_point.id"), index=True)
    # ... and the point it was written on, so an unmerge can move it back.
    origin_point_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("focus_point.id"))
    parent_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("annotation.id"))
    author_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("participant.id"))
    discipline_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("discipline.id"))
    kind: so.Mapped[str] = so.mapped_column(sa.String(16))
    body: so.Mapped[str] = so.mapped_column(sa.Text)
    source_url: so.Mapped[str] = so.mapped_column(sa.String(500), default="")
    pinned: so.Mapped[bool] = so.mapped_column(default=False)
    status: so.Mapped[str] = so.mapped_column(sa.String(16), default="visible")
    hidden_reason: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    anonymous: so.Mapped[bool] = so.mapped_column(default=False)
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)
    updated_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)

    author = so.relationship("Participant")
    discipline = so.relationship("Discipline")
