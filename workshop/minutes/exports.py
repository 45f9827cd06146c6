"""Downloads: a version's PDF (stored bytes for final ones) and the JSON archive."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from workshop.actors import Actor
from workshop.errors import BadInput
from workshop.i18n import LANGUAGES
from workshop.workshops.services import get_workshop

from .archive import collect
from .builds import build_off_loop, preview_off_loop
from .pdf import minutes_labels
from .versions import ensure_draft, require_editor, require_reader, version_number


@dataclass(frozen=True)
class Download:
    """Bytes to send, a server-made file name (never user text) and their SHA-256."""

    body: bytes
    filename: str
    sha256: str
    final: bool


def _lang(value, default: str) -> str:
    if value in (None, ""):
        return default
    if value not in LANGUAGES:
        raise BadInput("invalid_value", field="lang")
    return value


def version_pdf(actor: Actor, workshop_id, number, lang=None) -> Download:
    """A final version's stored PDF (or its other-language rendering); a draft's preview."""
    workshop = get_workshop(workshop_id)
    version = version_number(workshop, number)
    require_reader(actor, workshop, version)
    lang = _lang(lang, version.lang)
    name = f"minutes-{workshop.id}-v{version.number}-{lang}.pdf"
    if version.is_final and lang == version.lang:
        return Download(version.pdf, name, version.sha256, True)
    if version.is_final:
        body = build_off_loop(version.snapshot, lang, minutes_labels(lang),
                              version.content_sha256)
    else:  # collected and laid out in a pool worker under gevent
        body = preview_off_loop(workshop.id, version.id, lang)[1]
    return Download(body, name, hashlib.sha256(body).hexdigest(), version.is_final)


def draft_preview(actor: Actor, workshop_id, lang=None) -> Download:
    """The PDF of the version being written, as it would look now."""
    workshop = get_workshop(workshop_id)
    require_editor(actor, workshop)
    version = ensure_draft(actor, workshop)
    return version_pdf(actor, workshop_id, version.number, lang)


def version_archive(actor: Actor, workshop_id, number) -> dict:
    """The JSON archive: frozen for a final version, live for a draft (staff only)."""
    workshop = get_workshop(workshop_id)
    require_editor(actor, workshop)
    version = version_number(workshop, number)
    if version.is_final:
        return {"archive": version.snapshot, "content_sha256": version.content_sha256,
                "pdf_sha256": version.sha256}
    return {"archive": collect(workshop, version), "content_sha256": None, "pdf_sha256": None}
