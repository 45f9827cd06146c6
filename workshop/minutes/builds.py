"""Run minutes PDF builds off the event loop, so live votes stay fast while minutes are laid out.

Under gevent (run.py) builds go to the app's pool of niced worker processes
(workshop/pdfkit/pool.py): bounded concurrency, lower priority, and the same inputs built once
(the pool keeps recent PDFs by the hash of their inputs). The build is pure (archive in, bytes
out), so a worker needs no app context and no database. Tests and scripts without gevent build
inline.
"""

from __future__ import annotations

from flask import current_app, has_app_context

from workshop.pdfkit.pool import BuildPool, pool_for

from .pdf import build_minutes_pdf


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
                   content_sha256: str | None = None, key: str | None = None) -> bytes:
    """Build the minutes PDF in the worker pool under gevent, inline otherwise.

    `key`: the caller's hash of `data` with the language (see BuildPool.build).
    """
    if _under_gevent() and has_app_context():
        return build_in_pool(data, lang, labels, content_sha256, key=key)
    return build_minutes_pdf(data, lang, labels, content_sha256)
