"""Voting rounds over focus points, their ballots, and who has voted.

A ballot row is one mark (a yes, a number of dots, a score, a rank) on one point. Changing a
vote appends a new current row and retires the old one, so the table is also the history.
Database triggers (migration 0003) refuse marks for rounds that are not open, budgets and
caps that would be exceeded, and any edit of a stored mark, also for raw SQL.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from workshop.extensions import db
from workshop.models.base import UTCDateTime, utcnow

METHODS = ("approval", "dots", "scores", "ranking")
ROUND_STATUSES = ("draft", "open", "closed")
RANK = "rank"  # the criterion column of ranking marks
DEFAULT_CRITERIA = (
    {"key": "importance", "fa": "اهمیت", "en": "Importance"},
    {"key": "urgency", "fa": "فوریت", "en": "Urgency"},
    {"key": "feasibility", "fa": "امکان‌پذیری", "en": "Feasibility"},
)


class VoteRound(db.Model):
    """One round of voting over a chosen set of focus points; results are kept after closing."""

    __tablename__ = "vote_round"
    __table_args__ = (
        sa.CheckConstraint(f"method IN {METHODS!r}", name="method"),
        sa.CheckConstraint(f"status IN {ROUND_STATUSES!r}", name="status"),
        sa.CheckConstraint("method <> 'dots' OR budget >= 1", name="dots_budget"),
        sa.CheckConstraint("method <> 'ranking' OR top_k >= 1", name="ranking_top_k"),
        sa.CheckConstraint("per_point_cap IS NULL OR per_point_cap >= 1", name="cap"),
        sa.CheckConstraint("max_yes IS NULL OR max_yes >= 1", name="max_yes"),
        sa.CheckConstraint("score_min < score_max", name="score_scale"),
        sa.Index("ix_vote_round_one_open", "workshop_id", unique=True,
                 sqlite_where=sa.text("status = 'open'"),
                 postgresql_where=sa.text("status = 'open'")),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    workshop_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("workshop.id"), index=True)
    number: so.Mapped[int] = so.mapped_column(default=1)
    title: so.Mapped[str] = so.mapped_column(sa.String(200))
    method: so.Mapped[str] = so.mapped_column(sa.String(16))
    status: so.Mapped[str] = so.mapped_column(sa.String(16), default="draft")
    anonymous: so.Mapped[bool] = so.mapped_column(default=False)
    # Hidden results reach staff and (as turnout only) the projector until revealed.
    results_hidden: so.Mapped[bool] = so.mapped_column(default=False)
    max_yes: so.Mapped[int | None]
    budget: so.Mapped[int | None]
    per_point_cap: so.Mapped[int | None]
    score_min: so.Mapped[int] = so.mapped_column(default=1)
    score_max: so.Mapped[int] = so.mapped_column(default=5)
    criteria: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    top_k: so.Mapped[int | None]
    matrix_x: so.Mapped[str | None] = so.mapped_column(sa.String(40))
    matrix_y: so.Mapped[str | None] = so.mapped_column(sa.String(40))
    created_by_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)
    opened_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    closed_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())
    revealed_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())

    points: so.Mapped[list[RoundPoint]] = so.relationship(
        back_populates="round", order_by="RoundPoint.position", cascade="all, delete-orphan"
    )

    @property
    def criterion_keys(self) -> list[str]:
        """The keys of the score criteria (empty for other methods)."""
        return [c["key"] for c in self.criteria or []] if self.method == "scores" else []


class RoundPoint(db.Model):
    """A focus point on a round's ballot, with its title as voters saw it."""

    __tablename__ = "round_point"

    round_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("vote_round.id"), primary_key=True)
    point_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("focus_point.id"), primary_key=True, index=True
    )
    position: so.Mapped[int] = so.mapped_column(default=0)
    title: so.Mapped[str] = so.mapped_column(sa.String(140))

    round: so.Mapped[VoteRound] = so.relationship(back_populates="points")


class Ballot(db.Model):
    """One mark on one point (and criterion); only the newest per voter and point is current.

    In anonymous rounds `participant_id` is always NULL and `voter_key` is a keyed hash that
    is replaced by a random key when the round closes, so no mark can be traced to a person.
    """

    __tablename__ = "ballot"
    __table_args__ = (
        sa.ForeignKeyConstraint(["round_id", "point_id"],
                                ["round_point.round_id", "round_point.point_id"],
                                name="fk_ballot_round_point"),
        sa.CheckConstraint("value IS NULL OR value >= 0", name="value"),
        sa.Index("ix_ballot_one_current", "round_id", "point_id", "criterion", "voter_key",
                 unique=True, sqlite_where=sa.text("is_current"),
                 postgresql_where=sa.text("is_current")),
        sa.Index("ix_ballot_one_rank", "round_id", "voter_key", "value", unique=True,
                 sqlite_where=sa.text("is_current AND criterion = 'rank'"),
                 postgresql_where=sa.text("is_current AND criterion = 'rank'")),
        sa.Index("ix_ballot_voter", "round_id", "voter_key"),
        # MAX(id) of a round (how far a tally has read) from one index entry (migration 0015).
        sa.Index("ix_ballot_round_through", "round_id", "id"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    round_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("vote_round.id"))
    point_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("focus_point.id"))
    criterion: so.Mapped[str] = so.mapped_column(sa.String(40), default="")
    # NULL retracts the mark (a cleared yes, a withdrawn ranking).
    value: so.Mapped[int | None]
    voter_key: so.Mapped[str] = so.mapped_column(sa.String(64))
    participant_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("participant.id"))
    discipline_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("discipline.id"))
    # The client's operation id; a ranking stores it on its first mark only.
    op_id: so.Mapped[str | None] = so.mapped_column(sa.String(64), unique=True)
    # SHA-256 of the command and payload under that op id: a resend must carry the same payload.
    op_digest: so.Mapped[str | None] = so.mapped_column(sa.String(64))
    seq: so.Mapped[int | None] = so.mapped_column(sa.BigInteger)
    is_current: so.Mapped[bool] = so.mapped_column(default=True)
    # Only named rounds keep the time of a mark; anonymous ones keep no finer time than the round.
    cast_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime())


class RoundTurnout(db.Model):
    """Who has voted in a round, kept as one sorted list so the order of voting is lost."""

    __tablename__ = "round_turnout"

    round_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("vote_round.id"), primary_key=True)
    voter_ids: so.Mapped[list] = so.mapped_column(sa.JSON, default=list)
    voters: so.Mapped[int] = so.mapped_column(default=0)
    # Anonymous rounds, once sealed: sorted hashes of (op id, payload digest), so a phone's late
    # resend is still answered `dup` although no mark keeps its op id any more.
    sealed_ops: so.Mapped[list | None] = so.mapped_column(sa.JSON)
