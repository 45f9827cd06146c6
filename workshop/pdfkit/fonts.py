"""Vazirmatn for Persian and Latin, Symbola as the monochrome fallback for emoji and symbols.

Vazirmatn has no emoji. Characters it lacks are drawn with the fallback font (Debian's
fonts-symbola; `HAMANDISHI_FALLBACK_FONT` may name another TTF); a character no font has is
drawn as a visible replacement mark, never dropped.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont as ToolsFont
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR = "Vazirmatn"
BOLD = "Vazirmatn-Bold"
FALLBACK = "Symbola"
FONT_FILES = {
    REGULAR: FONT_DIR / "Vazirmatn-Regular.ttf",
    BOLD: FONT_DIR / "Vazirmatn-Bold.ttf",
}
FALLBACK_PATHS = (
    "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",  # Debian fonts-symbola
    "/usr/share/fonts/truetype/symbola/Symbola.ttf",
    "/usr/share/fonts/TTF/Symbola.ttf",
)
REPLACEMENT = "\ufffd"  # drawn (from Symbola) where no font has the character
# Joiners and variation selectors only steer colour emoji: nothing to draw in monochrome.
INVISIBLE = frozenset("\u200d\ufe0e\ufe0f")

_lock = threading.Lock()
_done = False


def font_path(name: str = REGULAR) -> Path:
    """Path of a bundled TTF, needed by the font-aware reshaper config."""
    return FONT_FILES[name]


def fallback_path() -> Path | None:
    """The fallback font file: the configured one, else the first packaged one found."""
    configured = os.environ.get("HAMANDISHI_FALLBACK_FONT")
    for candidate in ((configured,) if configured else ()) + FALLBACK_PATHS:
        if Path(candidate).is_file():
            return Path(candidate)
    return None


@lru_cache(maxsize=8)
def covered(name: str) -> frozenset[int]:
    """Code points a registered font draws (from its cmap)."""
    path = fallback_path() if name == FALLBACK else FONT_FILES[name]
    if path is None:
        return frozenset()
    font = ToolsFont(str(path), lazy=True, fontNumber=0)
    try:
        return frozenset(font.getBestCmap())
    finally:
        font.close()


_reportlab_cmap = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname, subset):
    """ReportLab's ToUnicode map with emoji (beyond U+FFFF) as UTF-16 surrogate pairs.

    ReportLab writes `<%04X>` for every code point, so 🌳 (U+1F333) came out as five hex
    digits and copy/paste and search read it as U+1F33 ἳ; PDF wants UTF-16BE there.
    """
    text = _reportlab_cmap(fontname, subset)
    for cp in subset:
        if cp > 0xFFFF:
            pair = chr(cp).encode("utf-16-be").hex().upper()
            text = text.replace(f" <{cp:04X}>\n", f" <{pair}>\n")
    return text


def register_fonts() -> tuple[str, str]:
    """Register plain (never shapable) TTFonts once; ReportLab's own shaping breaks RTL."""
    global _done
    with _lock:
        if not _done:
            ttfonts.makeToUnicodeCMap = _to_unicode_cmap
            registered = set(pdfmetrics.getRegisteredFontNames())
            for name, path in FONT_FILES.items():
                if name not in registered:
                    pdfmetrics.registerFont(TTFont(name, str(path)))
            extra = fallback_path()
            if extra is not None and FALLBACK not in registered:
                pdfmetrics.registerFont(TTFont(FALLBACK, str(extra)))
            pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD,
                                          italic=REGULAR, boldItalic=BOLD)
            _done = True
    return REGULAR, BOLD


@lru_cache(maxsize=32768)
def font_runs(text: str, font: str) -> tuple[tuple[str, str], ...]:
    """Split a (visual) string into (font, text) runs: the main font where it has the glyph,
    else the fallback; joiners/selectors dropped; a glyph no font has becomes REPLACEMENT."""
    main = covered(font if font in FONT_FILES else REGULAR)
    if main.issuperset(map(ord, text)):
        return ((font, text),) if text else ()
    extra = covered(FALLBACK)
    runs: list[list[str]] = []
    for ch in text:
        if ch in INVISIBLE:
            continue
        if ord(ch) in main:
            name = font
        elif ord(ch) in extra:
            name = FALLBACK
        else:
            name, ch = (FALLBACK, REPLACEMENT) if ord(REPLACEMENT) in extra else (font, "?")
        if runs and runs[-1][0] == name:
            runs[-1][1] += ch
        else:
            runs.append([name, ch])
    return tuple((name, chars) for name, chars in runs)


def runs_width(text: str, font: str, size: float) -> float:
    """Drawn width of a string with the fallback font where it is used."""
    return sum(pdfmetrics.stringWidth(chars, name, size) for name, chars in font_runs(text, font))


def draw_runs(canv, x: float, y: float, text: str, font: str, size: float,
              anchor: str = "start") -> None:
    """Draw a visual string from x (anchor start), to x (end) or around x (middle)."""
    runs = font_runs(text, font)
    width = sum(pdfmetrics.stringWidth(chars, name, size) for name, chars in runs)
    x -= width if anchor == "end" else width / 2 if anchor == "middle" else 0
    for name, chars in runs:
        canv.setFont(name, size)
        canv.drawString(x, y, chars)
        x += pdfmetrics.stringWidth(chars, name, size)
    canv.setFont(font, size)
