"""The whole workshop as one JSON document: everything needed to rebuild its minutes.

A final version freezes this document; its PDF is built from it alone, so exporting again
(or rebuilding from a downloaded archive) gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import sys
from datetime import datetime

import sqlalchemy as sa

from workshop.extensions import db
from workshop.models import Discipline, StageChange, User, Workshop, WorkshopStaff
from workshop.models.minutes import MinutesVersion

from .attendance import attendance_rows
from .items import action_unit, decision_unit
from .sources import focus_data, rounds_data

FORMAT = "hamandishi-minutes"
FORMAT_VERSION = 1


def canonical_json(data: dict) -> bytes:
    """Stable bytes for hashing: sorted keys, no spaces, UTF-8."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def content_hash(data: dict) -> str:
    """SHA-256 of the archive; printed in the PDF's footer to tie paper to data."""
    return hashlib.sha256(canonical_json(data)).hexdigest()


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _workshop(workshop: Workshop) -> dict:
    return {
        "id": workshop.id, "title": workshop.title,
        "guiding_question": workshop.guiding_question, "location": workshop.location,
        "language": workshop.language, "scheduled_at": _iso(workshop.scheduled_at),
        "stage": workshop.stage, "status": workshop.status,
        "program": {"fa": workshop.program.name_fa, "en": workshop.program.name_en},
        "phase": {"key": workshop.phase.key, "fa": workshop.phase.name_fa,
                  "en": workshop.phase.name_en},
        "settings": {k: workshop.setting(k) for k in
                     ("anonymous_proposals", "late_proposals", "results_visible")},
    }


def _staff(workshop: Workshop) -> dict:
    stmt = (sa.select(WorkshopStaff.role, User.name).join(User, User.id == WorkshopStaff.user_id)
            .where(WorkshopStaff.workshop_id == workshop.id).order_by(User.name, User.id))
    staff: dict[str, list[str]] = {"facilitators": [], "secretaries": []}
    for role, name in db.session.execute(stmt):
        staff["facilitators" if role == "facilitator" else "secretaries"].append(name)
    return staff


def _disciplines(workshop: Workshop) -> list[dict]:
    stmt = (sa.select(Discipline).where(Discipline.program_id == workshop.program_id)
            .order_by(Discipline.position, Discipline.id))
    return [{"id": d.id, "key": d.key, "fa": d.name_fa, "en": d.name_en}
            for d in db.session.scalars(stmt)]


def _timeline(workshop: Workshop) -> list[dict]:
    stmt = (sa.select(StageChange).where(StageChange.workshop_id == workshop.id)
            .order_by(StageChange.at, StageChange.id))
    return [{"from": c.from_stage, "to": c.to_stage, "at": _iso(c.at)}
            for c in db.session.scalars(stmt)]


def _previous(workshop: Workshop, version: MinutesVersion) -> list[dict]:
    stmt = (sa.select(MinutesVersion)
            .where(MinutesVersion.workshop_id == workshop.id,
                   MinutesVersion.number < version.number, MinutesVersion.status == "final")
            .order_by(MinutesVersion.number))
    return [{"number": v.number, "sha256": v.sha256, "content_sha256": v.content_sha256,
             "finalised_at": _iso(v.finalised_at)} for v in db.session.scalars(stmt)]


def _minutes(workshop: Workshop, version: MinutesVersion, final: dict | None) -> dict:
    final = final or {}
    return {
        "number": version.number, "status": "final" if final else version.status,
        "reason": version.reason, "lang": final.get("lang", version.lang),
        "finalised_at": final.get("at"), "finalised_by": final.get("by"),
        "previous": _previous(workshop, version),
    }


def collect(workshop: Workshop, version: MinutesVersion, final: dict | None = None) -> dict:
    """The archive of a workshop's minutes version; `final` = {at, by, lang} when freezing it.

    Between sections it lets the event loop serve live votes (a big workshop takes a few
    hundred milliseconds to read).
    """
    parts = {
        "format": lambda: FORMAT, "format_version": lambda: FORMAT_VERSION,
        "workshop": lambda: _workshop(workshop),
        "minutes": lambda: _minutes(workshop, version, final),
        "staff": lambda: _staff(workshop),
        "disciplines": lambda: _disciplines(workshop),
        "attendance": lambda: [_strip(r) for r in attendance_rows(workshop, version)],
        "timeline": lambda: _timeline(workshop),
        "summary": lambda: version.summary,
        "notes": lambda: {n.stage: n.text for n in version.notes if n.text},
        "decisions": lambda: [_strip(decision_unit(d)) for d in version.decisions],
        "actions": lambda: [_strip(action_unit(a)) for a in version.actions],
        "focus": lambda: focus_data(workshop),
        "rounds": lambda: rounds_data(workshop),
    }
    data = {}
    for key, read in parts.items():
        data[key] = read()
        cooperate()
    return data


def cooperate() -> None:
    """Give other greenlets a turn under gevent (no-op otherwise)."""
    if "gevent" in sys.modules:
        from gevent import monkey, sleep

        if monkey.is_module_patched("socket"):
            sleep(0)


def _strip(unit: dict) -> dict:
    """Editing bookkeeping (revisions) is not part of the record."""
    return {k: v for k, v in unit.items() if k != "revision"}
