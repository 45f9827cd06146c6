"""The programme dossier as a PDF pool job (builder `dossier`): collect and lay out in a worker.

The dossier reads a whole programme's register, support and stances, then lays out hundreds of
pages: seconds of work that must not run on the server's event loop. The pool worker has its
own database access (workshop/pdfkit/worker_app.py), so the server sends only the programme and
the language; the worker is niced, and the pool bounds how many PDFs build at once.
"""

from __future__ import annotations

from flask import current_app


def build_dossier(program_id: int, lang: str) -> bytes:
    """The dossier PDF, with labels in `lang` (runs in the worker's app context)."""
    from workshop.register import dossier
    from workshop.register.access import get_program

    lang = "fa" if lang == "fa" else "en"
    with current_app.test_request_context(f"/?lang={lang}"):
        return dossier.build(get_program(program_id), lang)
