"""Attendance from the phones' joins and leaves, with the secretary's corrections on top.

Present / arrived late / left early are read from Participant.joined_at (first join) and
left_at (last departure, cleared on return) against the workshop's start and end, which the
stage timeline gives (leaving the lobby, reaching "closed").
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from workshop.errors import BadInput, NotFound
from workshop.extensions import db
from workshop.models import Discipline, Participant, StageChange, Workshop
from workshop.models.minutes import ATTENDANCE_STATUSES, AttendanceCorrection, MinutesVersion
from workshop.text.normalize import validate_text

from .concurrency import base_revision, compare_and_set, delete_if_unchanged, owned_row
from .workspace import editor

GRACE = timedelta(minutes=10)
ATTENDED = ("present", "late", "left_early", "late_left_early")


def workshop_span(workshop: Workshop) -> tuple[datetime | None, datetime | None]:
    """When the workshop started (left the lobby) and ended (closed), from the timeline."""
    changes = list(db.session.scalars(sa.select(StageChange).where(
        StageChange.workshop_id == workshop.id).order_by(StageChange.at, StageChange.id)))
    start = next((c.at for c in changes if c.from_stage == "lobby"), workshop.scheduled_at)
    end = next((c.at for c in reversed(changes) if c.to_stage == "closed"), None)
    return start, end


def auto_status(p: Participant, start: datetime | None, end: datetime | None) -> str:
    """What the join and leave times say about one participant."""
    if p.joined_at is None:
        return "absent"
    late = start is not None and p.joined_at > start + GRACE
    gone = p.status == "removed" or (
        p.left_at is not None and (end is None or p.left_at < end - GRACE))
    if late and gone:
        return "late_left_early"
    return "late" if late else ("left_early" if gone else "present")


def _participants(workshop: Workshop) -> list[Participant]:
    """Everyone who was let in or invited; people still waiting at the door never attended."""
    stmt = (sa.select(Participant)
            .where(Participant.workshop_id == workshop.id, Participant.status != "pending")
            .order_by(Participant.display_name, Participant.id))
    return list(db.session.scalars(stmt))


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _auto_row(p: Participant, start, end) -> dict:
    status = auto_status(p, start, end)
    return {"participant_id": p.id, "name": p.display_name, "discipline_id": p.discipline_id,
            "organisation": p.organisation, "auto_status": status, "status": status,
            "joined_at": _iso(p.joined_at), "left_at": _iso(p.left_at), "note": "",
            "correction_id": None, "revision": 0}


def _apply(row: dict, c: AttendanceCorrection) -> dict:
    return row | {"status": c.status, "note": c.note, "correction_id": c.id,
                  "revision": c.revision}


def _manual_row(c: AttendanceCorrection) -> dict:
    return {"participant_id": None, "name": c.display_name, "discipline_id": c.discipline_id,
            "organisation": c.organisation, "auto_status": None, "status": c.status,
            "joined_at": None, "left_at": None, "note": c.note, "correction_id": c.id,
            "revision": c.revision}


def attendance_rows(workshop: Workshop, version: MinutesVersion | None) -> list[dict]:
    """Every attendance row: automatic, corrected where the secretary said so, plus additions."""
    start, end = workshop_span(workshop)
    corrections = list(version.corrections) if version is not None else []
    by_participant = {c.participant_id: c for c in corrections if c.participant_id}
    rows = []
    for p in _participants(workshop):
        row = _auto_row(p, start, end)
        rows.append(_apply(row, by_participant[p.id]) if p.id in by_participant else row)
    rows += [_manual_row(c) for c in corrections if c.participant_id is None]
    return rows


def discipline_counts(rows: list[dict]) -> dict[int | None, dict[str, int]]:
    """Per discipline: how many attended, and how many were invited but did not."""
    counts: dict[int | None, dict[str, int]] = {}
    for row in rows:
        slot = counts.setdefault(row["discipline_id"], {"attended": 0, "absent": 0})
        slot["attended" if row["status"] in ATTENDED else "absent"] += 1
    return counts


def _status(change: dict) -> str:
    status = change.get("status")
    if status not in ATTENDANCE_STATUSES:
        raise BadInput("invalid_value", field="status")
    return status


def _discipline(workshop: Workshop, value) -> int | None:
    if value in (None, ""):
        return None
    discipline = db.session.get(Discipline, value) if type(value) is int else None
    if discipline is None or discipline.program_id != workshop.program_id:
        raise BadInput("invalid_value", field="discipline_id")
    return discipline.id


def _describe(c: AttendanceCorrection) -> str:
    return " — ".join(p for p in (c.display_name, c.status, c.note) if p)


@editor("attendance")
def edit_attendance(workshop: Workshop, version: MinutesVersion, change: dict) -> dict:
    """Correct one participant's row, add a person by hand, or undo a correction."""
    if change.get("id") is not None:
        return _edit_existing(workshop, version, change)
    values = {"status": _status(change),
              "note": validate_text(change.get("note", ""), field="note", max_len=200,
                                    required=False)}
    participant_id = change.get("participant_id")
    if participant_id is None:
        values |= _manual_fields(workshop, change)
    else:
        participant = db.session.get(Participant, participant_id) \
            if type(participant_id) is int else None
        if participant is None or participant.workshop_id != workshop.id:
            raise NotFound()
        values["display_name"] = participant.display_name
    row = AttendanceCorrection(version_id=version.id, participant_id=participant_id,
                               revision=1, **values)
    db.session.add(row)
    db.session.flush()
    return _unit(row)


def _manual_fields(workshop: Workshop, change: dict) -> dict:
    return {
        "display_name": validate_text(change.get("name"), field="name", max_len=80),
        "discipline_id": _discipline(workshop, change.get("discipline_id")),
        "organisation": validate_text(change.get("organisation", ""), field="organisation",
                                      max_len=120, required=False),
    }


def _edit_existing(workshop: Workshop, version: MinutesVersion, change: dict) -> dict:
    row = owned_row(AttendanceCorrection, change.get("id"), version.id)
    base = base_revision(change)
    if change.get("delete") is True:
        delete_if_unchanged(AttendanceCorrection, row.id, base, kind="attendance", mine="",
                            theirs=_describe)
        return {"id": row.id, "deleted": True, "participant_id": row.participant_id}
    values = {"status": _status(change),
              "note": validate_text(change.get("note", ""), field="note", max_len=200,
                                    required=False)}
    if row.participant_id is None:
        values |= _manual_fields(workshop, change)
    compare_and_set(AttendanceCorrection, row.id, base, values, kind="attendance",
                    mine=_describe(AttendanceCorrection(
                        **({"display_name": row.display_name} | values))),
                    theirs=_describe)
    return _unit(db.session.get(AttendanceCorrection, row.id, populate_existing=True))


def _unit(c: AttendanceCorrection) -> dict:
    return {"id": c.id, "participant_id": c.participant_id, "name": c.display_name,
            "discipline_id": c.discipline_id, "organisation": c.organisation,
            "status": c.status, "note": c.note, "revision": c.revision}
