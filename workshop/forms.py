"""Form plumbing shared by every feature: input normalisation, button-only forms, and the
one shape of a form post (a refusal shows beside its field with what was typed kept)."""

from flask import flash, redirect
from flask_wtf import FlaskForm

from workshop.errors import WorkshopError


def _clean_filter(value):
    """Normalise Persian text and digits in every string field (see workshop.text)."""
    from workshop.text.normalize import clean_input

    return clean_input(value) if isinstance(value, str) else value


def choice(value, label, **attrs):
    """One <option> of a select box (WTForms 3.3 deprecates plain (value, label) tuples).

    Pass dir="auto" for people's own text (names), so it is isolated like <bdi>.
    """
    try:
        from wtforms.fields.choices import SelectChoice
    except ImportError:  # WTForms < 3.3
        return (value, label)
    return SelectChoice(value, label, render_kw=attrs)


class EmptyForm(FlaskForm):
    """A CSRF-protected form with no fields, for one-button POST actions."""


class CleanForm(FlaskForm):
    """A form whose single-line string fields are normalised before validation."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            multiline = unbound_field.kwargs.get("render_kw", {}).get("data-multiline")
            if not multiline and unbound_field.field_class.__name__ in _SINGLE_LINE:
                own = unbound_field.kwargs.get("filters", ())
                filters = list(options.pop("filters", ()) or own)
                options["filters"] = [*filters, _clean_filter]
            return unbound_field.bind(form=form, **options)


_SINGLE_LINE = {"StringField", "SearchField", "EmailField"}


def show_refusal(form, error, top: bool = True) -> bool:
    """Put a service's refusal beside the field it names (the form's ALIASES map the
    service's field names to its own), else above the form when `top`; False if not shown."""
    name = str(error.fields.get("field", ""))
    name = getattr(form, "ALIASES", {}).get(name, name)
    if name and name != "csrf_token" and name in form:
        form[name].errors = [*form[name].errors, error.message]
        return True
    if top:
        form.form_errors.append(error.message)
    return top


def explain_invalid(form) -> list[str]:
    """What WTForms refused, as the user should read it: an expired token becomes a message
    above the form; field errors stay beside their fields. Returns every message."""
    from flask_babel import gettext as _

    token = getattr(form, "csrf_token", None)
    if token is not None and token.errors:
        token.errors = []
        form.form_errors.append(_("The form expired. Please try again."))
    return [*form.form_errors, *(f"{form[name].label.text}: {message}"
                                 for name, errors in form.errors.items() if name
                                 for message in errors)]


def attempt(call, *, back: str, done: str | None = None, to: str | None = None, page=None,
            keep=lambda error: False):
    """Run `call()`; a refusal `keep(error)` places on the form shows `page(status)` again
    (what was typed stays, nothing is saved); one of the whole action (not allowed) is the
    localised 403 page; any other refusal flashes and goes back."""
    from workshop.transaction import rollback

    try:
        call()
    except WorkshopError as error:
        rollback()  # nothing of a refused change stays in the session
        if error.status == 403:
            raise
        if not keep(error):
            flash(error.message, "error")
            return redirect(back)
        return page(error.status if error.status in (409, 429) else 400)
    if done:
        flash(done, "success")
    return redirect(to or back)


def submit(form, call, *, page, back: str, done: str | None = None, to: str | None = None):
    """The shape of a form post: what WTForms or the service refuses is shown beside its
    field on the page again (400) with the typed values; a refusal about something the form
    does not hold (it is gone) is flashed on the way back; success flashes `done`."""
    if not form.validate_on_submit():
        return _again(form, page, 400)
    return attempt(call, page=lambda status: _again(form, page, status), back=back, done=done,
                   to=to, keep=lambda error: show_refusal(form, error, top=error.status != 404))


def _again(form, page, status: int):
    """Sum up at the top what was refused (the page may be long; each field says it again
    beside itself), then show the page with the typed values."""
    _flash_invalid(form)
    return page(status)


def refused(form, back: str):
    """A one-button form WTForms refused (an expired token): say why at the top, go back."""
    _flash_invalid(form)
    return redirect(back)


def _flash_invalid(form) -> None:
    for message in explain_invalid(form):
        flash(message, "error")
