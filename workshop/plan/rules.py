"""The plan's two documented rules (pure functions; docs/plan.md explains them).

Progress roll-up: a leaf project's progress is what its planners record (0–100). A parent's
progress is the weighted mean of its direct children's progress, each child weighing its
`weight` (default 1) — always, with no switch to a plain mean. A strategy is the weighted mean
of its top-level projects; a goal is the mean of its strategies that have projects.

Status: the gap is expected progress minus achieved progress, in percentage points.
- a project expects max(share of its time elapsed, share of its allocated budget spent);
- an indicator expects 100% of its target for the last closed year, and achieves
  (actual − baseline) / (target − baseline), capped to 0–100% (the direction is in the signs;
  a target equal to the baseline is achieved when the actual is no worse).
The status is the programme's first status row (by position) whose max_gap is at least the gap,
or whose max_gap is empty (the catch-all).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date


def rollup(projects: list[dict]) -> dict[int, float]:
    """Project id -> progress, parents computed bottom-up from their children."""
    children: dict[int | None, list[dict]] = defaultdict(list)
    for p in projects:
        children[p["parent_id"]].append(p)
    done: dict[int, float] = {}

    def walk(p: dict) -> float:
        kids = children.get(p["id"])
        if not kids:
            done[p["id"]] = p["progress"]
        else:
            done[p["id"]] = weighted([(walk(k), k["weight"]) for k in kids])
        return done[p["id"]]

    for p in children.get(None, []):
        walk(p)
    return done


def weighted(pairs: list[tuple[float, float]]) -> float:
    """The weighted mean of (value, weight) pairs; 0 when there are none."""
    total = sum(w for _v, w in pairs)
    return sum(v * w for v, w in pairs) / total if total else 0.0


def time_share(starts: date, ends: date, today: date) -> float:
    """How much of a project's time has passed, 0–1."""
    span = (ends - starts).days + 1
    return min(1.0, max(0.0, ((today - starts).days + 1) / span))


def budget_share(allocated: int, spent: int) -> float:
    """How much of the allocated budget is spent, 0–1 (no allocation: 0)."""
    return min(1.0, spent / allocated) if allocated else 0.0


def project_gap(progress: float, time: float, budget: float) -> float:
    """Expected minus achieved progress, in points."""
    return max(time, budget) * 100 - progress


def achievement(baseline: float, target: float, actual: float, direction: str) -> float:
    """The share of the way from baseline to target the actual has come, 0–1."""
    if target == baseline:
        better = actual >= target if direction == "higher" else actual <= target
        return 1.0 if better else 0.0
    return min(1.0, max(0.0, (actual - baseline) / (target - baseline)))


def indicator_gap(baseline: float, target: float, actual: float, direction: str) -> float:
    """Expected (100%) minus achieved, in points."""
    return 100 - achievement(baseline, target, actual, direction) * 100


def status_for(gap: float | None, statuses: list) -> object | None:
    """The first status (by position) whose max_gap holds the gap; None without a gap."""
    if gap is None:
        return None
    for status in statuses:
        if status.max_gap is None or gap <= status.max_gap:
            return status
    return statuses[-1] if statuses else None
