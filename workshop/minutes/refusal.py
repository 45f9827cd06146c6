"""A refused workspace save (no JavaScript, or a new item) loses nothing: the page is shown
again with every value the secretary typed in that unit and the error beside its field."""

from __future__ import annotations

from flask_babel import gettext as _

from workshop.errors import WorkshopError
from workshop.i18n.formatting import whole_number

# The inputs of each unit, as the page names them.
FIELDS = {
    "summary": ("text",), "note": ("text",),
    "decision": ("text", "point_ids", "round_id"),
    "action": ("what", "owner", "due", "status"),
    "attendance": ("status", "note", "name", "discipline_id", "organisation"),
}
# Service field names that differ from the page's input names, per kind.
ALIASES = {"summary": {"summary": "text"}, "note": {"note": "text"}}
LISTS = {"decision": "decisions", "action": "actions"}


def error_for(kind: str, error: WorkshopError) -> dict:
    """{"field": the input to show it at ("" = the whole unit), "message": localised text}."""
    field = str(error.fields.get("field", ""))
    field = ALIASES.get(kind, {}).get(field, field)
    message = error.message
    if error.code == "conflict":
        message = _("%(message)s Their text: %(theirs)s", message=message,
                    theirs=error.fields.get("theirs", ""))
    return {"field": field if field in FIELDS.get(kind, ()) else "", "message": message}


def typed_values(kind: str, change: dict) -> dict:
    """The unit as the template reads it, built from what was posted."""
    values = {name: change.get(name) for name in FIELDS.get(kind, ()) if name != "due"}
    if kind == "action":
        values["due_jalali"] = change.get("due") or ""
        values["status"] = change.get("status") or "open"
    if kind == "decision":
        values["point_ids"] = change.get("point_ids") or []
    return {k: ("" if v is None and k != "round_id" else v) for k, v in values.items()}


def keep_typed(state: dict, change: dict, error: WorkshopError) -> dict:
    """Put the typed values and the error into the unit of `state` the save was for."""
    kind = change.get("kind")
    unit = typed_values(kind, change) | {"error": error_for(kind, error)}
    revision = whole_number(error.fields.get("revision"))
    if error.code == "conflict" and revision is not None:
        unit["revision"] = revision  # saving again keeps mine
    target = _existing(state, kind, change)
    if target is None:
        state.setdefault("new", {})[kind] = unit
    else:
        target.update(unit)
    return state


def _existing(state: dict, kind: str, change: dict) -> dict | None:
    """The unit dict in `state` this change edits, or None for a new item."""
    if kind == "summary":
        return state["summary"]
    if kind == "note":
        stage = change.get("stage") or ""
        return state["notes"].setdefault(stage, {"id": stage, "stage": stage, "text": "",
                                                 "revision": 0})
    if kind in LISTS and change.get("id") is not None:
        return next((u for u in state[LISTS[kind]] if u["id"] == change["id"]), None)
    if kind == "attendance":
        return next((row for row in state["attendance"] if _same_row(row, change)), None)
    return None


def _same_row(row: dict, change: dict) -> bool:
    if change.get("participant_id") is not None:
        return row.get("participant_id") == change["participant_id"]
    return change.get("id") is not None and row.get("correction_id") == change["id"]
