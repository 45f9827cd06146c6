"""Run PDF builds off the event loop, so live votes stay fast while minutes are laid out.

Under gevent (run.py) a build is CPU work of up to a few seconds; on the hub it would stall
every socket. It runs in gevent's native thread pool instead; the build is pure (archive in,
bytes out), so the worker thread needs no app context and touches no database.
"""

from __future__ import annotations

from workshop.pdfkit import register_fonts

from .pdf import build_minutes_pdf


def _gevent_pool():
    """gevent's thread pool when the process is monkey-patched, else None."""
    try:
        from gevent import get_hub, monkey
    except ImportError:  # pragma: no cover - gevent is a dependency
        return None
    return get_hub().threadpool if monkey.is_module_patched("socket") else None


def build_off_loop(data: dict, lang: str, labels: dict[str, str],
                   content_sha256: str | None = None) -> bytes:
    """Build the minutes PDF in a worker thread under gevent, inline otherwise."""
    register_fonts()  # once, on the calling greenlet: the worker then only reads
    pool = _gevent_pool()
    if pool is None:
        return build_minutes_pdf(data, lang, labels, content_sha256)
    return pool.apply(build_minutes_pdf, (data, lang, labels, content_sha256))
