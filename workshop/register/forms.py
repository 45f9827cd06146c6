"""Forms of the register pages; values are checked again by the services.

ALIASES: the services' field names (in a refusal) -> this form's field that shows it."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, StringField, SubmitField, TextAreaField

from workshop.forms import CleanForm, choice

MULTI = {"dir": "auto", "rows": 3, "data-multiline": 1}


class ItemForm(CleanForm):
    """Create or edit a register item."""

    ALIASES = {"part": "part_id", "theme": "theme_id", "phase": "phase_id"}
    title = StringField(_l("Title"), render_kw={"dir": "auto", "maxlength": 200})
    description = TextAreaField(_l("Description"), render_kw=MULTI)
    part_id = SelectField(_l("Part"), coerce=int, validate_choice=False)
    theme_id = SelectField(_l("Theme"), coerce=int, validate_choice=False)
    phase_id = SelectField(_l("Phase"), coerce=int, validate_choice=False)
    submit = SubmitField(_l("Save"))


class StatusForm(CleanForm):
    """Move an item along the phases or set it aside."""

    status = SelectField(_l("Status"), validate_choice=False)
    reason = TextAreaField(_l("Reason"), render_kw=MULTI)


class LinkForm(CleanForm):
    """Link a workshop point to an item, with an optional reason."""

    ALIASES = {"item": "item_id"}
    point_id = HiddenField()
    item_id = StringField(_l("Register item number"),
                          render_kw={"inputmode": "numeric", "dir": "ltr"})
    reason = StringField(_l("Why (optional)"), render_kw={"dir": "auto"})


class ReasonForm(CleanForm):
    """A button with an optional reason (undo a link, undo a merge, promote)."""

    reason = StringField(_l("Why (optional)"), render_kw={"dir": "auto"})


class MergeForm(CleanForm):
    """Merge this item into another one."""

    ALIASES = {"target": "target_id"}
    target_id = StringField(_l("Merge into item number"),
                            render_kw={"inputmode": "numeric", "dir": "ltr"})
    reason = StringField(_l("Why (optional)"), render_kw={"dir": "auto"})


class SplitForm(CleanForm):
    """Cut some links out into a new item."""

    ALIASES = {"phase": "phase_id"}
    title = StringField(_l("Title of the new item"), render_kw={"dir": "auto"})
    phase_id = SelectField(_l("Phase"), coerce=int, validate_choice=False)
    reason = StringField(_l("Why (optional)"), render_kw={"dir": "auto"})


class SourceForm(CleanForm):
    """Record a source of the plan."""

    kind = SelectField(_l("Kind"), validate_choice=False)
    title = StringField(_l("Title"), render_kw={"dir": "auto"})
    citation = TextAreaField(_l("Citation"), render_kw=MULTI)
    url = StringField(_l("Link"), render_kw={"dir": "ltr", "inputmode": "url"})
    excerpt = TextAreaField(_l("Excerpt"), render_kw=MULTI)
    submit = SubmitField(_l("Add source"))


class CiteForm(CleanForm):
    """Cite a source on an item."""

    ALIASES = {"source": "source_id"}
    source_id = SelectField(_l("Source"), coerce=int, validate_choice=False)
    note = StringField(_l("Note (optional)"), render_kw={"dir": "auto"})


class PartForm(CleanForm):
    """Add a part (track) of the plan."""

    name_fa = StringField(_l("Persian name"), render_kw={"dir": "rtl", "lang": "fa"})
    name_en = StringField(_l("English name"), render_kw={"dir": "ltr", "lang": "en"})


class PlannerForm(CleanForm):
    """Make a staff account a planner of the programme, or not."""

    email = StringField(_l("Email"), render_kw={"dir": "ltr", "autocomplete": "off"})
    planner = HiddenField(default="1")


class PlanForm(CleanForm):
    """A workshop's kind, phase and part in the plan."""

    kind = SelectField(_l("Kind"), choices=[choice("co_thinking", _l("Co-thinking workshop")),
                                            choice("expert_meeting", _l("Expert meeting"))])
    phase_id = SelectField(_l("Phase"), coerce=int, validate_choice=False)
    part_id = SelectField(_l("Part"), coerce=int, validate_choice=False)


class CommentForm(CleanForm):
    """A citizen's comment on a published item."""

    body = TextAreaField(_l("Your comment"), render_kw=MULTI | {"maxlength": 1000})
