"""No-JavaScript forms for phones; the services do the real validation."""

from __future__ import annotations

import uuid

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField

from workshop.forms import CleanForm, choice

KIND_LABELS = {
    "support": _l("Support"),
    "concern": _l("Concern"),
    "question": _l("Question"),
    "evidence": _l("Evidence"),
    "idea": _l("Idea or amendment"),
}


def new_op_id() -> str:
    """A fresh operation id, so a form posted twice changes things only once."""
    return uuid.uuid4().hex


class OpForm(CleanForm):
    """A one-button action carrying its operation id."""

    op = HiddenField(default=new_op_id)


class PointForm(OpForm):
    """Propose or edit a focus point."""

    title = StringField(_l("Focus point"), render_kw={"maxlength": 140, "dir": "auto"})
    description = TextAreaField(_l("Description (optional)"),
                                render_kw={"data-multiline": True, "dir": "auto", "rows": 3})
    tags = SelectMultipleField(_l("Themes (optional)"), coerce=int, validate_choice=False)


class AnnotationForm(OpForm):
    """Annotate a point, or reply to an annotation."""

    kind = SelectField(_l("Type"), choices=[choice(k, v) for k, v in KIND_LABELS.items()],
                       validate_choice=False)
    body = TextAreaField(_l("Your note"), render_kw={"data-multiline": True, "dir": "auto",
                                                     "rows": 3})
    source_url = StringField(_l("Source link (for evidence, optional)"),
                             render_kw={"dir": "ltr", "inputmode": "url"})
    parent = HiddenField()
