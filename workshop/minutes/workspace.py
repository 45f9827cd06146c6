"""The secretary's workspace: every autosaved change goes through `edit`, with a version check."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from workshop import audit
from workshop.actors import Actor
from workshop.errors import BadInput, InvalidState, WorkshopError
from workshop.extensions import db
from workshop.models import STAGES, Workshop
from workshop.models.minutes import MinutesNote, MinutesVersion
from workshop.realtime.publish import publish_unversioned
from workshop.realtime.rooms import staff_room
from workshop.text.normalize import validate_text
from workshop.transaction import commit
from workshop.workshops.services import get_workshop

from .concurrency import base_revision, compare_and_set, conflict
from .versions import ensure_draft, lock_draft, require_editor

SUMMARY_MAX = 20_000
NOTE_MAX = 10_000

Editor = Callable[[Workshop, MinutesVersion, dict], dict]
EDITORS: dict[str, Editor] = {}


def editor(kind: str):
    """Register the function that applies one kind of change (summary, note, decision...)."""

    def register(fn: Editor) -> Editor:
        EDITORS[kind] = fn
        return fn

    return register


def edit(actor: Actor, workshop_id, change) -> dict:
    """Apply one autosaved change if its base revision is current; staff hear about it."""
    workshop = get_workshop(workshop_id)
    require_editor(actor, workshop)
    if not isinstance(change, dict) or change.get("kind") not in EDITORS:
        raise BadInput(field="kind")
    version = ensure_draft(actor, workshop)
    if version.is_final:
        raise InvalidState("finalised")
    doc_revision = lock_draft(version)
    try:
        unit = EDITORS[change["kind"]](workshop, version, change)
    except IntegrityError:  # two writers created the same row at once: the slower one lost
        db.session.rollback()
        raise conflict(change["kind"], None, str(change.get("text", "")), "", 0) from None
    except WorkshopError:
        db.session.rollback()  # nothing of a refused change stays (the page re-reads the state)
        raise
    result = {"kind": change["kind"], "unit": unit, "doc_revision": doc_revision,
              "number": version.number}
    audit.record(actor, workshop, f"minutes.{change['kind']}", target=f"v{version.number}",
                 unit=unit.get("id"), deleted=bool(unit.get("deleted")))
    publish_unversioned("minutes_changed", staff_room(workshop.id),
                        result | {"by": actor.user.name if actor.user else ""})
    return commit(result)


@editor("summary")
def edit_summary(workshop: Workshop, version: MinutesVersion, change: dict) -> dict:
    """The secretary's summary of the whole workshop."""
    text = validate_text(change.get("text", ""), field="summary", max_len=SUMMARY_MAX,
                         required=False, multiline=True)
    rev = compare_and_set(MinutesVersion, version.id, base_revision(change), {"summary": text},
                          kind="summary", mine=text, theirs=lambda v: v.summary,
                          column="summary_rev")
    return {"id": None, "text": text, "revision": rev}


@editor("note")
def edit_note(workshop: Workshop, version: MinutesVersion, change: dict) -> dict:
    """Notes for one stage; the first save of a stage creates its row."""
    stage = change.get("stage")
    if stage not in STAGES:
        raise BadInput("invalid_value", field="stage")
    text = validate_text(change.get("text", ""), field="note", max_len=NOTE_MAX,
                         required=False, multiline=True)
    base = base_revision(change)
    note = db.session.scalar(sa.select(MinutesNote).where(
        MinutesNote.version_id == version.id, MinutesNote.stage == stage))
    if note is None:
        if base != 0:
            raise conflict("note", stage, text, "", 0)
        db.session.add(MinutesNote(version_id=version.id, stage=stage, text=text, revision=1))
        db.session.flush()
        return {"id": stage, "stage": stage, "text": text, "revision": 1}
    rev = compare_and_set(MinutesNote, note.id, base, {"text": text}, kind="note", mine=text,
                          theirs=lambda n: n.text)
    return {"id": stage, "stage": stage, "text": text, "revision": rev}


def note_units(version: MinutesVersion) -> dict[str, dict]:
    """Every stage's notes, keyed by stage, for the workspace page."""
    return {n.stage: {"id": n.stage, "stage": n.stage, "text": n.text, "revision": n.revision}
            for n in version.notes}
