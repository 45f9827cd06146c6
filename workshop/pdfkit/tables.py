"""Tables of plain values whose cells are RTLParagraphs, with columns mirrored for Persian."""

from __future__ import annotations

from collections.abc import Sequence
from numbers import Number

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Table, TableStyle

from .document import FRAME_WIDTH
from .flowables import RTLParagraph, make_styles
from .numbers import format_number

GRID = HexColor("#c3ccd6")
HEADER_BG = HexColor("#e4e9ef")
ZEBRA_BG = HexColor("#f5f7f9")

Cell = str | Number | Flowable | None


def mirror_col(col: int, ncols: int) -> int:
    """Drawn index of a logical column in an RTL table (negative indices allowed)."""
    return ncols - 1 - (col % ncols)


def mirror_command(cmd: tuple, ncols: int) -> tuple:
    """Mirror the column part of a TableStyle command given in logical coordinates."""
    name, (c0, r0), (c1, r1), *rest = cmd
    a, b = mirror_col(c0, ncols), mirror_col(c1, ncols)
    return (name, (min(a, b), r0), (max(a, b), r1), *rest)


def _cell(value: Cell, style: ParagraphStyle, direction: str, lang: str) -> Flowable:
    """Plain values become RTLParagraphs (never markup); numbers get localised digits."""
    if isinstance(value, Flowable | list):  # a list: several flowables stacked in one cell
        return value
    if value is None:
        value = ""
    elif isinstance(value, Number) and not isinstance(value, bool):
        value = format_number(value, lang)
    return RTLParagraph(str(value), style, direction=direction)


def _widths(fractions: Sequence[float] | None, ncols: int, width: float) -> list[float]:
    """Absolute column widths from fractions (normalised, so they need not sum to 1)."""
    fractions = list(fractions) if fractions else [1.0] * ncols
    if len(fractions) != ncols:
        raise ValueError(f"{len(fractions)} column widths for {ncols} columns")
    total = float(sum(fractions))
    return [width * f / total for f in fractions]


def _base_style(nrows: int, header: bool, zebra: bool, grid: bool) -> list[tuple]:
    """Grid, header shading, zebra stripes and paddings (direction-independent)."""
    cmds: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                         ("TOPPADDING", (0, 0), (-1, -1), 2),
                         ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                         ("LEFTPADDING", (0, 0), (-1, -1), 5),
                         ("RIGHTPADDING", (0, 0), (-1, -1), 5)]
    if grid:
        cmds.append(("GRID", (0, 0), (-1, -1), 0.5, GRID))
    if header:
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_BG))
    first_body = 1 if header else 0
    if zebra and nrows > first_body:
        cmds.append(("ROWBACKGROUNDS", (0, first_body), (-1, -1), [None, ZEBRA_BG]))
    return cmds


def make_table(rows: Sequence[Sequence[Cell]], *, col_widths: Sequence[float] | None = None,
               width: float = FRAME_WIDTH, direction: str = "rtl", header: bool = True,
               zebra: bool = True, grid: bool = True, lang: str | None = None,
               styles: dict[str, ParagraphStyle] | None = None,
               extra_style: Sequence[tuple] = ()) -> Table:
    """Build a Table; in RTL the first logical column is drawn rightmost and widths follow.

    `col_widths` are fractions of `width`; `extra_style` uses logical column indices.
    """
    if not rows:
        raise ValueError("a table needs at least one row")
    ncols, rtl = len(rows[0]), direction == "rtl"
    lang = lang or ("fa" if rtl else "en")
    styles = styles or make_styles()
    data = []
    for r, row in enumerate(rows):
        if len(row) != ncols:
            raise ValueError(f"row {r} has {len(row)} cells, expected {ncols}")
        style = styles["table_header"] if header and r == 0 else styles["table"]
        cells = [_cell(v, style, direction, lang) for v in row]
        data.append(cells[::-1] if rtl else cells)
    widths = _widths(col_widths, ncols, width)
    extra = [mirror_command(c, ncols) if rtl else c for c in extra_style]
    table = Table(data, colWidths=widths[::-1] if rtl else widths,
                  repeatRows=1 if header else 0, hAlign="RIGHT" if rtl else "LEFT")
    table.setStyle(TableStyle(_base_style(len(rows), header, zebra, grid) + extra))
    return table
