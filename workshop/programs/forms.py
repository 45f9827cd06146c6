"""Forms for a programme's disciplines and phases (names in Persian and English)."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, StringField, SubmitField

from workshop.forms import CleanForm


class NamesForm(CleanForm):
    """Adding or renaming a discipline, or renaming a phase; lengths are checked by the service."""

    name_fa = StringField(_l("Persian name"), render_kw={"dir": "rtl", "lang": "fa"})
    name_en = StringField(_l("English name"), render_kw={"dir": "ltr", "lang": "en"})
    submit = SubmitField(_l("Save"))


class MoveForm(CleanForm):
    """One arrow button: move a discipline up or down the list."""

    direction = HiddenField()


class ActiveForm(CleanForm):
    """Deactivate a discipline, or bring it back."""

    active = HiddenField()
