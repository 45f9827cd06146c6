"""The plan: goals, strategies, operational plans, projects, indicators and their values."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from workshop.extensions import db
from workshop.models.base import BilingualName, UTCDateTime, utcnow

UNIT_KINDS = ("deputy", "organisation", "district")
LEVELS = ("on_track", "at_risk", "off_track")
INDICATOR_KINDS = ("outcome", "output", "result")
DIRECTIONS = ("higher", "lower")
VALUE_KINDS = ("target", "actual")
ELEMENT_KINDS = ("strategy", "project")


class PlanFrame(db.Model):
    """A programme's strategic horizon: the Jalali years its goals and outcome targets span."""

    __tablename__ = "plan_frame"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    program_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("program.id"), unique=True)
    first_year: so.Mapped[int]
    last_year: so.Mapped[int]


class PlanUnit(BilingualName, db.Model):
    """An owner unit the programme keeps: a deputy, an organisation or a district."""

    __tablename__ = "plan_unit"
    __table_args__ = (sa.UniqueConstraint("program_id", "key"),
                      sa.CheckConstraint(f"kind IN {UNIT_KINDS!r}", name="kind"))

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    program_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("program.id"), index=True)
    key: so.Mapped[str] = so.mapped_column(sa.String(40))
    kind: so.Mapped[str] = so.mapped_column(sa.String(16))


class PlanStatus(BilingualName, db.Model):
    """A status the programme defines; the rule picks the first whose max_gap holds the gap."""

    __tablename__ = "plan_status"
    __table_args__ = (sa.UniqueConstraint("program_id", "key"),
                      sa.CheckConstraint(f"level IN {LEVELS!r}", name="level"))

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    program_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("program.id"), index=True)
    key: so.Mapped[str] = so.mapped_column(sa.String(40))
    level: so.Mapped[str] = so.mapped_column(sa.String(16))
    max_gap: so.Mapped[float | None]  # percentage points; None = catches every larger gap
    position: so.Mapped[int] = so.mapped_column(default=0)


class PlanGoal(BilingualName, db.Model):
    """A strategic goal of one programme part."""

    __tablename__ = "plan_goal"
    __table_args__ = (sa.UniqueConstraint("program_id", "code"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    program_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("program.id"), index=True)
    part_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("program_part.id"), index=True)
    code: so.Mapped[str] = so.mapped_column(sa.String(40))
    position: so.Mapped[int] = so.mapped_column(default=0)


class PlanStrategy(BilingualName, db.Model):
    """A macro strategy under a goal, answering register focus points."""

    __tablename__ = "plan_strategy"
    __table_args__ = (sa.UniqueConstraint("program_id", "code"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    program_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("program.id"), index=True)
    goal_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("plan_goal.id"), index=True)
    code: so.Mapped[str] = so.mapped_column(sa.String(40))
    position: so.Mapped[int] = so.mapped_column(default=0)

    goal = so.relationship("PlanGoal")


class PlanStrategyItem(db.Model):
    """A strategy answers a register item (dated, with who linked it)."""

    __tablename__ = "plan_strategy_item"
    __table_args__ = (sa.UniqueConstraint("strategy_id", "item_id"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    strategy_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("plan_strategy.id"), index=True)
    item_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("register_item.id"), index=True)
    by_user_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))
    at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)


class OperationalPlan(BilingualName, db.Model):
    """A two-year operational plan whose projects form the portfolio."""

    __tablename__ = "plan_operational"
    __table_args__ = (sa.UniqueConstraint("program_id", "first_year"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    program_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("program.id"), index=True)
    first_year: so.Mapped[int]

    @property
    def years(self) -> tuple[int, int]:
        return (self.first_year, self.first_year + 1)


class PlanProject(BilingualName, db.Model):
    """A portfolio project (or sub-project) under a strategy, owned by one unit."""

    __tablename__ = "plan_project"
    __table_args__ = (sa.UniqueConstraint("program_id", "code"),
                      sa.CheckConstraint("progress >= 0 AND progress <= 100", name="progress"),
                      sa.CheckConstraint("weight > 0", name="weight"))

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    program_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("program.id"), index=True)
    operational_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("plan_operational.id"),
                                                      index=True)
    strategy_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("plan_strategy.id"), index=True)
    parent_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("plan_project.id"),
                                                        index=True)
    unit_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("plan_unit.id"))
    code: so.Mapped[str] = so.mapped_column(sa.String(40))
    starts_on: so.Mapped[date]
    ends_on: so.Mapped[date]
    weight: so.Mapped[float] = so.mapped_column(default=1.0)
    progress: so.Mapped[float] = so.mapped_column(default=0.0)  # a leaf's own, 0–100


class PlanBudget(db.Model):
    """A project's budget in one Jalali year, in rials: allocated and spent."""

    __tablename__ = "plan_budget"
    __table_args__ = (sa.UniqueConstraint("project_id", "year"),
                      sa.CheckConstraint("allocated >= 0 AND spent >= 0", name="amounts"))

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    project_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("plan_project.id"), index=True)
    year: so.Mapped[int]
    allocated: so.Mapped[int] = so.mapped_column(sa.BigInteger, default=0)
    spent: so.Mapped[int] = so.mapped_column(sa.BigInteger, default=0)


class PlanMilestone(db.Model):
    """A dated milestone of a project."""

    __tablename__ = "plan_milestone"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    project_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("plan_project.id"), index=True)
    due: so.Mapped[date]
    title: so.Mapped[str] = so.mapped_column(sa.String(200))
    done_on: so.Mapped[date | None]


class PlanIndicator(BilingualName, db.Model):
    """An outcome (goal/strategy) or output/result (project) indicator."""

    __tablename__ = "plan_indicator"
    __table_args__ = (
        sa.UniqueConstraint("program_id", "code"),
        sa.CheckConstraint(f"kind IN {INDICATOR_KINDS!r}", name="kind"),
        sa.CheckConstraint(f"direction IN {DIRECTIONS!r}", name="direction"),
        sa.CheckConstraint(" + ".join(f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)" for c in (
            "goal_id", "strategy_id", "project_id")) + " = 1", name="one_owner"))

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    program_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("program.id"), index=True)
    code: so.Mapped[str] = so.mapped_column(sa.String(40))  # the stable external id
    kind: so.Mapped[str] = so.mapped_column(sa.String(16))
    goal_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("plan_goal.id"), index=True)
    strategy_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("plan_strategy.id"),
                                                          index=True)
    project_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("plan_project.id"),
                                                         index=True)
    unit: so.Mapped[str] = so.mapped_column(sa.String(40))
    direction: so.Mapped[str] = so.mapped_column(sa.String(8), default="higher")
    baseline_year: so.Mapped[int]
    baseline_value: so.Mapped[float]
    data_source: so.Mapped[str] = so.mapped_column(sa.String(200), default="")
    owner_unit_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("plan_unit.id"))


class PlanValue(db.Model):
    """One dated target or actual of an indicator for a year (quarter 0 = the whole year)."""

    __tablename__ = "plan_value"
    __table_args__ = (sa.UniqueConstraint("indicator_id", "kind", "year", "quarter"),
                      sa.CheckConstraint(f"kind IN {VALUE_KINDS!r}", name="kind"),
                      sa.CheckConstraint("quarter >= 0 AND quarter <= 4", name="quarter"))

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    indicator_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("plan_indicator.id"),
                                                    index=True)
    kind: so.Mapped[str] = so.mapped_column(sa.String(8))
    year: so.Mapped[int]
    quarter: so.Mapped[int] = so.mapped_column(default=0)
    value: so.Mapped[float]
    note: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    evidence_url: so.Mapped[str] = so.mapped_column(sa.String(500), default="")
    by_user_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))
    at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)


class PlanTargetRevision(db.Model):
    """A changed target keeps its old value, the reason and who changed it."""

    __tablename__ = "plan_target_revision"

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    value_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("plan_value.id"), index=True)
    old_value: so.Mapped[float]
    new_value: so.Mapped[float]
    reason: so.Mapped[str] = so.mapped_column(sa.Text)
    by_user_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))
    at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)


class PlanBallotLink(db.Model):
    """A workshop focus point that stands for a strategy or project on a voting ballot."""

    __tablename__ = "plan_ballot_link"
    __table_args__ = (sa.CheckConstraint(f"element_kind IN {ELEMENT_KINDS!r}", name="element"),
                      sa.UniqueConstraint("point_id"))

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    point_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("focus_point.id"))
    element_kind: so.Mapped[str] = so.mapped_column(sa.String(16))
    element_id: so.Mapped[int] = so.mapped_column(index=True)
    by_user_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("user_account.id"))
    at: so.Mapped[datetime] = so.mapped_column(UTCDateTime(), default=utcnow)
