"""Run minutes PDF builds off the event loop, so live votes stay fast while minutes are laid out.

Under gevent (run.py) builds go to the app's pool of niced worker processes
(workshop/pdfkit/pool.py): bounded concurrency, lower priority. A draft preview is collected
in the worker too (builder `minutes_preview`): the server sends the ids, the worker reads the
database, hashes and lays out. A final version's PDF is built from the archive the server froze
(builder `minutes`; the same inputs are built once). Tests and scripts without gevent build
inline, with the same functions.
"""

from __future__ import annotations

from flask import current_app, has_app_context

from workshop.pdfkit.pool import BuildPool, pool_for

from .pdf import build_minutes_pdf
from .preview_job import build_preview


def _under_gevent() -> bool:
    try:
        from gevent import monkey
    except ImportError:  # pragma: no cover - gevent is a dependency
        return False
    return monkey.is_module_patched("subprocess")


def build_in_pool(data: dict, lang: str, labels: dict[str, str],
                  content_sha256: str | None = None, pool: BuildPool | None = None,
                  key: str | None = None) -> bytes:
    """Build in a worker process (same code, same bytes)."""
    pool = pool or pool_for(current_app._get_current_object())
    return pool.build("minutes", data, lang, labels, content_sha256, key=key)


def build_off_loop(data: dict, lang: str, labels: dict[str, str],
                   content_sha256: str | None = None) -> bytes:
    """Build the minutes PDF from an archive in the worker pool under gevent, inline otherwise."""
    if _under_gevent() and has_app_context():
        return build_in_pool(data, lang, labels, content_sha256)
    return build_minutes_pdf(data, lang, labels, content_sha256)


def preview_off_loop(workshop_id: int, version_id: int, lang: str,
                     known: str | None = None) -> tuple[dict, bytes]:
    """The draft's preview, collected and built in a pool worker under gevent, inline otherwise.

    `known`: the digest of the ready preview; if the draft still hashes to it, no PDF is built.
    """
    if _under_gevent():
        built = pool_for(current_app._get_current_object()).run(
            "minutes_preview", workshop_id, version_id, lang, known)
        return built.meta, built.body
    return build_preview(workshop_id, version_id, lang, known)
