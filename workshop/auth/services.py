"""Checking passwords (rate-limited), ending sessions, and managing staff accounts."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app

from workshop import audit
from workshop.actors import ANONYMOUS, Actor
from workshop.auth.passwords import check_new_password
from workshop.errors import BadInput, WorkshopError
from workshop.extensions import db
from workshop.models import User
from workshop.models.user import ROLES
from workshop.ratelimit import failed_logins, failed_logins_by_address
from workshop.realtime.publish import after_commit
from workshop.realtime.rooms import user_room
from workshop.text.normalize import validate_text
from workshop.transaction import commit


def load_user(identity: str) -> User | None:
    """Flask-Login loader: the id must carry the current session version."""
    user_id, _, version = (identity or "").partition(":")
    if not user_id.isdecimal() or not version.isdecimal():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


def authenticate(email: str, password: str, ip: str, limit: int) -> User:
    """Check a login; failures are limited per account and address, and per address across
    accounts (a spray over many accounts from one machine)."""
    email = (email or "").strip().lower()
    key, by_address = f"{email}|{ip}", current_app.config["LOGIN_FAILURES_PER_ADDRESS_PER_MINUTE"]
    failed_logins.check(key, limit)
    failed_logins_by_address.check(ip, by_address)
    user = db.session.scalar(sa.select(User).where(User.email == email))
    if user is None or not user.active or not user.check_password(password or ""):
        failed_logins.hit(key, limit)
        failed_logins_by_address.hit(ip, by_address)
        raise WorkshopError("forbidden", message=_bad_login())
    return user


def _bad_login() -> str:
    from flask_babel import gettext

    return gettext("Wrong email or password.")


def end_sessions(user: User) -> None:
    """Logout: every cookie and open socket of this user stops working."""
    audit.record(Actor(user=user), None, "user.logout", target=f"user:{user.id}")
    end_other_sessions(user)
    commit()


def end_other_sessions(user: User) -> None:
    """Bump the session version (old cookies stop working) and close the user's sockets."""
    from workshop.joining.roster import disconnect_room

    user.session_version += 1
    after_commit(lambda: disconnect_room(user_room(user.id)), after_events=True)


def create_user(email: str, name: str, role: str, password: str, actor: Actor = ANONYMOUS) -> User:
    """Create a staff account (from the CLI or by an admin)."""
    email = validate_text(email, field="email", max_len=254).lower()
    if "@" not in email:
        raise BadInput("invalid_value", field="email")
    if role not in ROLES:
        raise BadInput("invalid_value", field="role")
    check_new_password(password, field="password")
    if db.session.scalar(sa.select(User.id).where(User.email == email)) is not None:
        raise BadInput("invalid_value", field="email")
    user = User(email=email, name=validate_text(name, field="name", max_len=120), role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    audit.record(actor, None, "user.create", target=f"user:{user.id}", role=role)
    commit()
    return user


def staff_users(role: str | None = None) -> list[User]:
    """Active staff accounts, for assigning facilitators and secretaries."""
    stmt = sa.select(User).where(User.active.is_(True)).order_by(User.name)
    if role:
        stmt = stmt.where(User.role == role)
    return list(db.session.scalars(stmt))
