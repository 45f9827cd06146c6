"""Snapshot sections about people: counts by discipline, the roster, and "me"."""

from __future__ import annotations

import time

import sqlalchemy as sa

from workshop.extensions import db
from workshop.models import Discipline, Participant, Workshop
from workshop.privacy import fold_small
from workshop.realtime.encoded import share
from workshop.realtime.snapshot import snapshot_section

# Built once: presence is counted on every connect and for every coalesced refresh.
_PARTICIPANT = Participant.__table__
_IN_ROOM = (
    sa.select(_PARTICIPANT.c.discipline_id, sa.func.count())
    .where(_PARTICIPANT.c.workshop_id == sa.bindparam("workshop_id"),
           _PARTICIPANT.c.status == "admitted", _PARTICIPANT.c.joined_at.is_not(None),
           _PARTICIPANT.c.left_at.is_(None))
    .group_by(_PARTICIPANT.c.discipline_id)
)
_DISCIPLINES = (sa.select(Discipline.id, Discipline.name_fa, Discipline.name_en)
                .where(Discipline.program_id == sa.bindparam("program_id"))
                .order_by(Discipline.position))
_ROSTER = (sa.select(*(_PARTICIPANT.c[name] for name in (
    "id", "display_name", "discipline_id", "organisation", "status", "joined_at", "left_at")))
    .where(_PARTICIPANT.c.workshop_id == sa.bindparam("workshop_id"))
    .order_by(_PARTICIPANT.c.created_at, _PARTICIPANT.c.id))


def presence(workshop: Workshop, public: bool = False) -> dict:
    """How many admitted participants are in the room now, per discipline. Public counts
    (phones, projector) fold disciplines of fewer than K people into `other`, so a count of
    one does not name the author of an anonymous point or the voter of a lone mark."""
    db.session.flush()  # Core reads do not autoflush: count this transaction's changes too
    connection = db.session.connection()
    counts = dict(connection.execute(_IN_ROOM, {"workshop_id": workshop.id}).all())
    folded = fold_small(counts) if public else set()
    disciplines = connection.execute(_DISCIPLINES, {"program_id": workshop.program_id})
    by_discipline = [
        {"id": d.id, "name_fa": d.name_fa, "name_en": d.name_en,
         "count": 0 if d.id in folded else counts.get(d.id, 0)}
        for d in disciplines
    ]
    total = sum(counts.values())
    other = total - sum(row["count"] for row in by_discipline)
    return {"total": total, "by_discipline": by_discipline, "other": other}


# Public counts for snapshots, per workshop: a storm of a thousand connects must not count the
# room a thousand times. Dropped when this process commits an attendance change, and at most
# PUBLIC_PRESENCE_SECONDS old for changes another process made (the broadcast follows anyway).
PUBLIC_PRESENCE_SECONDS = 1.0
# workshop id -> (identity, when counting began, counts); counts None: attendance changed then.
_PUBLIC_PRESENCE: dict[int, tuple[tuple | None, float, dict | None]] = {}


def _identity(workshop: Workshop) -> tuple:
    """created_at and join_code tell apart workshops that share an id in different databases."""
    return (workshop.created_at, workshop.join_code)


def public_presence(workshop: Workshop) -> dict:
    """The folded counts phones and the projector see, reused while they are recent."""
    held = _PUBLIC_PRESENCE.get(workshop.id)
    if held and held[2] is not None and held[0] == _identity(workshop) \
            and time.monotonic() - held[1] < PUBLIC_PRESENCE_SECONDS:
        return held[2]
    return counted_public_presence(workshop)


def counted_public_presence(workshop: Workshop) -> dict:
    """The folded counts, counted now (a broadcast must not send a snapshot's older count),
    kept for the snapshots that follow."""
    started = time.monotonic()
    counts = share(presence(workshop, public=True))
    held = _PUBLIC_PRESENCE.get(workshop.id)
    # Database waits let other sockets run meanwhile: keep a count only if no newer count was
    # kept, and no attendance change was committed, since this one began counting.
    if held is None or held[1] < started:
        _PUBLIC_PRESENCE[workshop.id] = (_identity(workshop), started, counts)
    return counts


def forget_presence(workshop_id: int) -> None:
    """Attendance changed here: the next snapshot counts again (and older counts stay out)."""
    _PUBLIC_PRESENCE[workshop_id] = (None, time.monotonic(), None)


def headcount(workshop: Workshop) -> dict:
    """Joined (admitted) against expected, for the console."""
    joined = db.session.scalar(sa.select(sa.func.count()).where(
        Participant.workshop_id == workshop.id, Participant.status == "admitted"))
    return {"joined": joined or 0, "expected": workshop.expected_headcount}


def roster(workshop: Workshop) -> list[dict]:
    """Every participant with status and attendance, for the facilitator's lobby."""
    db.session.flush()  # Core reads do not autoflush: show this transaction's changes too
    rows = db.session.connection().execute(_ROSTER, {"workshop_id": workshop.id})
    return [participant_row(p) for p in rows]


def participant_row(p) -> dict:
    """One participant (a model or a roster row) as staff see them."""
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
    if audience == "staff":
        return presence(workshop) | {"headcount": headcount(workshop)}
    return public_presence(workshop)


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
