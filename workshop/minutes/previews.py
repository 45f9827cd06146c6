"""Draft previews built in the background: the workspace asks, follows progress, downloads.

Asking only checks permission, makes sure a draft exists and starts (or joins) a job; the job
reads the draft, hashes it and lays it out in a PDF pool worker (builds.preview_off_loop), so the
event loop that answers every phone does none of that work. A preview is keyed by the SHA-256 of
the archive it shows (cached by content): the job is told the digest of the ready preview, and
if the draft still hashes to it the answer is "ready" with the same PDF and nothing is built.
While one job runs for a workshop and language, further requests join it (debounced), and the
ready preview stays downloadable until a new one replaces it. State is kept per server process;
a page whose poll reaches a process that does not know its preview simply asks again.
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

from .builds import preview_off_loop
from .exports import Download, _lang
from .versions import ensure_draft, require_editor

log = logging.getLogger(__name__)
_LOCK = threading.Lock()


@dataclass
class Preview:
    """One preview job: `building`, then `ready` (digest and bytes) or `failed`."""

    workshop_id: int
    lang: str
    digest: str | None = None
    state: str = "building"
    body: bytes | None = None
    shown: Preview | None = None  # the ready preview this job may confirm or replace

    def public(self) -> dict:
        return {"state": self.state, "lang": self.lang, "digest": self.digest}


def _previews() -> BoundedCache:
    """This app's previews by (workshop, language); a few recent ones are kept."""
    with _LOCK:
        return current_app.extensions.setdefault("minutes_previews", BoundedCache(16))


def start_preview(actor: Actor, workshop_id, lang=None) -> dict:
    """Check the draft as it is now against the ready preview; build it if it changed."""
    workshop = get_workshop(workshop_id)
    require_editor(actor, workshop)
    version = ensure_draft(actor, workshop)
    lang = _lang(lang, version.lang)
    previews, key = _previews(), (workshop.id, lang)
    with _LOCK:
        current = previews.get(key)
        if current is not None and current.state == "building":
            return current.public()
        shown = current if current is not None and current.state == "ready" else None
        if shown is not None:
            shown.shown = None  # its own job is done: keep one PDF back, not a chain
        preview = Preview(workshop.id, lang, shown=shown)
        previews.put(key, preview)
    socketio.start_background_task(_build, current_app._get_current_object(), preview,
                                   version.id)
    return preview.public()


def _build(app, preview: Preview, version_id: int) -> None:
    """The job: digest and PDF from the worker; the shown PDF again if nothing changed."""
    shown = preview.shown
    with app.app_context():
        try:
            meta, body = preview_off_loop(preview.workshop_id, version_id, preview.lang,
                                          shown.digest if shown else None)
            preview.body = shown.body if meta["unchanged"] else body
            preview.digest, preview.state = meta["digest"], "ready"
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
    ready = preview.shown if preview is not None and preview.state == "building" else preview
    if ready is None or ready.state != "ready" or ready.digest != digest:
        raise NotFound()
    name = f"minutes-{workshop.id}-preview-{lang}.pdf"
    return Download(ready.body, name, hashlib.sha256(ready.body).hexdigest(), False)
