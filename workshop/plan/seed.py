"""Build a plan on a demonstration programme: `flask demo programme`, tests and the benchmark.

Rows are written in bulk (the services are tested on their own). Targets cover every year an
indicator may carry; actuals every such year up to the last closed one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from persiantools.jdatetime import JalaliDate

from workshop.extensions import db
from workshop.i18n.formatting import to_persian_digits as fa_digits
from workshop.models.plan import (
    OperationalPlan,
    PlanBudget,
    PlanFrame,
    PlanGoal,
    PlanIndicator,
    PlanMilestone,
    PlanProject,
    PlanStrategy,
    PlanStrategyItem,
    PlanUnit,
    PlanValue,
)
from workshop.models.register import ProgramPart, RegisterItem
from workshop.register.seed_text import TOPICS, VERBS

from . import fields, rules
from .seed_text import DEPUTIES, DISTRICTS, GOAL_WORDS, MEASURES, ORGANISATIONS
from .statuses import ensure_defaults

PER_GOAL, PER_STRATEGY = 2, 3  # outcome indicators; the rest measure projects


@dataclass
class PlanShape:
    """How big a plan to build."""

    goals: int = 5
    strategies: int = 20
    projects: int = 80
    indicators: int = 300
    actual_years: int = 3
    sub_share: float = 0.2


def _units(program_id: int) -> list[int]:
    rows = [PlanUnit(program_id=program_id, key=k, kind="deputy", name_fa=fa, name_en=en)
            for k, fa, en in DEPUTIES]
    rows += [PlanUnit(program_id=program_id, key=k, kind="organisation", name_fa=fa, name_en=en)
             for k, fa, en in ORGANISATIONS]
    rows += [PlanUnit(program_id=program_id, key=f"district_{n}", kind="district",
                      name_fa=f"منطقهٔ {fa_digits(n)}", name_en=f"District {n}")
             for n in range(1, DISTRICTS + 1)]
    db.session.add_all(rows)
    db.session.flush()
    return [u.id for u in rows]


def _goals(program_id: int, shape: PlanShape) -> list[PlanGoal]:
    parts = list(db.session.scalars(sa.select(ProgramPart.id).where(
        ProgramPart.program_id == program_id).order_by(ProgramPart.position)))
    goals = []
    for n in range(shape.goals):
        fa, en = GOAL_WORDS[n % len(GOAL_WORDS)]
        suffix = f" ({n // len(GOAL_WORDS) + 1})" if n >= len(GOAL_WORDS) else ""
        goals.append(PlanGoal(program_id=program_id, part_id=parts[n % len(parts)],
                              code=f"G{n + 1}", position=n, name_fa=fa + suffix,
                              name_en=en + suffix))
    db.session.add_all(goals)
    db.session.flush()
    return goals


def _strategies(program_id: int, goals, shape: PlanShape, rng, by) -> list[PlanStrategy]:
    items = list(db.session.scalars(sa.select(RegisterItem.id).where(
        RegisterItem.program_id == program_id, RegisterItem.state == "active")))
    out = []
    for n in range(shape.strategies):
        topic = TOPICS[n % len(TOPICS)]
        out.append(PlanStrategy(program_id=program_id, goal_id=goals[n % len(goals)].id,
                                code=f"S{n + 1}", position=n // len(goals),
                                name_fa=f"{VERBS[n % len(VERBS)]} {topic}",
                                name_en=f"Strategy {n + 1} of goal {n % len(goals) + 1}"))
    db.session.add_all(out)
    db.session.flush()
    for s in out:  # the last items stay unanswered, as in any real register
        for item in rng.sample(items[: int(len(items) * 0.85)], min(2, len(items))):
            db.session.add(PlanStrategyItem(strategy_id=s.id, item_id=item, by_user_id=by))
    return out


def _operational(program_id: int, first: int, last: int) -> list[OperationalPlan]:
    plans = [OperationalPlan(program_id=program_id, first_year=y,
                             name_fa=f"برنامهٔ عملیاتی {y}–{y + 1}",
                             name_en=f"Operational plan {y}–{y + 1}")
             for y in range(first, last, 2)]
    db.session.add_all(plans)
    db.session.flush()
    return plans


def _day(year: int, month: int, day: int) -> date:
    return JalaliDate(year, month, day).to_gregorian()


def _projects(program_id: int, strategies, plans, units, shape: PlanShape, rng):
    out: list[PlanProject] = []
    for n in range(shape.projects):
        plan, strategy = plans[n % len(plans)], strategies[n % len(strategies)]
        parent = next((p for p in reversed(out) if p.parent_id is None and
                       (p.operational_id, p.strategy_id) == (plan.id, strategy.id)), None) \
            if rng.random() < shape.sub_share else None
        start = _day(plan.first_year, rng.randint(1, 6), rng.randint(1, 28))
        project = PlanProject(
            program_id=program_id, operational_id=plan.id, strategy_id=strategy.id,
            parent_id=parent.id if parent else None, unit_id=rng.choice(units),
            code=f"P{n + 1}", starts_on=start,
            ends_on=start + timedelta(days=rng.randint(200, 600)),
            weight=float(rng.choice((1, 1, 2, 3))), progress=0.0,
            name_fa=f"پروژهٔ {fa_digits(n + 1)}: {strategy.name_fa}",
            name_en=f"Project {n + 1}")
        project.ends_on = min(project.ends_on, _day(plan.first_year + 1, 12, 29))
        due = rules.time_share(project.starts_on, project.ends_on, date.today()) * 100
        project.progress = float(min(100, round(due * rng.uniform(0.55, 1.25))))
        db.session.add(project)
        db.session.flush()
        out.append(project)
    return out


def _money(projects, plans, rng) -> None:
    years = {p.id: p.years for p in plans}
    budgets, milestones = [], []
    for n, p in enumerate(projects):
        for year in years[p.operational_id]:
            if n % 17 == 16:
                continue  # a few projects lack a budget (the orphan check flags them)
            allocated = rng.randint(5, 500) * 1_000_000_000
            budgets.append({"project_id": p.id, "year": year, "allocated": allocated,
                            "spent": int(allocated * rng.uniform(0, 1.1))})
        milestones.append({"project_id": p.id, "due": p.starts_on + timedelta(days=90),
                           "title": f"تحویل مرحلهٔ نخست {p.code}", "done_on": None})
    db.session.execute(sa.insert(PlanBudget), budgets)
    db.session.execute(sa.insert(PlanMilestone), milestones)


def _owners(goals, strategies, projects, total: int) -> list[tuple[str, object, str]]:
    """(owner kind, owner, level): outcome indicators first; each project's first is an
    output indicator, then result and output in turn."""
    owners = [("goal", g, "outcome") for g in goals for _ in range(PER_GOAL)]
    owners += [("strategy", s, "outcome") for s in strategies for _ in range(PER_STRATEGY)]
    owners = owners[:total]
    for n in range(total - len(owners)):
        level = "result" if (n // len(projects)) % 2 else "output"
        owners.append(("project", projects[n % len(projects)], level))
    return owners


def _indicator(program_id: int, n: int, kind: str, owner, units, rng,
               level: str) -> PlanIndicator:
    fa, en, unit, direction = MEASURES[n % len(MEASURES)]
    return PlanIndicator(program_id=program_id, code=f"I{n + 1}", kind=level,
                         **{f"{kind}_id": owner.id}, unit=unit, direction=direction,
                         name_fa=f"{fa} ({fa_digits(n + 1)})", name_en=f"{en} ({n + 1})",
                         baseline_year=0, baseline_value=float(rng.randint(20, 80)),
                         data_source="سامانهٔ پایش شهرداری", owner_unit_id=rng.choice(units))


def _values(indicators, spans: dict[int, range], closed: int, by, rng) -> list[dict]:
    rows = []
    for ind in indicators:
        step = rng.uniform(1, 5) * (1 if ind.direction == "higher" else -1)
        for k, year in enumerate(spans[ind.id]):
            target = round(ind.baseline_value + step * (k + 1), 1)
            rows.append({"indicator_id": ind.id, "kind": "target", "year": year, "quarter": 0,
                         "value": target, "note": "", "evidence_url": "", "by_user_id": by})
            if year <= closed and not (ind.id % 23 == 0 and year == closed):
                actual = round(target - step * rng.uniform(-0.4, 0.9), 1)
                rows.append({"indicator_id": ind.id, "kind": "actual", "year": year,
                             "quarter": 0, "value": actual, "note": "گزارش سالانه",
                             "evidence_url": f"https://example.org/report/{year}/{ind.code}",
                             "by_user_id": by})
    return rows


def _indicators(program_id, goals, strategies, projects, plans, frame, units, shape, rng, by):
    years = {p.id: p.years for p in plans}
    indicators, spans = [], {}
    for n, (kind, owner, level) in enumerate(_owners(goals, strategies, projects,
                                                     shape.indicators)):
        ind = _indicator(program_id, n, kind, owner, units, rng, level)
        span = range(years[owner.operational_id][0], years[owner.operational_id][1] + 1) \
            if kind == "project" else range(frame.first_year, frame.last_year + 1)
        ind.baseline_year = span[0] - 1
        indicators.append((ind, span))
    db.session.add_all(i for i, _s in indicators)
    db.session.flush()
    spans = {i.id: s for i, s in indicators}
    closed = fields.jalali_year(date.today()) - 1
    rows = _values([i for i, _s in indicators], spans, closed, by, rng)
    for n in range(0, len(rows), 5000):
        db.session.execute(sa.insert(PlanValue), rows[n:n + 5000])


def build_plan(program_id: int, shape: PlanShape | None = None, seed: int = 1405,
               by: int | None = None) -> None:
    """Create and commit a plan on an existing programme."""
    shape, rng = shape or PlanShape(), random.Random(seed)
    closed = fields.jalali_year(date.today()) - 1
    first = closed - shape.actual_years + 1
    frame = PlanFrame(program_id=program_id, first_year=first, last_year=closed + 2)
    db.session.add(frame)
    from workshop.models import Program

    ensure_defaults(db.session.get(Program, program_id))
    units = _units(program_id)
    goals = _goals(program_id, shape)
    strategies = _strategies(program_id, goals, shape, rng, by)
    plans = _operational(program_id, first, frame.last_year)
    projects = _projects(program_id, strategies, plans, units, shape, rng)
    _money(projects, plans, rng)
    _indicators(program_id, goals, strategies, projects, plans, frame, units, shape, rng, by)
    db.session.commit()
