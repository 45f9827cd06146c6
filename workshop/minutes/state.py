"""What the secretary's workspace shows: the draft's units with their revisions, and versions."""

from __future__ import annotations

import sqlalchemy as sa

from workshop.actors import Actor
from workshop.extensions import db
from workshop.models import Workshop
from workshop.models.focus import FocusPoint
from workshop.models.minutes import MinutesVersion
from workshop.workshops.services import get_workshop

from .attendance import attendance_rows, workshop_span
from .items import action_unit, decision_unit
from .sources import round_model
from .versions import ensure_draft, require_editor, versions_of
from .workspace import note_units


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def version_row(v: MinutesVersion) -> dict:
    """A version in the list of downloads (hashes only once final)."""
    return {"number": v.number, "status": v.status, "reason": v.reason, "lang": v.lang,
            "sha256": v.sha256, "content_sha256": v.content_sha256,
            "finalised_at": _iso(v.finalised_at)}


def linkable_points(workshop: Workshop) -> list[dict]:
    """Points a decision may refer to (visible ones, in the workshop's order)."""
    stmt = (sa.select(FocusPoint.id, FocusPoint.title)
            .where(FocusPoint.workshop_id == workshop.id, FocusPoint.status == "visible")
            .order_by(FocusPoint.position, FocusPoint.id))
    return [{"id": pid, "title": title} for pid, title in db.session.execute(stmt)]


def linkable_rounds(workshop: Workshop) -> list[dict]:
    """Voting rounds a decision may rest on (none while voting is not installed)."""
    model = round_model()
    if model is None:
        return []
    stmt = (sa.select(model.id, model.title).where(model.workshop_id == workshop.id)
            .order_by(model.number, model.id))
    return [{"id": rid, "title": title} for rid, title in db.session.execute(stmt)]


def draft_state(workshop: Workshop, version: MinutesVersion) -> dict:
    """Every editable unit of one version with the revision an edit must start from."""
    start, end = workshop_span(workshop)
    return {
        "workshop": workshop.id, "number": version.number, "status": version.status,
        "revision": version.revision, "reason": version.reason,
        "summary": {"text": version.summary, "revision": version.summary_rev},
        "notes": note_units(version),
        "decisions": [decision_unit(d) for d in version.decisions],
        "actions": [action_unit(a) for a in version.actions],
        "attendance": attendance_rows(workshop, version),
        "span": {"start": _iso(start), "end": _iso(end)},
    }


def workspace_state(actor: Actor, workshop_id) -> dict:
    """The whole workspace for a secretary or facilitator (participants never see drafts)."""
    workshop = get_workshop(workshop_id)
    require_editor(actor, workshop)
    version = ensure_draft(actor, workshop)
    return draft_state(workshop, version) | {
        "versions": [version_row(v) for v in versions_of(workshop)],
        "points": linkable_points(workshop),
        "rounds": linkable_rounds(workshop),
    }
