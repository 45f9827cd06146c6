"""Decisions and action items in the workspace: create, edit and delete, each version-checked."""

from __future__ import annotations

import sqlalchemy as sa

from workshop.errors import BadInput
from workshop.extensions import db
from workshop.i18n.formatting import parse_jalali_datetime, to_tehran
from workshop.models import Workshop
from workshop.models.minutes import ACTION_STATUSES, MinutesAction, MinutesDecision, MinutesVersion
from workshop.pdfkit import jalali_numeric
from workshop.text.normalize import validate_text

from .concurrency import base_revision, compare_and_set, delete_if_unchanged, owned_row
from .sources import validate_point_ids, validate_round_id
from .workspace import editor

DECISION_MAX = 4_000
ACTION_MAX = 1_000


def decision_unit(row: MinutesDecision) -> dict:
    """A decision as the workspace and the archive see it."""
    return {"id": row.id, "position": row.position, "text": row.text,
            "point_ids": list(row.point_ids or []), "round_id": row.round_id,
            "revision": row.revision}


def decision_text(row: MinutesDecision) -> str:
    return row.text


def action_unit(row: MinutesAction) -> dict:
    """An action item; the due date travels as ISO and as the Jalali text shown in forms."""
    return {"id": row.id, "position": row.position, "what": row.what, "owner": row.owner,
            "due_date": row.due_date.isoformat() if row.due_date else None,
            "due_jalali": jalali_numeric(row.due_date, "en") if row.due_date else "",
            "status": row.status, "revision": row.revision}


def action_text(row: MinutesAction) -> str:
    """One readable line for a conflict message: what — owner — due — status."""
    due = jalali_numeric(row.due_date, "en") if row.due_date else ""
    return " — ".join(p for p in (row.what, row.owner, due, row.status) if p)


def _next_position(model, version_id: int) -> int:
    top = db.session.scalar(sa.select(sa.func.max(model.position))
                            .where(model.version_id == version_id))
    return (top or 0) + 1


@editor("decision")
def edit_decision(workshop: Workshop, version: MinutesVersion, change: dict) -> dict:
    """A decision, linked to focus points of this workshop and optionally to a round."""
    if change.get("id") is not None and change.get("delete") is True:
        return _delete(MinutesDecision, version, change, "decision", decision_text)
    values = {
        "text": validate_text(change.get("text"), field="text", max_len=DECISION_MAX,
                              multiline=True),
        "point_ids": validate_point_ids(workshop, change.get("point_ids", [])),
        "round_id": validate_round_id(workshop, change.get("round_id")),
    }
    if change.get("id") is None:
        row = MinutesDecision(version_id=version.id, revision=1,
                              position=_next_position(MinutesDecision, version.id), **values)
        db.session.add(row)
        db.session.flush()
        return decision_unit(row)
    row = owned_row(MinutesDecision, change.get("id"), version.id)
    compare_and_set(MinutesDecision, row.id, base_revision(change), values, kind="decision",
                    mine=values["text"], theirs=decision_text)
    return decision_unit(db.session.get(MinutesDecision, row.id, populate_existing=True))


def _due_date(value):
    """A Jalali date typed by the secretary (۱۴۰۵/۰۹/۱۰ or 1405-9-10), or none."""
    if value in (None, ""):
        return None
    try:
        stamp = parse_jalali_datetime(value, "12:00", date_field="due", time_field="due")
    except BadInput:
        raise BadInput("invalid_value", message=bad_date_message(), field="due") from None
    return to_tehran(stamp).date()


def bad_date_message() -> str:
    """Say what a valid date looks like, in the reader's digits."""
    from flask_babel import gettext

    from workshop.i18n import current_lang
    from workshop.i18n.formatting import to_persian_digits

    example = "1405/09/10"
    if current_lang() == "fa":
        example = to_persian_digits(example)
    return gettext("This is not a Jalali date. Write year/month/day, e.g. %(example)s.",
                   example=example)


def _action_values(change: dict) -> dict:
    status = change.get("status", "open")
    if status not in ACTION_STATUSES:
        raise BadInput("invalid_value", field="status")
    return {
        "what": validate_text(change.get("what"), field="what", max_len=ACTION_MAX,
                              multiline=True),
        "owner": validate_text(change.get("owner", ""), field="owner", max_len=120,
                               required=False),
        "due_date": _due_date(change.get("due")),
        "status": status,
    }


@editor("action")
def edit_action(workshop: Workshop, version: MinutesVersion, change: dict) -> dict:
    """An action item: what, who, by when (Jalali), status."""
    if change.get("id") is not None and change.get("delete") is True:
        return _delete(MinutesAction, version, change, "action", action_text)
    values = _action_values(change)
    if change.get("id") is None:
        row = MinutesAction(version_id=version.id, revision=1,
                            position=_next_position(MinutesAction, version.id), **values)
        db.session.add(row)
        db.session.flush()
        return action_unit(row)
    row = owned_row(MinutesAction, change.get("id"), version.id)
    mine = action_text(MinutesAction(**values))
    compare_and_set(MinutesAction, row.id, base_revision(change), values, kind="action",
                    mine=mine, theirs=action_text)
    return action_unit(db.session.get(MinutesAction, row.id, populate_existing=True))


def _delete(model, version: MinutesVersion, change: dict, kind: str, describe) -> dict:
    row = owned_row(model, change.get("id"), version.id)
    delete_if_unchanged(model, row.id, base_revision(change), kind=kind, mine="",
                        theirs=describe)
    return {"id": row.id, "deleted": True}
