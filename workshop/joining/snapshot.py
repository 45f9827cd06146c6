"""Snapshot sections about people: counts by discipline, the roster, and "me"."""

from __future__ import annotations

import sqlalchemy as sa

from workshop.extensions import db
from workshop.models import Discipline, Participant, Workshop
from workshop.realtime.snapshot import snapshot_section


def presence(workshop: Workshop) -> dict:
    """How many admitted participants are in the room now, per discipline."""
    stmt = (
        sa.select(Participant.discipline_id, sa.func.count())
        .where(Participant.workshop_id == workshop.id, Participant.status == "admitted",
               Participant.joined_at.is_not(None), Participant.left_at.is_(None))
        .group_by(Participant.discipline_id)
    )
    counts = dict(db.session.execute(stmt).all())
    disciplines = db.session.scalars(
        sa.select(Discipline).where(Discipline.program_id == workshop.program_id)
        .order_by(Discipline.position)
    )
    by_discipline = [
        {"id": d.id, "name_fa": d.name_fa, "name_en": d.name_en, "count": counts.get(d.id, 0)}
        for d in disciplines
    ]
    return {"total": sum(counts.values()), "by_discipline": by_discipline}


def roster(workshop: Workshop) -> list[dict]:
    """Every participant with status and attendance, for the facilitator's lobby."""
    stmt = (
        sa.select(Participant).where(Participant.workshop_id == workshop.id)
        .order_by(Participant.created_at, Participant.id)
    )
    return [participant_row(p) for p in db.session.scalars(stmt)]


def participant_row(p: Participant) -> dict:
    """One participant as staff see them."""
    return {
        "id": p.id,
        "name": p.display_name,
        "discipline_id": p.discipline_id,
        "organisation": p.organisation,
        "status": p.status,
        "online": p.joined_at is not None and p.left_at is None,
        "joined_at": p.joined_at.isoformat() if p.joined_at else None,
        "left_at": p.left_at.isoformat() if p.left_at else None,
    }


@snapshot_section("presence")
def presence_section(actor, workshop, audience):
    return presence(workshop)


@snapshot_section("roster")
def roster_section(actor, workshop, audience):
    return roster(workshop) if audience == "staff" else None


@snapshot_section("me")
def me_section(actor, workshop, audience):
    if actor.participant is not None:
        p = actor.participant
        return {"kind": "participant", "id": p.id, "name": p.display_name,
                "discipline_id": p.discipline_id, "status": p.status}
    if actor.user is not None:
        return {"kind": "user", "id": actor.user.id, "name": actor.user.name}
    return None
