"""Draft previews built in the background: the workspace asks, follows progress, downloads.

A preview is keyed by the SHA-256 of the archive it shows (cached by content): asking again for
unchanged minutes answers "ready" at once. While one is building for a workshop and language,
further requests join it instead of queueing more builds (debounced). The build itself runs in
the PDF worker pool (builds.py), so the page, and every phone in the room, stay responsive.
State is kept per server process; a page whose poll reaches a process that does not know its
preview simply asks again.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass

from flask import current_app

from workshop.actors import Actor
from workshop.errors import NotFound
from workshop.extensions import socketio
from workshop.lru import BoundedCache
from workshop.workshops.services import get_workshop

from .archive import collect, content_hash, cooperate
from .builds import build_off_loop
from .exports import Download, _lang
from .pdf import minutes_labels
from .versions import ensure_draft, require_editor

log = logging.getLogger(__name__)
_LOCK = threading.Lock()


@dataclass
class Preview:
    """One preview build: `building`, then `ready` (with its bytes) or `failed`."""

    workshop_id: int
    lang: str
    digest: str
    state: str = "building"
    body: bytes | None = None

    def public(self) -> dict:
        return {"state": self.state, "lang": self.lang, "digest": self.digest}


def _previews() -> BoundedCache:
    """This app's previews by (workshop, language); a few recent ones are kept."""
    with _LOCK:
        return current_app.extensions.setdefault("minutes_previews", BoundedCache(16))


def start_preview(actor: Actor, workshop_id, lang=None) -> dict:
    """Build a preview of the draft as it is now, unless that one is ready or building."""
    workshop = get_workshop(workshop_id)
    require_editor(actor, workshop)
    version = ensure_draft(actor, workshop)
    lang = _lang(lang, version.lang)
    previews, key = _previews(), (workshop.id, lang)
    current = previews.get(key)
    if current is not None and current.state == "building":
        return current.public()
    data = collect(workshop, version)
    cooperate()  # the hash below is one long encode: let waiting votes in first
    digest = content_hash(data)
    cooperate()
    if current is not None and current.state == "ready" and current.digest == digest:
        return current.public()
    preview = Preview(workshop.id, lang, digest)
    previews.put(key, preview)
    socketio.start_background_task(_build, current_app._get_current_object(), preview, data)
    return preview.public()


def _build(app, preview: Preview, data: dict) -> None:
    with app.app_context():
        try:
            preview.body = build_off_loop(data, preview.lang, minutes_labels(preview.lang),
                                          key=f"preview:{preview.digest}:{preview.lang}")
            preview.state = "ready"
        except Exception:
            log.exception("minutes preview failed (workshop %s)", preview.workshop_id)
            preview.state = "failed"


def preview_status(actor: Actor, workshop_id, lang=None) -> dict:
    """Where this workshop's preview in `lang` stands (`none` if this process has none)."""
    workshop = get_workshop(workshop_id)
    require_editor(actor, workshop)
    lang = _lang(lang, workshop.language)
    preview = _previews().get((workshop.id, lang))
    return preview.public() if preview is not None else {"state": "none", "lang": lang}


def preview_download(actor: Actor, workshop_id, digest: str, lang=None) -> Download:
    """The bytes of a ready preview, named by the content it shows."""
    workshop = get_workshop(workshop_id)
    require_editor(actor, workshop)
    lang = _lang(lang, workshop.language)
    preview = _previews().get((workshop.id, lang))
    if preview is None or preview.state != "ready" or preview.digest != digest:
        raise NotFound()
    name = f"minutes-{workshop.id}-preview-{lang}.pdf"
    return Download(preview.body, name, hashlib.sha256(preview.body).hexdigest(), False)
