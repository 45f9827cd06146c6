"""Bar chart and heatmap: labels through the bidi pipeline, start-side placement."""

from __future__ import annotations

import pdfplumber
from bidi import get_display
from reportlab.graphics.shapes import Drawing

from workshop.pdfkit import RTLParagraph, bar_chart, heatmap, make_styles
from workshop.pdfkit.charts import fit_label

from .test_rendering import BODY_BOX, canon, drawn_rows, save_png, write_pdf

BARS = [("حمل و نقل عمومی (Metro)", 12), ("فضای سبز", 7), ("پیاده‌راه‌سازی خیابان", 3)]
ROWS = ["گروه ۱", "گروه ۲"]
COLS = ["مسکن", "حمل‌ونقل", "Green"]
VALUES = [[0.1, 0.5, 0.9], [1.0, None, 0.0]]


def _segments(chars):
    """Split one baseline's chars at wide gaps: label, value and cells are separate strings."""
    chars = sorted(chars, key=lambda c: c["x0"])
    groups = [[chars[0]]]
    for prev, c in zip(chars, chars[1:], strict=False):
        if c["x0"] - prev["x1"] > 12:
            groups.append([])
        groups[-1].append(c)
    return groups


def _labels(path):
    """Drawn text segments with their x range."""
    return [(g[0]["x0"], g[-1]["x1"], "".join(c["text"] for c in g))
            for cs in drawn_rows(path, bbox=BODY_BOX) for g in _segments(cs)]


def _find(rows, logical, base="R"):
    """The drawn row whose canonical text contains the oracle's visual label."""
    want = canon(get_display(logical, base_dir=base))
    return next(r for r in rows if want in canon(r[2]))


def test_bar_chart_rtl_labels_on_the_right(tmp_path):
    chart = bar_chart(BARS)
    assert isinstance(chart, Drawing)
    story = [RTLParagraph("رأی‌ها", make_styles()["heading"]), chart]
    path = write_pdf(tmp_path, "bars", story)
    save_png(path, "charts-bars", 1, 1)
    rows = _labels(path)
    for label, value in BARS:
        x0, x1, _ = _find(rows, label)
        assert x0 > 300, label  # label area is on the right half
        vx0, _, _ = _find(rows, "۱۲" if value == 12 else "۷" if value == 7 else "۳")
        assert vx0 < x0


def test_bar_chart_ltr_labels_on_the_left(tmp_path):
    path = write_pdf(tmp_path, "bars-ltr", [bar_chart([("Green (سبز)", 5)], direction="ltr")],
                     direction="ltr")
    x0, _, _ = _find(_labels(path), "Green (سبز)", "L")
    assert x0 < 100


def test_heatmap_rtl_columns_right_to_left(tmp_path):
    chart = heatmap(ROWS, COLS, VALUES)
    path = write_pdf(tmp_path, "heat", [chart])
    save_png(path, "charts-heatmap", 1, 1)
    rows = _labels(path)
    first, last = _find(rows, "مسکن"), _find(rows, "Green", "L")
    assert last[0] < first[0]  # column 0 drawn rightmost
    assert _find(rows, "گروه ۱")[0] > 400
    with pdfplumber.open(path) as pdf:
        texts = "".join(c["text"] for c in pdf.pages[0].chars)
    assert "۹۰٪" in texts
    assert "۱۰۰٪" in texts


def test_fit_label_shortens_long_labels():
    vis = fit_label("یک برچسب بسیار بسیار طولانی برای آزمون کوتاه‌سازی", 60, True, 9)
    assert "…" in vis
    assert vis.startswith("…")  # the logical end is on the left in RTL
