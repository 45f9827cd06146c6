"""Persian/English text pipeline for PDFs: reshape, bidi levels, logical line breaks, visual lines.

Follows persian-pdf.md §2.3: ReportLab's own RTL support reverses numbers and word order,
so we break lines on the logical text and reorder each line ourselves (UAX #9 L1/L2/L4).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from arabic_reshaper import ENABLE_ALL_LIGATURES, ArabicReshaper, config_for_true_type_font
from fpdf.bidi import BidiParagraph
from fpdf.enums import TextDirection
from reportlab.pdfbase.pdfmetrics import stringWidth

from .fonts import REGULAR, font_path

try:  # python-bidi's legacy table; a small dict stands in if a release drops it
    from bidi.mirror import MIRRORED
except ImportError:  # pragma: no cover - depends on the python-bidi release
    _PAIRS = "()[]{}<>«»‹›"
    MIRRORED = {a: b for x, y in zip(_PAIRS[::2], _PAIRS[1::2], strict=True)
                for a, b in ((x, y), (y, x))}

FSI, PDI = "\u2068", "\u2069"
BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_STRIP = dict.fromkeys(map(ord, BIDI_CONTROLS))
_L1_RESET = {"WS", "BN", "FSI", "LRI", "RLI", "PDI", "S", "B"}
_SPACE = " "


@dataclass(frozen=True)
class ShapedText:
    """One hard-broken block: reshaped logical text plus one bidi level per character."""

    text: str
    levels: tuple[int, ...]
    para_level: int


def isolate(value: object) -> str:
    """Wrap an inserted value in FSI…PDI so it cannot pull neighbouring punctuation (§2.7)."""
    return f"{FSI}{value}{PDI}"


def strip_controls(text: str) -> str:
    """Remove bidi controls; Vazirmatn has no glyph for some of them."""
    return text.translate(_STRIP)


@lru_cache(maxsize=4)
def _reshaper(font_name: str) -> ArabicReshaper:
    """Font-aware reshaper that keeps harakat/ezafe and never emits the RIAL ligature."""
    cfg = config_for_true_type_font(str(font_path(font_name)), ENABLE_ALL_LIGATURES)
    cfg.update(delete_harakat=False, shift_harakat_position=False)
    cfg["RIAL SIGN"] = False
    return ArabicReshaper(configuration=cfg)


def reshape(text: str, font_name: str = REGULAR) -> str:
    """Contextual presentation forms (joining, lam-alef); ZWNJ stays in the string."""
    if not text:
        return text
    return _reshaper(font_name if font_name in _known_fonts() else REGULAR).reshape(text)


def _known_fonts() -> set[str]:
    """Fonts we ship TTFs for (the reshaper config needs the file)."""
    from .fonts import FONT_FILES

    return set(FONT_FILES)


def bidi_levels(text: str, rtl: bool) -> tuple[tuple[int, ...], int]:
    """UAX #9 embedding levels, one per character; kept BN chars take the previous level."""
    base = 1 if rtl else 0
    if not text:
        return (), base
    direction = TextDirection.RTL if rtl else TextDirection.LTR
    para = BidiParagraph(text, base_direction=direction, preserve_bn_chars=True)
    chars = para.get_characters()
    levels = [c.embedding_level for c in chars]
    for i, c in enumerate(chars):
        if c.original_bidi_class == "BN":
            levels[i] = levels[i - 1] if i else (levels[1] if len(levels) > 1 else base)
    return tuple(levels), para.base_embedding_level


def shape_block(text: str, rtl: bool, font_name: str = REGULAR) -> ShapedText:
    """Reshape once and resolve levels for a block without hard line breaks."""
    shaped = reshape(text.replace("\t", _SPACE), font_name)
    levels, para_level = bidi_levels(shaped, rtl)
    return ShapedText(shaped, levels, para_level)


def shape_paragraph(text: str, rtl: bool, font_name: str = REGULAR) -> list[ShapedText]:
    """Split at hard line breaks and shape every block."""
    blocks = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [shape_block(b, rtl, font_name) for b in blocks]


def visual_slice(block: ShapedText, start: int, end: int) -> str:
    """Visual (left-to-right drawing) order of one line: rules L1, L2, L4, then strip controls."""
    text, lv = block.text, list(block.levels[start:end])
    k = len(lv) - 1
    while k >= 0 and unicodedata.bidirectional(text[start + k]) in _L1_RESET:
        lv[k] = block.para_level
        k -= 1
    order = _reorder(lv)
    out = "".join(MIRRORED.get(text[start + i], text[start + i]) if lv[i] % 2
                  else text[start + i] for i in order)
    return strip_controls(out)


def _reorder(lv: list[int]) -> list[int]:
    """Rule L2: from the highest level down to the lowest odd one, reverse runs at ≥ level."""
    order = list(range(len(lv)))
    odd = [x for x in lv if x % 2]
    if not odd:
        return order
    for level in range(max(lv), min(odd) - 1, -1):
        i = 0
        while i < len(order):
            if lv[order[i]] < level:
                i += 1
                continue
            j = i
            while j < len(order) and lv[order[j]] >= level:
                j += 1
            order[i:j] = order[i:j][::-1]
            i = j
    return order


def visual(text: str, rtl: bool = True, font_name: str = REGULAR) -> str:
    """One-line helper for headers, footers, labels and bullets (no wrapping)."""
    block = shape_block(str(text).replace("\n", _SPACE), rtl, font_name)
    return visual_slice(block, 0, len(block.text))


def text_width(text: str, font_name: str, size: float) -> float:
    """Drawn width of a (shaped) string without the controls the font cannot draw."""
    return stringWidth(strip_controls(text), font_name, size)


def words(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Spans of maximal non-space runs (NBSP and ZWNJ never break)."""
    spans, i, n = [], start, len(text)
    while i < n:
        if text[i] == _SPACE:
            i += 1
            continue
        j = text.find(_SPACE, i)
        j = n if j < 0 else j
        spans.append((i, j))
        i = j
    return spans


def break_lines(block: ShapedText, font_name: str, size: float, width: float,
                start: int = 0, first_width: float | None = None) -> list[tuple[int, int]]:
    """Greedy line breaking on the logical text; returns [start, end) slices, one per line."""
    text = block.text
    spans = _cut_long_words(text, words(text, start), font_name, size, width)
    if not spans:
        return [(start, start)]
    lines: list[tuple[int, int]] = []
    avail = width if first_width is None else first_width
    line_start, line_end = spans[0]
    for a, b in spans[1:]:
        if text_width(text[line_start:b], font_name, size) <= avail + 0.01:
            line_end = b
            continue
        lines.append((line_start, line_end))
        avail, line_start, line_end = width, a, b
    lines.append((line_start, line_end))
    return lines


def _cut_long_words(text: str, spans: list[tuple[int, int]], font_name: str, size: float,
                    width: float) -> list[tuple[int, int]]:
    """Hard-cut tokens wider than a line (long URLs, codes) so they do not overflow."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        while b - a > 1 and text_width(text[a:b], font_name, size) > width:
            cut = a + 1
            while cut < b and text_width(text[a:cut + 1], font_name, size) <= width:
                cut += 1
            out.append((a, cut))
            a = cut
        out.append((a, b))
    return out
