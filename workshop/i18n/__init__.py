"""Language selection (?lang= → cookie → Accept-Language → fa) and display filters."""

from __future__ import annotations

from flask import Flask, g, request
from flask_babel import get_locale, refresh

from workshop.extensions import babel
from workshop.i18n import formatting

LANGUAGES = ("fa", "en")
LANG_COOKIE = "lang"


def select_locale() -> str:
    """The reader's language: a page that speaks the workshop's language (the projector),
    then an explicit switch, the remembered choice, the workshop's language, the browser's."""
    forced = g.get("workshop_lang_forced")
    if forced in LANGUAGES:
        return forced
    for candidate in (request.args.get("lang"), request.cookies.get(LANG_COOKIE),
                      g.get("workshop_lang")):
        if candidate in LANGUAGES:
            return candidate
    return request.accept_languages.best_match(LANGUAGES) or "fa"


def use_workshop_language(workshop, force: bool = False) -> None:
    """Render this request in the workshop's language: always (projector) or unless the
    reader chose one (phones start in it and can switch)."""
    setattr(g, "workshop_lang_forced" if force else "workshop_lang", workshop.language)
    refresh()


def current_lang() -> str:
    """The active language code ("fa" or "en")."""
    locale = get_locale()
    return locale.language if locale is not None else "fa"


def text_direction() -> str:
    """rtl for Persian, ltr for English."""
    return "rtl" if current_lang() == "fa" else "ltr"


def _remember_choice(response):
    """Keep an explicit ?lang= choice in a cookie (also read by socket handshakes)."""
    chosen = request.args.get("lang")
    if chosen in LANGUAGES and request.cookies.get(LANG_COOKIE) != chosen:
        response.set_cookie(LANG_COOKIE, chosen, max_age=365 * 24 * 3600, samesite="Lax")
    return response


def _filters() -> dict:
    return {
        "num": lambda n: formatting.format_number(n, current_lang()),
        "digits": lambda s: formatting.to_persian_digits(str(s)) if current_lang() == "fa" else s,
        "date": lambda d, style="long": formatting.format_date(d, current_lang(), style),
        "time": lambda d: formatting.format_time(d, current_lang()),
        "datetime": lambda d: formatting.format_datetime(d, current_lang()),
        "iso": formatting.iso_tehran,
        "pick": lambda obj, prefix="name": getattr(obj, f"{prefix}_{current_lang()}"),
    }


def init_app(app: Flask) -> None:
    """Bind Flask-Babel with our selector, the lang cookie and the display filters."""
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.jinja_env.filters.update(_filters())
    from workshop.text.html import init_jinja

    init_jinja(app.jinja_env)  # tdir, ut, user_text: the one direction rule (docs/persian-text.md)
    app.jinja_env.globals.update(text_direction=text_direction, current_lang=current_lang,
                                 LANGUAGES=LANGUAGES)
    app.after_request(_remember_choice)
