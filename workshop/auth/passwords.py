"""Passwords: a user changes their own (current password checked); an admin sets anyone's."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from workshop import audit
from workshop.actors import ANONYMOUS, Actor
from workshop.errors import BadInput, NotFound
from workshop.extensions import db
from workshop.models import User
from workshop.ratelimit import failed_logins
from workshop.transaction import commit

MIN_PASSWORD = 8
MAX_PASSWORD = 200
WRONG_CURRENT = _l("This is not your current password.")
TOO_LONG = _l("The new password is too long.")
SAME = _l("The new password must differ from the current one.")


def check_new_password(password: str, field: str = "new_password") -> str:
    """Refuse passwords that are too short or too long (with the field to show it at)."""
    password = password or ""
    if len(password) < MIN_PASSWORD:
        raise BadInput("invalid_value", message=_too_short(), field=field)
    if len(password) > MAX_PASSWORD:
        raise BadInput("invalid_value", message=str(TOO_LONG), field=field)
    return password


def _too_short() -> str:
    """The minimum in the reader's digits (the command line gets plain English)."""
    from flask import has_request_context
    from flask_babel import gettext

    from workshop.i18n import current_lang
    from workshop.i18n.formatting import format_number

    if not has_request_context():  # the locale selector needs a request
        return f"The new password needs at least {MIN_PASSWORD} characters."
    return gettext("The new password needs at least %(n)s characters.",
                   n=format_number(MIN_PASSWORD, current_lang()))


def change_own_password(user: User, current: str, new: str, ip: str, limit: int) -> User:
    """The signed-in user changes their password; every other session of theirs ends."""
    key = f"password:{user.id}|{ip}"
    failed_logins.check(key, limit)
    if not user.check_password(current or ""):
        failed_logins.hit(key, limit)
        raise BadInput("invalid_value", message=str(WRONG_CURRENT), field="current_password")
    if new == current:
        raise BadInput("invalid_value", message=str(SAME), field="new_password")
    _store(user, check_new_password(new), Actor(user=user), "user.password_change")
    return user


def set_password(email: str, password: str, actor: Actor = ANONYMOUS) -> User:
    """An admin (from the CLI) sets someone's password, e.g. a forgotten one."""
    user = db.session.scalar(sa.select(User).where(User.email == (email or "").strip().lower()))
    if user is None:
        raise NotFound("not_found", field="email")
    _store(user, check_new_password(password, field="password"), actor, "user.password_set")
    return user


def _store(user: User, password: str, actor: Actor, action: str) -> None:
    """Hash, bump the session version (old cookies and sockets stop working), record, commit."""
    from workshop.auth.services import end_other_sessions

    user.set_password(password)
    audit.record(actor, None, action, target=f"user:{user.id}")
    end_other_sessions(user)
    commit()
