"""Persian/English right-to-left PDF toolkit on ReportLab (see docs/persian-pdf.md)."""

from .bidi_line import isolate, reshape, strip_controls, visual
from .charts import bar_chart, heatmap, percent_fmt
from .document import FRAME_WIDTH, build_pdf, page_label
from .flowables import RTLParagraph, make_styles
from .fonts import BOLD, REGULAR, register_fonts
from .numbers import (
    date_line,
    format_number,
    gregorian_text,
    jalali_date_text,
    jalali_numeric,
    jalali_text,
    persian_digits,
    time_text,
    to_tehran,
    weekday_text,
)
from .tables import make_table, mirror_col

__all__ = [
    "BOLD", "FRAME_WIDTH", "REGULAR", "RTLParagraph", "bar_chart", "build_pdf", "date_line",
    "format_number", "gregorian_text", "heatmap", "isolate", "jalali_date_text",
    "jalali_numeric", "jalali_text", "make_styles", "make_table", "mirror_col", "page_label",
    "percent_fmt", "persian_digits", "register_fonts", "reshape", "strip_controls",
    "time_text", "to_tehran", "visual", "weekday_text",
]
