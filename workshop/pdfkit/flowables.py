"""RTLParagraph: a platypus Flowable that draws plain Persian/English text in correct visual order.

User text is never parsed as markup (unlike platypus.Paragraph), so `<b>` or `<a href=…>`
in a proposal is drawn literally and cannot create links or load images.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import floor

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from .bidi_line import (
    break_lines,
    shape_paragraph,
    text_width,
    visual,
    visual_slice,
    words,
)
from .fonts import BOLD, REGULAR, draw_runs, register_fonts

MUTED = HexColor("#5f6b7a")
ALIGNS = ("start", "end", "center", "justify")
_SHARED = ("text", "style", "direction", "align", "_blocks", "keepWithNext")


def make_styles(base_size: float = 11) -> dict[str, ParagraphStyle]:
    """Body, heading, subheading, small (muted) and table styles, with leading room for marks."""
    register_fonts()

    def style(name: str, font: str, size: float, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.75, **kw)

    return {
        "body": style("pk-body", REGULAR, base_size, spaceAfter=base_size * 0.4),
        "heading": style("pk-heading", BOLD, base_size * 1.45, spaceBefore=base_size * 0.6,
                         spaceAfter=base_size * 0.3, keepWithNext=1),
        "subheading": style("pk-subheading", BOLD, base_size * 1.15, spaceBefore=base_size * 0.4,
                            keepWithNext=1),
        "small": style("pk-small", REGULAR, base_size * 0.8, textColor=MUTED),
        "table": style("pk-table", REGULAR, base_size * 0.9),
        "table_header": style("pk-table-header", BOLD, base_size * 0.9),
    }


@dataclass(frozen=True)
class _Line:
    """A laid-out line: which block, which logical slice, and whether it ends its block."""

    block: int
    start: int
    end: int
    last: bool


class RTLParagraph(Flowable):
    """Plain-text paragraph with bidi, wrapping, page splitting and start-side alignment."""

    def __init__(self, text: object, style: ParagraphStyle, direction: str = "rtl",
                 align: str = "start", bullet: str | None = None) -> None:
        super().__init__()
        if direction not in ("rtl", "ltr"):
            raise ValueError(f"direction must be 'rtl' or 'ltr', not {direction!r}")
        register_fonts()
        self.text, self.style, self.direction = str(text), style, direction
        self.align = _resolve_align(align, style)
        self.bullet = bullet
        self._blocks = shape_paragraph(self.text, self.rtl, style.fontName)
        self._start, self._limit, self._first = (0, 0), None, True
        self._cache: tuple[float, list[_Line]] | None = None
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter
        self.keepWithNext = getattr(style, "keepWithNext", 0)

    @property
    def rtl(self) -> bool:
        """True when the base direction is right-to-left."""
        return self.direction == "rtl"

    def __repr__(self) -> str:
        return f"RTLParagraph({self.text[:40]!r}, direction={self.direction!r})"

    # -- layout -----------------------------------------------------------
    def _text_width(self, avail: float) -> float:
        """Width left for text after the style's indents."""
        return max(avail - self.style.leftIndent - self.style.rightIndent, 1.0)

    def _lines(self, avail: float) -> list[_Line]:
        """Lines for this width (cached), starting at this fragment's start position."""
        if self._cache and self._cache[0] == avail:
            return self._cache[1]
        width, out = self._text_width(avail), []
        first = width - self.style.firstLineIndent if self._first else width
        bi, ci = self._start
        for index in range(bi, len(self._blocks)):
            out.extend(self._block_lines(index, ci if index == bi else 0, width,
                                         first if not out else None))
        if self._limit is not None:
            out = out[:self._limit]
        self._cache = (avail, out)
        return out

    def _block_lines(self, index: int, start: int, width: float,
                     first: float | None) -> list[_Line]:
        """Break one hard-broken block into lines."""
        block, st = self._blocks[index], self.style
        spans = break_lines(block, st.fontName, st.fontSize, width, start, first)
        return [_Line(index, a, b, k == len(spans) - 1) for k, (a, b) in enumerate(spans)]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """Platypus hook: lay out for the width and report the height."""
        self.width = availWidth
        self.height = len(self._lines(availWidth)) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        """Keep as many whole lines as fit; the rest continues on the next frame."""
        lines = self._lines(availWidth)
        fit = floor((availHeight + 1e-6) / self.style.leading)
        if fit >= len(lines):
            return [self]
        if fit <= 0:
            return []
        return [self._part(lines[0].block, lines[0].start, fit, True),
                self._part(lines[fit].block, lines[fit].start, None, False)]

    def _part(self, block: int, start: int, limit: int | None, head: bool) -> RTLParagraph:
        """A fragment sharing the shaped blocks; only the head keeps spaceBefore and the bullet."""
        part = RTLParagraph.__new__(RTLParagraph)
        Flowable.__init__(part)  # fresh layout state: no _postponed/_frame from the original
        part.__dict__.update({k: self.__dict__[k] for k in _SHARED})
        part._start, part._limit, part._cache = (block, start), limit, None
        part._first = self._first and head
        part.bullet = self.bullet if head else None
        part.spaceBefore = self.spaceBefore if head else 0
        part.spaceAfter = 0 if head else self.spaceAfter
        return part

    def minWidth(self) -> float:  # noqa: N802
        """Widest word plus indents, so Table can size columns without explicit widths."""
        st, widest = self.style, 0.0
        for block in self._blocks:
            for a, b in words(block.text):
                widest = max(widest, text_width(block.text[a:b], st.fontName, st.fontSize))
        return widest + st.leftIndent + st.rightIndent

    # -- drawing ----------------------------------------------------------
    def draw(self) -> None:
        """Draw each visual line with the plain (unshaped) font."""
        st, canv = self.style, self.canv
        canv.setFont(st.fontName, st.fontSize)
        canv.setFillColor(st.textColor)
        lines = self._lines(self.width)
        for k, line in enumerate(lines):
            self._draw_line(line, self._baseline(k), k == 0 and self._first)
        if self.bullet and lines:
            self._draw_bullet(self._baseline(0))

    def _baseline(self, k: int) -> float:
        """Baseline of line k: the tall Vazirmatn em box (ascent 1.03, descent 0.54) is centred."""
        st = self.style
        return self.height - k * st.leading - (st.leading - 1.56 * st.fontSize) / 2 \
            - 1.025 * st.fontSize

    def _draw_line(self, line: _Line, y: float, first: bool) -> None:
        """Place one visual line according to alignment and indents."""
        st = self.style
        vis = visual_slice(self._blocks[line.block], line.start, line.end)
        indent = st.firstLineIndent if first else 0
        left = st.leftIndent + (0 if self.rtl else indent)
        right = self.width - st.rightIndent - (indent if self.rtl else 0)
        font, size = st.fontName, st.fontSize
        if self.align == "justify" and not line.last and " " in vis.strip():
            self._draw_justified(vis, left, right, y)
        elif self.align == "center":
            draw_runs(self.canv, (left + right) / 2, y, vis, font, size, "middle")
        elif (self.align in ("start", "justify")) == self.rtl:  # last justified line: start side
            draw_runs(self.canv, right, y, vis, font, size, "end")
        else:
            draw_runs(self.canv, left, y, vis, font, size)

    def _draw_justified(self, vis: str, left: float, right: float, y: float) -> None:
        """Spread the spare width evenly over the word gaps (no kashida, like browsers)."""
        st, parts = self.style, [p for p in vis.split(" ") if p]
        widths = [text_width(p, st.fontName, st.fontSize) for p in parts]
        gap = (right - left - sum(widths)) / (len(parts) - 1)
        x = left
        for part, w in zip(parts, widths, strict=True):
            draw_runs(self.canv, x, y, part, st.fontName, st.fontSize)
            x += w + gap

    def _draw_bullet(self, y: float) -> None:
        """Bullet on the start side at bulletIndent."""
        st = self.style
        vis = visual(self.bullet, self.rtl, st.fontName)
        font = getattr(st, "bulletFontName", st.fontName)
        font = font if font in (REGULAR, BOLD) else st.fontName
        self.canv.setFont(font, st.fontSize)
        if self.rtl:
            draw_runs(self.canv, self.width - st.bulletIndent, y, vis, font, st.fontSize, "end")
        else:
            draw_runs(self.canv, st.bulletIndent, y, vis, font, st.fontSize)


def _resolve_align(align: str, style: ParagraphStyle) -> str:
    """Explicit align wins; otherwise honour a centred/justified style, else the start side."""
    if align not in ALIGNS:
        raise ValueError(f"align must be one of {ALIGNS}, not {align!r}")
    if align == "start" and style.alignment == TA_CENTER:
        return "center"
    if align == "start" and style.alignment == TA_JUSTIFY:
        return "justify"
    return align
