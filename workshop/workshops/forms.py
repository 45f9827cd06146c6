"""Forms for creating and editing workshops; dates are entered in the Jalali calendar."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import Length, Optional

from workshop.forms import CleanForm, choice

# Digits are typed in Persian or Latin; type=number would drop Persian digits (persian-ui §3.2).
NUMERIC_INPUT = {"inputmode": "numeric", "dir": "ltr", "autocomplete": "off"}


class WorkshopForm(CleanForm):
    title = StringField(_l("Title"), render_kw={"dir": "auto"})
    guiding_question = TextAreaField(_l("Guiding question"),
                                     render_kw={"dir": "auto", "rows": 3, "data-multiline": 1})
    phase_id = SelectField(_l("Phase"), coerce=int, validate_choice=False)
    date = StringField(_l("Date (Jalali, e.g. 1405/08/30)"),
                       validators=[Optional(), Length(max=20)], render_kw=NUMERIC_INPUT)
    time = StringField(_l("Start time (e.g. 09:30)"), validators=[Optional(), Length(max=10)],
                       render_kw=NUMERIC_INPUT)
    location = StringField(_l("Location"), render_kw={"dir": "auto"})
    expected_headcount = StringField(_l("Expected participants"),
                                     validators=[Optional(), Length(max=10)],
                                     render_kw=NUMERIC_INPUT)
    language = SelectField(_l("Join link language"),
                           choices=[choice("fa", "فارسی"), choice("en", "English")])
    roster_mode = BooleanField(_l("Roster mode (invitees and admission in the lobby)"))
    anonymous_proposals = BooleanField(_l("Anonymous proposals"))
    late_proposals = BooleanField(_l("Allow proposals after the propose stage"))
    results_visible = BooleanField(_l("Show results to participants"), default=True)
    secretaries = SelectMultipleField(_l("Secretaries"), coerce=int, validate_choice=False)
    facilitators = SelectMultipleField(_l("Co-facilitators"), coerce=int, validate_choice=False)
    submit = SubmitField(_l("Save"))


class StageForm(CleanForm):
    """The no-JavaScript way to move the stage from the console."""

    stage = StringField()
    countdown = StringField(_l("Countdown in minutes (optional)"),
                            render_kw={"inputmode": "numeric", "dir": "ltr"})
    submit = SubmitField(_l("Move"))
