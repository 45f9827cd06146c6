"""No-JavaScript forms of the workspace; the page's script autosaves the same fields as JSON."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectMultipleField, StringField, SubmitField, TextAreaField

from workshop.forms import CleanForm
from workshop.i18n.formatting import to_ascii_digits, whole_number

MULTILINE = {"data-multiline": 1, "dir": "auto"}
INT_FIELDS = ("id", "base", "participant_id", "discipline_id", "round_id")


class UnitForm(CleanForm):
    """One saved unit of the minutes: summary, a stage note, a decision, an action, a row."""

    kind = HiddenField()
    id = HiddenField()
    base = HiddenField()
    stage = HiddenField()
    participant_id = HiddenField()
    text = TextAreaField(_l("Text"), render_kw=MULTILINE)
    what = TextAreaField(_l("What"), render_kw=MULTILINE)
    owner = StringField(_l("Who"))
    due = StringField(_l("Due (Jalali, e.g. 1405/09/10)"))
    status = StringField(_l("Status"))
    note = StringField(_l("Note"))
    name = StringField(_l("Name"))
    organisation = StringField(_l("Organisation"))
    discipline_id = StringField(_l("Field"))
    round_id = StringField(_l("Voting round"))
    point_ids = SelectMultipleField(_l("Focus points"), validate_choice=False)
    delete = SubmitField(_l("Delete"))
    save = SubmitField(_l("Save"))

    def change(self) -> dict:
        """The plain change dict the workspace service takes (ints parsed, blanks dropped)."""
        change = {"kind": self.kind.data}
        for name in ("text", "stage", "what", "owner", "due", "status", "note", "name",
                     "organisation"):
            value = getattr(self, name).data
            if value not in (None, ""):
                change[name] = value
        for name in INT_FIELDS:
            change[name] = _int(getattr(self, name).data)
        change["base"] = change["base"] or 0
        change["point_ids"] = [v for v in map(_int, self.point_ids.data or []) if v is not None]
        change["delete"] = bool(self.delete.data)
        return change


def _int(value) -> int | None:
    """A whole number typed or posted in any digits, or None (the service re-validates)."""
    return whole_number(to_ascii_digits(value or "").strip())


class FinaliseForm(CleanForm):
    """Make the draft final; `revision` is the draft the secretary is looking at."""

    revision = HiddenField()
    submit = SubmitField(_l("Make final"))


class CorrectionForm(CleanForm):
    """Open a correction of the last final version; the reason is part of the record."""

    reason = TextAreaField(_l("Reason for the correction"), render_kw=MULTILINE)
    submit = SubmitField(_l("Start a correction"))
