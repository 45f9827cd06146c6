"""Forms for joining from a phone."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import Length

from workshop.bounds import fits
from workshop.forms import CleanForm
from workshop.i18n.formatting import whole_number


def optional_int(value) -> int | None:
    """A chosen id, or None for the empty "choose…" option (the service then refuses)."""
    if value in (None, ""):
        return None
    text = str(value)
    number = whole_number(text) if len(text) <= 19 else None
    return number if number is not None and fits(number) else None


class CodeForm(CleanForm):
    code = StringField(_l("Join code"), validators=[Length(max=20)],
                       render_kw={"autocomplete": "off", "autocapitalize": "characters",
                                  "inputmode": "text", "dir": "ltr"})
    submit = SubmitField(_l("Continue"))


class JoinForm(CleanForm):
    """Length is checked by the service after normalisation, so errors are the same for all."""

    name = StringField(_l("Your name"), render_kw={"autocomplete": "name", "dir": "auto"})
    discipline_id = SelectField(_l("Your field"), coerce=optional_int, validate_choice=False)
    organisation = StringField(_l("Organisation (optional)"),
                               render_kw={"autocomplete": "organization", "dir": "auto"})
    submit = SubmitField(_l("Join"))


class InviteForm(JoinForm):
    """The facilitator pre-registers an invitee (same fields)."""

    submit = SubmitField(_l("Add to roster"))
