"""Run PDF builds off the event loop, so live votes stay fast while minutes are laid out.

Under gevent (run.py) a build is a few seconds of CPU work. On the hub it would stall every
socket, and even in a worker thread it would hold the GIL the hub needs for each vote. So
the server builds in a child process (gevent's cooperative subprocess: the hub keeps
serving while it waits). The build is pure (archive in, bytes out), so the child needs no
app context and no database. Tests and scripts without gevent build inline.
"""

from __future__ import annotations

import json
import subprocess
import sys

from workshop import ROOT_DIR

from .pdf import build_minutes_pdf

BUILD_TIMEOUT = 120


def _under_gevent() -> bool:
    try:
        from gevent import monkey
    except ImportError:  # pragma: no cover - gevent is a dependency
        return False
    return monkey.is_module_patched("subprocess")


def build_in_child(data: dict, lang: str, labels: dict[str, str],
                   content_sha256: str | None = None) -> bytes:
    """Build in a separate Python process (same code, same bytes)."""
    job = json.dumps({"data": data, "lang": lang, "labels": labels,
                      "content_sha256": content_sha256}, ensure_ascii=False).encode("utf-8")
    done = subprocess.run([sys.executable, "-m", "workshop.minutes.pdf.worker"], input=job,
                          capture_output=True, check=True, timeout=BUILD_TIMEOUT,
                          cwd=str(ROOT_DIR))
    return done.stdout


def build_off_loop(data: dict, lang: str, labels: dict[str, str],
                   content_sha256: str | None = None) -> bytes:
    """Build the minutes PDF in a child process under gevent, inline otherwise."""
    if _under_gevent():
        return build_in_child(data, lang, labels, content_sha256)
    return build_minutes_pdf(data, lang, labels, content_sha256)
