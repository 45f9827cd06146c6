"""Persian/English text pipeline for PDFs: reshape, bidi levels, logical line breaks, visual lines.

Follows persian-pdf.md §2.3: ReportLab's own RTL support reverses numbers and word order,
so we break lines on the logical text and reorder each line ourselves (UAX #9 L1/L2/L4).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from arabic_reshaper import ENABLE_ALL_LIGATURES, ArabicReshaper, config_for_true_type_font
from fpdf.bidi import BidiParagraph
from fpdf.enums import TextDirection

from .fonts import REGULAR, font_path, runs_width

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
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_PLAIN_RTL = frozenset({"R", "AL", "WS", "ON", "NSM", "BN"})
_PLAIN_LTR = frozenset({"L", "WS", "ON", "NSM", "BN"})
_DIGITS = "[0-9\u06f0-\u06f9]+"
_NUMBER_RTL = re.compile(f"{_DIGITS}(?:[,.:/\u066b\u066c]{_DIGITS})*[%\u066a]?")
_NUMBER_LTR = re.compile(f"{_DIGITS}(?:[,.:/]{_DIGITS})*%?")


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
    reshaper = ArabicReshaper(configuration=cfg)
    reshaper.configuration = _FrozenConfig(reshaper.configuration)
    return reshaper


class _FrozenConfig:
    """The reshaper's settings read once: configparser lookups cost more than reshaping."""

    def __init__(self, section) -> None:
        self._values = {key: section.get(key) for key in section}
        self._flags = {key: section.getboolean(key) for key in self._values
                       if str(self._values[key]).lower() in ("yes", "no", "true", "false",
                                                              "1", "0", "on", "off")}

    def get(self, key, fallback=None):
        return self._values.get(key.lower(), fallback)  # configparser folds keys to lower

    def getboolean(self, key, fallback=None):
        return self._flags.get(key.lower(), fallback)


def reshape(text: str, font_name: str = REGULAR) -> str:
    """Contextual presentation forms (joining, lam-alef); ZWNJ stays in the string."""
    if not text or not _ARABIC.search(text):  # nothing to join: numbers, Latin
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
    uniform = _uniform_level(text, rtl)
    if uniform is not None:
        return (uniform,) * len(text), base
    direction = TextDirection.RTL if rtl else TextDirection.LTR
    para = BidiParagraph(text, base_direction=direction, preserve_bn_chars=True)
    chars = para.get_characters()
    levels = [c.embedding_level for c in chars]
    for i, c in enumerate(chars):
        if c.original_bidi_class == "BN":
            levels[i] = levels[i - 1] if i else (levels[1] if len(levels) > 1 else base)
    return tuple(levels), para.base_embedding_level


def _uniform_level(text: str, rtl: bool) -> int | None:
    """The one level of a text that needs no UBA run (a shortcut, same result), else None.

    Text with no strong letters against the paragraph direction, no numbers and no controls
    sits at the paragraph level; a lone number (digits, separators, percent) sits at level 2
    in a right-to-left paragraph (W4/W5, I2) and 0 in a left-to-right one (W7).
    """
    if _NUMBER_RTL.fullmatch(text) if rtl else _NUMBER_LTR.fullmatch(text):
        return 2 if rtl else 0
    allowed = _PLAIN_RTL if rtl else _PLAIN_LTR
    if all(unicodedata.bidirectional(ch) in allowed for ch in text):
        return 1 if rtl else 0
    return None


@lru_cache(maxsize=16384)
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
    """Drawn width of a (shaped) string without the controls, emoji in the fallback font."""
    return runs_width(strip_controls(text), font_name, size)


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
    """Cut tokens wider than a line: after a ZWNJ, hyphen or slash if one fits, else between
    letters (never inside a letter's marks), so nothing overflows."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        while b - a > 1 and text_width(text[a:b], font_name, size) > width:
            fits = a + 1
            while fits < b and text_width(text[a:fits + 1], font_name, size) <= width:
                fits += 1
            cut = _soft_break(text, a, fits) or _letter_break(text, a, fits)
            out.append((a, cut))
            a = cut
        out.append((a, b))
    return out


SOFT_BREAKS = "\u200c-/\u2010\u2011"


def _soft_break(text: str, a: int, fits: int) -> int | None:
    """The last position after a ZWNJ, hyphen or slash within the part that fits."""
    for cut in range(fits, a + 1, -1):
        if text[cut - 1] in SOFT_BREAKS:
            return cut
    return None


def _letter_break(text: str, a: int, fits: int) -> int:
    """Cut between letters: step back over combining marks so they stay with their base."""
    cut = fits
    while cut > a + 1 and unicodedata.category(text[cut])[0] == "M":
        cut -= 1
    return cut
