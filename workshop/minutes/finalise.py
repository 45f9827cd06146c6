"""Making minutes final, issuing corrections, and producing their PDFs and archives.

Final means final: the archive is frozen into the version, the PDF is built from it
deterministically and stored with its SHA-256; the database then refuses any change to that
version (migration 0004), and a correction is a new version with a reason.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from workshop import audit
from workshop.actors import Actor
from workshop.errors import InvalidState
from workshop.extensions import db
from workshop.models import utcnow
from workshop.models.minutes import (
    AttendanceCorrection,
    MinutesAction,
    MinutesDecision,
    MinutesNote,
    MinutesVersion,
)
from workshop.realtime.publish import publish, publish_unversioned
from workshop.realtime.rooms import staff_room
from workshop.text.normalize import validate_int, validate_text
from workshop.transaction import commit, rollback
from workshop.workshops.services import get_workshop

from .archive import collect, content_hash
from .builds import build_off_loop
from .concurrency import MAX_REVISION, conflict
from .pdf import minutes_labels
from .versions import latest_version, require_editor

REASON_MAX = 2_000


def _draft_at(workshop, revision) -> MinutesVersion:
    version = latest_version(workshop)
    if version is None or version.is_final:
        raise InvalidState("finalised")
    if version.revision != revision:
        raise conflict("minutes", version.number, "", "", version.revision)
    return version


def finalise(actor: Actor, workshop_id, revision) -> dict:
    """Freeze the draft the secretary last saw (`revision`), build and store its PDF."""
    workshop = get_workshop(workshop_id)
    require_editor(actor, workshop)
    revision = validate_int(revision, field="revision", min_value=1, max_value=MAX_REVISION,
                            strict=True)
    version = _draft_at(workshop, revision)
    final = {"at": utcnow().isoformat(), "by": actor.user.name, "lang": workshop.language}
    data = collect(workshop, version, final)
    version_id, lang = version.id, workshop.language
    rollback()  # end the read transaction before the long build; the update re-checks
    digest = content_hash(data)
    pdf = build_off_loop(data, lang, minutes_labels(lang), digest)
    values = {"status": "final", "snapshot": data, "content_sha256": digest, "pdf": pdf,
              "sha256": hashlib.sha256(pdf).hexdigest(), "lang": lang,
              "finalised_at": datetime.fromisoformat(final["at"]),
              "finalised_by_id": actor.user.id}
    _store_final(version_id, revision, values)
    workshop = get_workshop(workshop_id)
    audit.record(actor, workshop, "minutes.finalise", target=f"v{data['minutes']['number']}",
                 sha256=values["sha256"], content_sha256=digest)
    result = {"number": data["minutes"]["number"], "sha256": values["sha256"],
              "content_sha256": digest}
    publish(workshop, "minutes_finalised", result)
    return commit(result)


def _store_final(version_id: int, revision: int, values: dict) -> None:
    """Flip draft to final only if nobody edited it meanwhile (compare-and-set)."""
    stmt = (sa.update(MinutesVersion)
            .where(MinutesVersion.id == version_id, MinutesVersion.revision == revision,
                   MinutesVersion.status == "draft")
            .values(**values).execution_options(synchronize_session=False))
    if db.session.execute(stmt).rowcount:
        return
    current = db.session.get(MinutesVersion, version_id, populate_existing=True)
    rollback()
    if current.is_final:
        raise InvalidState("finalised")
    raise conflict("minutes", current.number, "", "", current.revision)


def start_correction(actor: Actor, workshop_id, reason) -> dict:
    """Open a new draft version that copies the last final one; the reason goes on record."""
    workshop = get_workshop(workshop_id)
    require_editor(actor, workshop)
    reason = validate_text(reason, field="reason", max_len=REASON_MAX, multiline=True)
    final = latest_version(workshop)
    if final is None or not final.is_final:
        raise InvalidState("invalid_stage")
    draft = MinutesVersion(workshop_id=workshop.id, number=final.number + 1, reason=reason,
                           lang=workshop.language, summary=final.summary,
                           created_by_id=actor.user.id)
    db.session.add(draft)
    try:
        db.session.flush()
    except IntegrityError:
        rollback()
        raise conflict("minutes", final.number + 1, reason, "", 0) from None
    _copy_children(final, draft)
    audit.record(actor, workshop, "minutes.correct", target=f"v{draft.number}", reason=reason)
    publish_unversioned("minutes_changed", staff_room(workshop.id),
                        {"kind": "version", "number": draft.number, "by": actor.user.name})
    return commit({"number": draft.number})


def _copy_children(source: MinutesVersion, target: MinutesVersion) -> None:
    """The correction starts from exactly what the final version said."""
    for n in source.notes:
        db.session.add(MinutesNote(version_id=target.id, stage=n.stage, text=n.text))
    for d in source.decisions:
        db.session.add(MinutesDecision(version_id=target.id, position=d.position, text=d.text,
                                       point_ids=list(d.point_ids or []), round_id=d.round_id))
    for a in source.actions:
        db.session.add(MinutesAction(version_id=target.id, position=a.position, what=a.what,
                                     owner=a.owner, due_date=a.due_date, status=a.status))
    for c in source.corrections:
        db.session.add(AttendanceCorrection(
            version_id=target.id, participant_id=c.participant_id, display_name=c.display_name,
            discipline_id=c.discipline_id, organisation=c.organisation, status=c.status,
            note=c.note))
