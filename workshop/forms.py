"""Form plumbing shared by every feature: input normalisation and button-only forms."""

from flask_wtf import FlaskForm


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
