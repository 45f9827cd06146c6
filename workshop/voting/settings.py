"""Checking a facilitator's round settings (from a socket payload or a form) before storing."""

from __future__ import annotations

import re

import sqlalchemy as sa

from workshop.errors import BadInput
from workshop.extensions import db
from workshop.models import Workshop
from workshop.models.focus import FocusPoint
from workshop.models.voting import DEFAULT_CRITERIA, METHODS
from workshop.text.normalize import validate_int, validate_text

MAX_ID = 2**31 - 1
MAX_POINTS = 200
MAX_BUDGET = 100
MAX_CRITERIA = 6
DEFAULT_BUDGET = 10
DEFAULT_TOP_K = 5
CRITERION_KEY = re.compile(r"[a-z][a-z0-9_]{0,39}")


def clean_id(value, field: str) -> int:
    """An id from a client: a real int in range (bools, floats and strings are refused)."""
    return validate_int(value, field=field, min_value=1, max_value=MAX_ID, strict=True)


def _flag(data: dict, name: str, default: bool) -> bool:
    value = data.get(name, default)
    if type(value) is not bool:
        raise BadInput("invalid_value", field=name)
    return value


def _optional_int(data: dict, name: str, low: int, high: int) -> int | None:
    value = data.get(name)
    if value in (None, ""):
        return None
    return validate_int(value, field=name, min_value=low, max_value=high, strict=True)


def visible_points(workshop: Workshop) -> list[FocusPoint]:
    """The workshop's points a round can offer, in the room's order."""
    stmt = (sa.select(FocusPoint)
            .where(FocusPoint.workshop_id == workshop.id, FocusPoint.status == "visible")
            .order_by(FocusPoint.position, FocusPoint.id))
    return list(db.session.scalars(stmt))


def clean_points(workshop: Workshop, value) -> list[FocusPoint]:
    """The chosen points (default: every visible one); foreign or hidden points are refused."""
    if value is None:
        points = visible_points(workshop)
    else:
        if not isinstance(value, list) or len(value) > MAX_POINTS:
            raise BadInput("invalid_value", field="points")
        ids = [clean_id(v, "points") for v in value]
        if len(set(ids)) != len(ids):
            raise BadInput("invalid_value", field="points")
        found = {p.id: p for p in visible_points(workshop) if p.id in set(ids)}
        if len(found) != len(ids):
            raise BadInput("not_found", field="points")
        points = [found[i] for i in ids]
    if not points:
        raise BadInput("required", field="points")
    return points


def _criterion(item, index: int) -> dict:
    if isinstance(item, str):
        item = {"fa": item, "en": item}
    if not isinstance(item, dict):
        raise BadInput("invalid_value", field="criteria")
    fa = validate_text(item.get("fa") or item.get("en") or "", field="criteria", max_len=60)
    en = validate_text(item.get("en") or fa, field="criteria", max_len=60)
    key = item.get("key")
    if not isinstance(key, str) or not CRITERION_KEY.fullmatch(key):
        key = f"c{index + 1}"
    return {"key": key, "fa": fa, "en": en}


def clean_criteria(value) -> list[dict]:
    """Named score criteria (default importance, urgency, feasibility), unique keys."""
    if value in (None, []):
        return [dict(c) for c in DEFAULT_CRITERIA]
    if not isinstance(value, list) or len(value) > MAX_CRITERIA:
        raise BadInput("invalid_value", field="criteria")
    criteria = [_criterion(item, i) for i, item in enumerate(value)]
    if len({c["key"] for c in criteria}) != len(criteria):
        raise BadInput("invalid_value", field="criteria")
    return criteria


def _matrix(data: dict, criteria: list[dict]) -> tuple[str | None, str | None]:
    keys = [c["key"] for c in criteria]
    if len(keys) < 2:
        return None, None
    x = data.get("matrix_x") or ("feasibility" if "feasibility" in keys else keys[-1])
    y = data.get("matrix_y") or ("importance" if "importance" in keys else keys[0])
    if x not in keys or y not in keys or x == y:
        raise BadInput("invalid_value", field="matrix")
    return x, y


def method_rules(method: str, data: dict, n_points: int) -> dict:
    """The columns that define how a method's ballot may be filled in."""
    rules = {"max_yes": None, "budget": None, "per_point_cap": None, "top_k": None,
             "criteria": [], "score_min": 1, "score_max": 5, "matrix_x": None, "matrix_y": None}
    if method == "approval":
        rules["max_yes"] = _optional_int(data, "max_yes", 1, n_points)
    elif method == "dots":
        budget = _optional_int(data, "budget", 1, MAX_BUDGET) or DEFAULT_BUDGET
        cap = _optional_int(data, "per_point_cap", 1, budget)
        rules |= {"budget": budget, "per_point_cap": cap}
    elif method == "scores":
        rules["criteria"] = clean_criteria(data.get("criteria"))
        low = _optional_int(data, "score_min", 0, 9)
        high = _optional_int(data, "score_max", 1, 10)
        rules["score_min"], rules["score_max"] = (1 if low is None else low), high or 5
        if rules["score_min"] >= rules["score_max"]:
            raise BadInput("invalid_value", field="score_max")
        rules["matrix_x"], rules["matrix_y"] = _matrix(data, rules["criteria"])
    else:
        rules["top_k"] = _optional_int(data, "top_k", 1, n_points) or min(DEFAULT_TOP_K, n_points)
    return rules


def clean_round(workshop: Workshop, data: dict) -> tuple[dict, list[FocusPoint]]:
    """Validated round fields and its points, or a localised refusal naming the field."""
    if not isinstance(data, dict):
        raise BadInput()
    method = data.get("method")
    if method not in METHODS:
        raise BadInput("invalid_value", field="method")
    points = clean_points(workshop, data.get("points"))
    if method == "ranking" and len(points) < 2:
        raise BadInput("invalid_value", field="points")
    fields = {
        "title": validate_text(data.get("title", ""), field="title", max_len=200, required=False),
        "method": method,
        "anonymous": _flag(data, "anonymous", False),
        "results_hidden": _flag(data, "results_hidden", not workshop.setting("results_visible")),
        **method_rules(method, data, len(points)),
    }
    return fields, points
