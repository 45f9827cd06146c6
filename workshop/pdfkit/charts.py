"""Bar chart and heatmap Drawings whose labels go through the same bidi line pipeline."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.graphics.shapes import Drawing, Group, Rect, String
from reportlab.lib.colors import Color, HexColor, white
from reportlab.pdfbase.pdfmetrics import stringWidth

from .bidi_line import text_width, visual
from .document import FRAME_WIDTH
from .fonts import REGULAR, font_runs, register_fonts
from .numbers import format_number, is_fa, persian_digits

BAR_COLOR = HexColor("#2f6f9f")
EMPTY_CELL = HexColor("#eef1f4")
TEXT_COLOR = HexColor("#1f2933")
CELL_BORDER = HexColor("#c3ccd6")
ELLIPSIS = "…"

ValueFmt = Callable[[float], str]


def fit_label(label: str, max_width: float, rtl: bool, size: float,
              font: str = REGULAR) -> str:
    """Visual label, shortened at a word boundary with an ellipsis when it is too wide
    (between letters only when even the first word does not fit)."""
    text = " ".join(str(label).split())
    vis = visual(text, rtl, font)
    words = text.split(" ")
    while len(words) > 1 and text_width(vis, font, size) > max_width:
        words.pop()
        text = " ".join(words).rstrip("\u2068\u2066\u2067")
        vis = visual(text + ELLIPSIS, rtl, font)
    while text and text_width(vis, font, size) > max_width:
        text = text[:-1].rstrip()
        vis = visual(text + ELLIPSIS, rtl, font)
    return vis


def _label(x: float, y: float, vis: str, size: float, anchor: str,
           color: Color = TEXT_COLOR) -> Group:
    """Strings in visual order, Vazirmatn with the emoji fallback font where needed."""
    runs = font_runs(vis, REGULAR)
    width = sum(stringWidth(chars, name, size) for name, chars in runs)
    x -= width if anchor == "end" else width / 2 if anchor == "middle" else 0
    group = Group()
    for name, chars in runs:
        group.add(String(x, y, chars, fontName=name, fontSize=size, fillColor=color))
        x += stringWidth(chars, name, size)
    return group


def _default_fmt(lang: str) -> ValueFmt:
    """Plain localised number for bar values."""
    return lambda v: format_number(v, lang)


def percent_fmt(lang: str) -> ValueFmt:
    """`۴۲٪` for fa, `42%` for en (values are 0..1)."""
    if is_fa(lang):
        return lambda v: persian_digits(round(v * 100)) + "٪"
    return lambda v: f"{round(v * 100)}%"


def bar_chart(items: Sequence[tuple[str, float]], *, width: float = FRAME_WIDTH,
              direction: str = "rtl", lang: str | None = None, bar_height: float = 14,
              gap: float = 7, font_size: float = 9, label_fraction: float = 0.35,
              max_value: float | None = None, value_fmt: ValueFmt | None = None,
              color: Color = BAR_COLOR) -> Drawing:
    """Horizontal bars; labels on the start side (right in RTL) and bars growing away from them."""
    register_fonts()
    rtl = direction == "rtl"
    fmt = value_fmt or _default_fmt(lang or ("fa" if rtl else "en"))
    label_w, value_w = width * label_fraction, 8 * font_size
    bar_room = max(width - label_w - value_w - 12, 1.0)
    top = max([max_value or 0] + [float(v) for _, v in items]) or 1.0
    height = len(items) * (bar_height + gap) + gap
    drawing = Drawing(width, height)
    drawing.hAlign = "RIGHT" if rtl else "LEFT"
    for i, (label, value) in enumerate(items):
        y = height - (i + 1) * (bar_height + gap)
        length = bar_room * max(float(value), 0.0) / top
        text_y = y + (bar_height - font_size) / 2 + 0.15 * font_size
        vis = fit_label(label, label_w - 6, rtl, font_size)
        if rtl:
            origin = width - label_w
            drawing.add(_label(width, text_y, vis, font_size, "end"))
            drawing.add(Rect(origin - length, y, length, bar_height, fillColor=color,
                             strokeColor=None))
            drawing.add(_label(origin - length - 4, text_y, visual(fmt(value), rtl),
                               font_size, "end"))
        else:
            drawing.add(_label(0, text_y, vis, font_size, "start"))
            drawing.add(Rect(label_w, y, length, bar_height, fillColor=color, strokeColor=None))
            drawing.add(_label(label_w + length + 4, text_y, visual(fmt(value), rtl),
                               font_size, "start"))
    return drawing


def _shade(value: float | None, color: Color) -> Color:
    """Blend from white (0) to the base colour (1); None is an empty cell."""
    if value is None:
        return EMPTY_CELL
    v = min(max(float(value), 0.0), 1.0)
    return Color(1 - v * (1 - color.red), 1 - v * (1 - color.green), 1 - v * (1 - color.blue))


def heatmap(row_labels: Sequence[str], col_labels: Sequence[str],
            values: Sequence[Sequence[float | None]], *, width: float = FRAME_WIDTH,
            direction: str = "rtl", lang: str | None = None, cell_height: float = 20,
            font_size: float = 8, label_fraction: float = 0.3, show_values: bool = True,
            value_fmt: ValueFmt | None = None, color: Color = BAR_COLOR) -> Drawing:
    """Rows × columns grid shaded by value 0..1; in RTL row labels sit right, column 0 rightmost."""
    register_fonts()
    rtl = direction == "rtl"
    fmt = value_fmt or percent_fmt(lang or ("fa" if rtl else "en"))
    label_w = width * label_fraction
    cell_w = (width - label_w) / max(len(col_labels), 1)
    height = (len(row_labels) + 1) * cell_height
    drawing = Drawing(width, height)
    drawing.hAlign = "RIGHT" if rtl else "LEFT"
    text_dy = (cell_height - font_size) / 2 + 0.15 * font_size

    def cell_x(j: int) -> float:
        """Left edge of logical column j."""
        return width - label_w - (j + 1) * cell_w if rtl else label_w + j * cell_w

    for j, label in enumerate(col_labels):
        vis = fit_label(label, cell_w - 4, rtl, font_size)
        drawing.add(_label(cell_x(j) + cell_w / 2, height - cell_height + text_dy, vis,
                           font_size, "middle"))
    for i, (label, row) in enumerate(zip(row_labels, values, strict=True)):
        y = height - (i + 2) * cell_height
        vis = fit_label(label, label_w - 6, rtl, font_size)
        drawing.add(_label(width if rtl else 0, y + text_dy, vis, font_size,
                           "end" if rtl else "start"))
        for j, value in enumerate(row):
            drawing.add(Rect(cell_x(j), y, cell_w, cell_height, fillColor=_shade(value, color),
                             strokeColor=CELL_BORDER, strokeWidth=0.5))
            if show_values and value is not None:
                ink = white if float(value) > 0.55 else TEXT_COLOR
                drawing.add(_label(cell_x(j) + cell_w / 2, y + text_dy, visual(fmt(value), rtl),
                                   font_size, "middle", ink))
    return drawing
