"""Forms for drafting a round without JavaScript (the console's JS uses the same fields)."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from workshop.forms import CleanForm, choice

NUMERIC_INPUT = {"inputmode": "numeric", "dir": "ltr", "autocomplete": "off", "size": 4}
METHOD_NAMES = {
    "approval": _l("Approval (yes / no)"),
    "dots": _l("Dot voting"),
    "scores": _l("Scores on criteria"),
    "ranking": _l("Ranking (top k)"),
}


class MultiCheckbox(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class RoundForm(CleanForm):
    title = StringField(_l("Title (optional)"), validators=[Optional(), Length(max=200)],
                        render_kw={"dir": "auto"})
    method = SelectField(_l("Method"), choices=[choice(k, v) for k, v in METHOD_NAMES.items()])
    anonymous = BooleanField(_l("Anonymous ballot"))
    results_hidden = BooleanField(_l("Hide results from participants until I reveal them"))
    max_yes = StringField(_l("Most yes votes per person (optional)"),
                          validators=[Optional(), Length(max=4)], render_kw=NUMERIC_INPUT)
    budget = StringField(_l("Dots per person"), validators=[Optional(), Length(max=4)],
                         render_kw=NUMERIC_INPUT)
    per_point_cap = StringField(_l("Most dots on one point (optional)"),
                                validators=[Optional(), Length(max=4)], render_kw=NUMERIC_INPUT)
    criteria = TextAreaField(_l("Criteria, one per line (default: importance, urgency, "
                                "feasibility)"), validators=[Optional(), Length(max=400)],
                             render_kw={"dir": "auto", "rows": 3, "data-multiline": 1})
    top_k = StringField(_l("How many points each person ranks"),
                        validators=[Optional(), Length(max=4)], render_kw=NUMERIC_INPUT)
    points = MultiCheckbox(_l("Focus points on the ballot"), coerce=int, validate_choice=False)
