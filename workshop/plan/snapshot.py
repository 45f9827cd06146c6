"""The whole plan as plain values, read in a few queries (dashboard, traceability, PDF, JSON)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import sqlalchemy as sa

from workshop.extensions import db
from workshop.models import Program
from workshop.models.plan import (
    OperationalPlan,
    PlanBudget,
    PlanGoal,
    PlanIndicator,
    PlanProject,
    PlanStrategy,
    PlanStrategyItem,
    PlanUnit,
    PlanValue,
)
from workshop.models.register import ProgramPart

from . import fields, rules
from .statuses import statuses_of
from .strategic import frame_of


def _core(query) -> list:
    """Every row of a Core select, fetched at once on the session's connection (the ORM's
    result path, and row-by-row fetching, cost several times more per row)."""
    return db.session.connection().execute(query).all()


def _rows(query) -> list[dict]:
    """Plain dicts, one per row."""
    result = db.session.connection().execute(query)
    keys = list(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result.all()]


INDICATOR_COLUMNS = ("id", "code", "kind", "goal_id", "strategy_id", "project_id", "unit",
                     "direction", "baseline_value")


def _names(model, program: Program, lang: str, only: tuple[str, ...] = ()) -> list[dict]:
    columns = [c for c in model.__table__.c if c.name not in ("name_fa", "name_en") and (
        not only or c.name in only)]
    name = getattr(model, f"name_{lang}").label("name")
    return _rows(sa.select(*columns, name).where(model.program_id == program.id)
                 .order_by(*([model.position] if hasattr(model, "position") else []), model.id))


def _budgets(program: Program) -> tuple[dict, dict]:
    """Per project (allocated, spent) over all years, and per year totals."""
    rows = _core(sa.select(PlanBudget.project_id, PlanBudget.year,
                                        PlanBudget.allocated, PlanBudget.spent).join(
        PlanProject).where(PlanProject.program_id == program.id))
    per_project: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    per_year: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for project_id, year, allocated, spent in rows:
        for bucket in (per_project[project_id], per_year[year]):
            bucket[0] += allocated
            bucket[1] += spent
    return per_project, dict(sorted(per_year.items()))


def _projects(program: Program, lang: str, today: date, statuses, per_project) -> list[dict]:
    projects = _names(PlanProject, program, lang)
    progress = rules.rollup(projects)
    for p in projects:
        allocated, spent = per_project.get(p["id"], (0, 0))
        p.update(progress=progress.get(p["id"], p["progress"]), allocated=allocated,
                 spent=spent, time=rules.time_share(p["starts_on"], p["ends_on"], today),
                 budget=rules.budget_share(allocated, spent))
        p["gap"] = rules.project_gap(p["progress"], p["time"], p["budget"])
        p["status"] = rules.status_for(p["gap"], statuses)
    return projects


def _values(program: Program, years: set[int]) -> dict[tuple[int, str, int], float]:
    """(indicator, kind, year) -> the yearly value, for the years statuses read."""
    rows = _core(sa.select(PlanValue.indicator_id, PlanValue.kind, PlanValue.year,
                                        PlanValue.value).join(PlanIndicator).where(
        PlanIndicator.program_id == program.id, PlanValue.year.in_(years),
        PlanValue.quarter == 0))
    return {(i, k, y): v for i, k, y, v in rows}


def status_years(program: Program, closed: int, frame) -> dict[int, tuple[int, bool]]:
    """Indicator -> (the year its status reads, whether a value is due for it): the last
    closed year, or its plan's last year when that came earlier (a finished operational plan);
    nothing is due before the indicator's first year."""
    starts = dict(_core(sa.select(PlanProject.id, OperationalPlan.first_year)
                                     .join(OperationalPlan).where(
        PlanProject.program_id == program.id)))
    rows = _core(sa.select(PlanIndicator.id, PlanIndicator.project_id).where(
        PlanIndicator.program_id == program.id))
    out = {}
    for i, p in rows:
        first, last = (starts[p], starts[p] + 1) if p else (frame or (closed + 1, closed))
        year = min(closed, last)
        out[i] = (year, year >= first)
    return out


def _indicators(program: Program, lang: str, closed: int, statuses, frame) -> list[dict]:
    indicators = _names(PlanIndicator, program, lang, INDICATOR_COLUMNS)
    years = status_years(program, closed, frame)
    values = _values(program, {y for y, _due in years.values()})
    for i in indicators:
        year, i["due"] = years[i["id"]]
        target, actual = values.get((i["id"], "target", year)), values.get(
            (i["id"], "actual", year))
        i.update(year=year, target=target, actual=actual, gap=None)
        if target is not None and actual is not None:
            i["gap"] = rules.indicator_gap(i["baseline_value"], target, actual, i["direction"])
        i["status"] = rules.status_for(i["gap"], statuses)
    return indicators


def current_day() -> date:
    """Today (one place, so tests can pin the calendar)."""
    return date.today()


def load(program: Program, lang: str, today: date | None = None) -> dict:
    """Goals -> strategies -> projects with progress and status; indicators; budget by year."""
    today = today or current_day()
    closed = fields.jalali_year(today) - 1
    statuses, frame = statuses_of(program), frame_of(program)
    per_project, per_year = _budgets(program)
    projects = _projects(program, lang, today, statuses, per_project)
    strategies = _names(PlanStrategy, program, lang)
    goals = _names(PlanGoal, program, lang)
    answers = defaultdict(list)
    for strategy_id, item_id in _core(sa.select(
            PlanStrategyItem.strategy_id, PlanStrategyItem.item_id).join(PlanStrategy).where(
            PlanStrategy.program_id == program.id)):
        answers[strategy_id].append(item_id)
    _tree(goals, strategies, projects, answers)
    return {"goals": goals, "strategies": strategies, "projects": projects,
            "indicators": _indicators(program, lang, closed, statuses, frame and (
                frame.first_year, frame.last_year)),
            "frame": (frame.first_year, frame.last_year) if frame else None,
            "budget_years": per_year, "closed_year": closed, "statuses": statuses,
            "units": {u["id"]: u for u in _names(PlanUnit, program, lang)},
            "parts": {p["id"]: p for p in _names(ProgramPart, program, lang)},
            "operational": _names(OperationalPlan, program, lang), "today": today}


def _tree(goals: list[dict], strategies: list[dict], projects: list[dict], answers) -> None:
    """Nest children under parents and roll strategies and goals up (rules.py)."""
    kids, tops, by_goal = defaultdict(list), defaultdict(list), defaultdict(list)
    for p in projects:
        (kids[p["parent_id"]] if p["parent_id"] else tops[p["strategy_id"]]).append(p)
    for p in projects:
        p["children"] = kids.get(p["id"], [])
    for s in strategies:
        s["projects"], s["items"] = tops.get(s["id"], []), answers.get(s["id"], [])
        s["progress"] = rules.weighted([(p["progress"], p["weight"]) for p in s["projects"]])
        by_goal[s["goal_id"]].append(s)
    for g in goals:
        g["strategies"] = by_goal.get(g["id"], [])
        g["progress"] = rules.weighted([(s["progress"], 1.0) for s in g["strategies"]
                                        if s["projects"]])
