"""Creating, editing and finding workshops."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from workshop import audit
from workshop.actors import Actor
from workshop.bounds import fits
from workshop.errors import BadInput, NotAllowed, NotFound
from workshop.extensions import db
from workshop.models import Program, ProgramPhase, User, Workshop, WorkshopStaff
from workshop.models.workshop import DEFAULT_SETTINGS
from workshop.permissions import require_facilitator
from workshop.text.normalize import validate_int, validate_text
from workshop.transaction import commit
from workshop.workshops.codes import new_join_code

EDITABLE_SETTINGS = tuple(DEFAULT_SETTINGS)


def get_workshop(workshop_id) -> Workshop:
    """Load a workshop by id or refuse with not_found (ids from clients are untrusted)."""
    workshop = db.session.get(Workshop, checked_id(workshop_id))
    if workshop is None:
        raise NotFound()
    return workshop


def checked_id(workshop_id) -> int:
    """A client's workshop id as an int the database can hold, or the refusal it gets."""
    if type(workshop_id) is not int:
        raise BadInput(field="workshop")
    if not fits(workshop_id):
        raise NotFound()
    return workshop_id


def find_by_join_code(code: str) -> Workshop | None:
    """The open workshop with this join code, if any."""
    stmt = sa.select(Workshop).where(Workshop.join_code == code, Workshop.status != "closed")
    return db.session.scalar(stmt)


def workshops_for(user: User) -> list[Workshop]:
    """The workshops a staff member may open, newest first."""
    stmt = sa.select(Workshop).order_by(Workshop.created_at.desc(), Workshop.id.desc())
    if not user.is_admin:
        staff = sa.select(WorkshopStaff.workshop_id).where(WorkshopStaff.user_id == user.id)
        stmt = stmt.where(Workshop.id.in_(staff))
    return list(db.session.scalars(stmt))


def _clean_fields(data: dict) -> dict:
    """Validate the editable fields of a workshop (plain values from a form or a client)."""
    phase = db.session.get(ProgramPhase, data.get("phase_id"))
    if phase is None or phase.program_id != data.get("program_id"):
        raise BadInput("invalid_value", field="phase")
    scheduled = data.get("scheduled_at")
    if scheduled is not None and not isinstance(scheduled, datetime):
        raise BadInput("invalid_value", field="scheduled_at")
    return {
        "title": validate_text(data.get("title"), field="title", max_len=200),
        "guiding_question": validate_text(
            data.get("guiding_question", ""), field="guiding_question", max_len=1000,
            required=False, multiline=True,
        ),
        "location": validate_text(
            data.get("location", ""), field="location", max_len=200, required=False
        ),
        "program_id": phase.program_id,
        "phase_id": phase.id,
        "scheduled_at": scheduled,
        "roster_mode": bool(data.get("roster_mode")),
        "expected_headcount": _headcount(data.get("expected_headcount")),
        "language": "en" if data.get("language") == "en" else "fa",
    }


def _headcount(value) -> int | None:
    """How many people the facilitator expects (empty: not said); the console compares."""
    if value in (None, ""):
        return None
    return validate_int(value, field="expected_headcount", min_value=1, max_value=100_000)


def _settings(data: dict, current: dict | None) -> dict:
    settings = dict(DEFAULT_SETTINGS) | dict(current or {})
    for name in EDITABLE_SETTINGS:
        if name in data:
            settings[name] = bool(data[name])
    return settings


def create_workshop(actor: Actor, data: dict) -> Workshop:
    """A facilitator or admin creates a workshop and becomes its facilitator."""
    if actor.user is None or actor.user.role not in ("admin", "facilitator"):
        raise NotAllowed()
    fields = _clean_fields(data)
    workshop = Workshop(**fields, settings=_settings(data, None), created_by_id=actor.user.id)
    workshop.staff.append(WorkshopStaff(user_id=actor.user.id, role="facilitator"))
    workshop.join_code = _unused_join_code()
    db.session.add(workshop)
    db.session.flush()
    audit.record(actor, workshop, "workshop.create", target=f"workshop:{workshop.id}")
    commit({"workshop": workshop.id})
    return workshop


def _unused_join_code() -> str:
    """Draw join codes until one is free (the unique constraint stays the final guard)."""
    while True:
        code = new_join_code()
        if db.session.scalar(sa.select(Workshop.id).where(Workshop.join_code == code)) is None:
            return code


def update_workshop(actor: Actor, workshop_id: int, data: dict) -> Workshop:
    """A facilitator edits the workshop's details and settings."""
    from workshop.realtime.publish import publish
    from workshop.workshops.snapshot import workshop_info

    workshop = get_workshop(workshop_id)
    require_facilitator(actor, workshop)
    for name, value in _clean_fields(data).items():
        setattr(workshop, name, value)
    workshop.settings = _settings(data, workshop.settings)
    audit.record(actor, workshop, "workshop.update", target=f"workshop:{workshop.id}")
    publish(workshop, "workshop_updated", {"workshop": workshop_info(workshop, "phone")},
            {"workshop": workshop_info(workshop, "staff")})
    commit({"workshop": workshop.id})
    return workshop


def set_staff(actor: Actor, workshop_id: int, user_ids: list[int], role: str) -> None:
    """A facilitator assigns the co-facilitators or secretaries of a workshop."""
    workshop = get_workshop(workshop_id)
    require_facilitator(actor, workshop)
    users = sa.select(User).where(User.id.in_(user_ids), User.active.is_(True))
    if role == "facilitator":  # only facilitator accounts may run a workshop
        users = users.where(User.role.in_(("admin", "facilitator")))
    wanted = {u.id for u in db.session.scalars(users)}
    keep = {actor.user.id, workshop.created_by_id}  # nobody removes the creator or themselves
    for link in [s for s in workshop.staff if s.role == role]:
        if link.user_id not in wanted and link.user_id not in keep:
            workshop.staff.remove(link)
    have = {s.user_id for s in workshop.staff if s.role == role}
    for user_id in sorted(wanted - have):
        workshop.staff.append(WorkshopStaff(user_id=user_id, role=role))
    audit.record(actor, workshop, "workshop.staff", target=role, users=sorted(wanted))
    commit()


def assign_staff(actor: Actor, workshop_id, email: str, role: str,
                 trusted: bool = False) -> User:
    """Add one account as secretary or co-facilitator of an existing workshop.

    :param trusted: the command line (an administrator at the server) needs no facilitator.
    """
    workshop = get_workshop(workshop_id)
    if not trusted:
        require_facilitator(actor, workshop)
    user = db.session.scalar(sa.select(User).where(
        User.email == (email or "").strip().lower(), User.active.is_(True)))
    if user is None:
        raise NotFound("not_found", field="email")
    if role not in ("secretary", "facilitator") or (
            role == "facilitator" and user.role not in ("admin", "facilitator")):
        raise BadInput("invalid_value", field="role")
    if not any(s.user_id == user.id and s.role == role for s in workshop.staff):
        workshop.staff.append(WorkshopStaff(user_id=user.id, role=role))
    audit.record(actor, workshop, "workshop.staff", target=role, users=[user.id])
    commit()
    return user


def default_program() -> Program | None:
    """The first programme (the app is usually run for one plan)."""
    return db.session.scalar(sa.select(Program).order_by(Program.id))

