"""The programme register: programme-level focus points, their lineage, sources and roles."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from workshop.extensions import db
from workshop.models.base import BilingualName, UTCDateTime, utcnow
from workshop.text.search import search_key

ITEM_STATUSES = ("identified", "analysed", "prescribed", "set_aside")
ITEM_STATES = ("active", "merged")
LINK_KINDS = ("link", "promote", "carry")
LINEAGE_KINDS = ("merge", "split")
SOURCE_KINDS = ("citizens", "experts", "problems", "interview", "stakeholders", "study",
                "world_city", "citizen_comment", "other")
PROGRAM_ROLES = ("planner", "observer")
WORKSHOP_KINDS = ("co_thinking", "expert_meeting")
CARRY_KINDS = ("action", "point")
COMMENT_KINDS = ("comment", "support")
COMMENT_STATUSES = ("pending", "accepted", "rejected")


class ProgramPart(BilingualName, db.Model):
    """A part (track) of the plan, e.g. the city's development or the municipality's reform."""

    __tablename__ = "program_part"
    __table_args__ = (sa.UniqueConstraint("program_id", "key"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    program_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("program.id"), index=True)
    key: so.Mapped[str] = so.mapped_column(sa.String(40))
    position: so.Mapped[int] = so.mapped_column(default=0)


class ProgramMember(db.Model):
    """A staff user's role in a whole programme (planners edit its register)."""

    __tablename__ = "program_member"
    __table_args__ = (sa.UniqueConstraint("program_id", "user_id", "role"),
                      sa.CheckConstraint(f"role IN {PROGRAM_ROLES!r}", name="role"))

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    program_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("program.id"), index=True)
    user_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("user_account.id"), index=True)
    role: so.Mapped[str] = so.mapped_column(sa.String(20), default="planner")


class RequiredDiscipline(db.Model):
    """A discipline that must see every topic of the programme (coverage)."""

    __tablename__ = "required_discipline"

    program_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("program.id"), primary_key=True)
    discipline_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("discipline.id"),
                                                     primary_key=True)


class RegisterItem(db.Model):
    """A programme-level focus point, fed by workshop points and sources."""

    __tablename__ = "register_item"
    __table_args__ = (sa.CheckConstraint(f"status IN {ITEM_STATUSES!r}", name="status"),
                      sa.CheckConstraint(f"state IN {ITEM_STATES!r}", name="state"))

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    program_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("program.id"), index=True)
    part_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("program_part.id"))
    theme_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("program_theme.id"))
    phase_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("program_phase.id"))
    title: so.Mapped[str] = so.mapped_column(sa.String(200))
    description: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    status: so.Mapped[str] = so.mapped_column(sa.String(16), default="identified")
    set_aside_reason: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    state: so.Mapped[str] = so.mapped_column(sa.String(16), default="active")
    merged_into_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("register_item.id"))
    published: so.Mapped[bool] = so.mapped_column(default=False)
    created_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)
    updated_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)
    # Derived from title and description (workshop/text/search.py); never displayed.
    search_key: so.Mapped[str] = so.mapped_column(sa.Text, default="", server_default="")

    part = so.relationship("ProgramPart")
    theme = so.relationship("ProgramTheme")
    phase = so.relationship("ProgramPhase")

    @so.validates("title", "description")
    def _keep_search_key(self, name: str, value: str) -> str:
        """Recompute the key whenever either text is set, so no path can leave it stale."""
        texts = {"title": self.title, "description": self.description, name: value}
        self.search_key = search_key(texts["title"], texts["description"])
        return value


class RegisterLink(db.Model):
    """A dated link from a workshop point to a register item; undone links stay as history."""

    __tablename__ = "register_link"
    __table_args__ = (
        sa.CheckConstraint(f"kind IN {LINK_KINDS!r}", name="kind"),
        sa.Index("ix_register_link_one_active", "point_id", unique=True,
                 sqlite_where=sa.text("undone_at IS NULL"),
                 postgresql_where=sa.text("undone_at IS NULL")),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    program_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("program.id"), index=True)
    item_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("register_item.id"), index=True)
    point_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("focus_point.id"), index=True)
    kind: so.Mapped[str] = so.mapped_column(sa.String(16), default="link")
    reason: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    by_user_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))
    at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)
    undone_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    undone_by_user_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("user_account.id"))
    undo_reason: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    # Set when a merge or split moved the link here from another item (provenance).
    moved_from_item_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("register_item.id"))

    point = so.relationship("FocusPoint")
    by_user = so.relationship("User", foreign_keys=[by_user_id])
    undone_by = so.relationship("User", foreign_keys=[undone_by_user_id])


class RegisterLineage(db.Model):
    """A merge (source folded into target) or split (target cut from source) of items."""

    __tablename__ = "register_lineage"
    __table_args__ = (sa.CheckConstraint(f"kind IN {LINEAGE_KINDS!r}", name="kind"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    program_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("program.id"), index=True)
    kind: so.Mapped[str] = so.mapped_column(sa.String(16))
    source_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("register_item.id"), index=True)
    target_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("register_item.id"), index=True)
    # The item's phase when it happened, so lineage reads across phases.
    phase_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("program_phase.id"))
    reason: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    moved_link_ids: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    by_user_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))
    at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)
    undone_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    undone_by_user_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("user_account.id"))

    by_user = so.relationship("User", foreign_keys=[by_user_id])


class ProgramSource(db.Model):
    """An input that is not a workshop: a citizens' request, a study, another city's plan."""

    __tablename__ = "program_source"
    __table_args__ = (sa.CheckConstraint(f"kind IN {SOURCE_KINDS!r}", name="kind"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    program_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("program.id"), index=True)
    kind: so.Mapped[str] = so.mapped_column(sa.String(20))
    title: so.Mapped[str] = so.mapped_column(sa.String(200))
    citation: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    url: so.Mapped[str] = so.mapped_column(sa.String(500), default="")
    excerpt: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    by_user_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)


class RegisterCitation(db.Model):
    """A register item cites a source (once)."""

    __tablename__ = "register_citation"
    __table_args__ = (sa.UniqueConstraint("item_id", "source_id"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    item_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("register_item.id"), index=True)
    source_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("program_source.id"), index=True)
    note: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    by_user_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))
    at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)

    source = so.relationship("ProgramSource")


class CarryOver(db.Model):
    """A new workshop's point that came from an earlier workshop's minutes (action or point)."""

    __tablename__ = "carry_over"
    __table_args__ = (sa.CheckConstraint(f"origin_kind IN {CARRY_KINDS!r}", name="origin_kind"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    workshop_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("workshop.id"), index=True)
    point_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("focus_point.id"))
    origin_kind: so.Mapped[str] = so.mapped_column(sa.String(16))
    origin_id: so.Mapped[int]
    origin_workshop_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("workshop.id"))
    by_user_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))
    at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)


class CitizenComment(db.Model):
    """A citizen's comment or support on a published item; waits for moderation."""

    __tablename__ = "citizen_comment"
    __table_args__ = (sa.CheckConstraint(f"kind IN {COMMENT_KINDS!r}", name="kind"),
                      sa.CheckConstraint(f"status IN {COMMENT_STATUSES!r}", name="status"),
                      sa.Index("ix_citizen_support_once", "item_id", "device_key", unique=True,
                               sqlite_where=sa.text("kind = 'support'"),
                               postgresql_where=sa.text("kind = 'support'")))

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    item_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("register_item.id"), index=True)
    kind: so.Mapped[str] = so.mapped_column(sa.String(16))
    body: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    status: so.Mapped[str] = so.mapped_column(sa.String(16), default="pending")
    device_key: so.Mapped[str] = so.mapped_column(sa.String(64), index=True)
    address_key: so.Mapped[str] = so.mapped_column(sa.String(64))
    source_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("program_source.id"))
    moderated_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))
    moderated_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)
