"""Jinja side of the direction rule: `dir` for every user-text element, display with <bdi>."""

from __future__ import annotations

from markupsafe import Markup, escape

from workshop.text.direction import direction, lang_direction, pieces


def _lang() -> str:
    from workshop.i18n import current_lang

    return current_lang()


def text_dir(text: object) -> str:
    """The `dir` attribute for an element holding someone's text (falls back to the UI's)."""
    return direction(text, lang_direction(_lang()))


def display_html(text: object) -> Markup:
    """Escaped text with contextual digits; LTR units (URLs, phones ...) in <bdi dir=ltr>."""
    lang = _lang()
    out = []
    for piece in pieces(text, lang, text_dir(text)):
        body = escape(piece.text)
        out.append(Markup('<bdi dir="ltr">%s</bdi>') % body if piece.ltr_unit else body)
    return Markup("").join(out)


def user_text(text: object, tag: str = "bdi", **attrs: object) -> Markup:
    """A whole element for someone's text: <bdi dir="rtl" class=…>…</bdi> (class_ → class)."""
    extra = "".join(Markup(' %s="%s"') % (k.rstrip("_").replace("_", "-"), v)
                    for k, v in attrs.items() if v is not None)
    return Markup("<%s dir=\"%s\"%s>%s</%s>") % (
        Markup(tag), text_dir(text), Markup(extra), display_html(text), Markup(tag))


def init_jinja(env) -> None:
    """Register the filters `tdir` and `ut` and the global `user_text`."""
    env.filters.update(tdir=text_dir, ut=display_html)
    env.globals.update(user_text=user_text)
