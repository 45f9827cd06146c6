"""The join link and its QR code (SVG, drawn by segno)."""

from __future__ import annotations

import io

import segno
from flask import current_app, request, url_for


def join_url(workshop) -> str:
    """The absolute join link, carrying the workshop's language."""
    path = url_for("joining.join", code=workshop.join_code, lang=workshop.language)
    base = current_app.config.get("PUBLIC_BASE_URL") or request.host_url
    return base.rstrip("/") + path


def qr_svg(url: str) -> str:
    """An SVG QR code that scales to any size on the projector."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=10, border=2, xmldecl=False,
                                    svgns=True, dark="#111", light="#fff")
    return buffer.getvalue().decode()
