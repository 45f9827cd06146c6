"""Vazirmatn font registration for ReportLab (one font serves Persian and Latin)."""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR = "Vazirmatn"
BOLD = "Vazirmatn-Bold"
FONT_FILES = {
    REGULAR: FONT_DIR / "Vazirmatn-Regular.ttf",
    BOLD: FONT_DIR / "Vazirmatn-Bold.ttf",
}

_lock = threading.Lock()
_done = False


def font_path(name: str = REGULAR) -> Path:
    """Path of a bundled TTF, needed by the font-aware reshaper config."""
    return FONT_FILES[name]


def register_fonts() -> tuple[str, str]:
    """Register plain (never shapable) TTFonts once; ReportLab's own shaping breaks RTL."""
    global _done
    with _lock:
        if not _done:
            registered = set(pdfmetrics.getRegisteredFontNames())
            for name, path in FONT_FILES.items():
                if name not in registered:
                    pdfmetrics.registerFont(TTFont(name, str(path)))
            pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD,
                                          italic=REGULAR, boldItalic=BOLD)
            _done = True
    return REGULAR, BOLD
