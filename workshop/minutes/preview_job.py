"""A draft preview built where it is collected: read the workshop, hash it, lay it out.

Under gevent this runs in a PDF pool worker (builder `minutes_preview`), so the server's event
loop never reads the whole workshop, never encodes it for the hash and never pipes it to a
worker; it only sends the ids and gets back the digest and the PDF. Tests and scripts run the
same function in process (builds.build_preview), so both give the same bytes.
"""

from __future__ import annotations

from workshop.extensions import db
from workshop.lru import BoundedCache
from workshop.models import Workshop
from workshop.models.minutes import MinutesVersion

from .archive import collect, content_hash
from .pdf import build_minutes_pdf, minutes_labels

# Recent previews of this process by (content digest, language): going back to an earlier
# text, or asking from another server process, costs a collection, not a layout.
_BUILT = BoundedCache(4)


def build_preview(workshop_id: int, version_id: int, lang: str,
                  known: str | None = None) -> tuple[dict, bytes]:
    """({"digest", "unchanged"}, PDF) of the draft as stored now; no PDF if `known` still holds."""
    workshop = db.session.get(Workshop, workshop_id)
    version = db.session.get(MinutesVersion, version_id)
    if workshop is None or version is None or version.workshop_id != workshop.id:
        raise LookupError(f"no minutes version {version_id} of workshop {workshop_id}")
    data = collect(workshop, version)
    db.session.rollback()  # end the read before the layout (SQLite WAL, PostgreSQL snapshots)
    digest = content_hash(data)
    if digest == known:
        return {"digest": digest, "unchanged": True}, b""
    pdf = _BUILT.get((digest, lang))
    if pdf is None:
        pdf = build_minutes_pdf(data, lang, minutes_labels(lang))
        _BUILT.put((digest, lang), pdf)
    return {"digest": digest, "unchanged": False}, pdf
