"""Small helpers shared by the register's HTTP views (no logic, no commits)."""

from __future__ import annotations

from flask import request
from flask_babel import gettext as _
from flask_login import current_user

from workshop.actors import Actor
from workshop.forms import attempt


def actor() -> Actor:
    """The logged-in staff member as an actor."""
    return Actor(user=current_user._get_current_object())


def number(value) -> int | None:
    """A form's number (Persian or Latin digits), or None; services refuse what is wrong."""
    from workshop.i18n.formatting import whole_number
    from workshop.text.normalize import fold

    return whole_number(fold(str(value or "")).strip().lstrip("#"))


def act(service, *args, back: str, done: str | None = None, to: str | None = None):
    """Run one service for a button: a refusal flashes its message and goes back; success
    flashes `done` and goes on to `to` (or back)."""
    return attempt(lambda: service(actor(), *args), back=back, done=done, to=to)


def saved() -> str:
    return _("Saved.")


def page_arg() -> int:
    """?page= as an int (a bad value becomes 0, which the services refuse)."""
    return number(request.args.get("page", "1")) or 0


def local(url: str | None, default: str) -> str:
    """Only local paths are followed after a form (never another site)."""
    if url and url.startswith("/") and not url.startswith("//"):
        return url
    return default
