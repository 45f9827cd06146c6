"""Finding and locking minutes versions; the permission rules for reading and editing them."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from workshop.actors import Actor
from workshop.errors import InvalidState, NotAllowed, NotFound
from workshop.extensions import db
from workshop.models import Workshop, utcnow
from workshop.models.minutes import MinutesVersion
from workshop.permissions import is_member, require_staff


def versions_of(workshop: Workshop) -> list[MinutesVersion]:
    """Every version of the workshop's minutes, oldest first."""
    stmt = (sa.select(MinutesVersion).where(MinutesVersion.workshop_id == workshop.id)
            .order_by(MinutesVersion.number))
    return list(db.session.scalars(stmt))


def latest_version(workshop: Workshop) -> MinutesVersion | None:
    """The newest version (the draft being written, or the last final one)."""
    stmt = (sa.select(MinutesVersion).where(MinutesVersion.workshop_id == workshop.id)
            .order_by(MinutesVersion.number.desc()).limit(1))
    return db.session.scalar(stmt)


def version_number(workshop: Workshop, number) -> MinutesVersion:
    """One version by its number, or not_found (numbers come from URLs and clients)."""
    if type(number) is not int:
        raise NotFound()
    stmt = sa.select(MinutesVersion).where(MinutesVersion.workshop_id == workshop.id,
                                           MinutesVersion.number == number)
    version = db.session.scalar(stmt)
    if version is None:
        raise NotFound()
    return version


def ensure_draft(actor: Actor, workshop: Workshop) -> MinutesVersion:
    """The version being edited; the first one is created on first use (races end in one row)."""
    version = latest_version(workshop)
    if version is not None:
        return version
    version = MinutesVersion(workshop_id=workshop.id, number=1, lang=workshop.language,
                             created_by_id=actor.user.id if actor.user else None)
    db.session.add(version)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return latest_version(workshop)
    return version


def lock_draft(version: MinutesVersion) -> int:
    """Bump the draft's revision in the database, or refuse a final version (row-locked on PG)."""
    stmt = (sa.update(MinutesVersion)
            .where(MinutesVersion.id == version.id, MinutesVersion.status == "draft")
            .values(revision=MinutesVersion.revision + 1, updated_at=utcnow())
            .returning(MinutesVersion.revision))
    revision = db.session.execute(stmt).scalar_one_or_none()
    if revision is None:
        raise InvalidState("finalised")
    return revision


def require_editor(actor: Actor, workshop: Workshop) -> None:
    """Only the workshop's secretaries and facilitators (and admins) write the minutes."""
    require_staff(actor, workshop)


def require_reader(actor: Actor, workshop: Workshop, version: MinutesVersion) -> None:
    """Staff read every version; an admitted participant reads only final ones."""
    if version.is_final and is_member(actor, workshop):
        return
    if actor.participant is not None and actor.participant.workshop_id == workshop.id:
        raise NotAllowed()
    require_staff(actor, workshop)
