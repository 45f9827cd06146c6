"""RTL tables: mirrored columns, cell text order, header repeated across pages."""

from __future__ import annotations

import pdfplumber
import pytest
from bidi import get_display

from workshop.pdfkit import RTLParagraph, make_styles, make_table, mirror_col
from workshop.pdfkit.tables import mirror_command

from .test_rendering import canon, drawn_lines, save_png, write_pdf

HEADER = ["ردیف", "نقطه تمرکز", "رأی", "توضیح"]
ROWS = [
    [1, "حمل و نقل عمومی (Metro Line 2)", 12, "می‌شود با هم‌اندیشی پیگیری کرد"],
    [2, "فضای سبز محله", 7, "<b>literal</b> <a href=\"javascript:x\">x</a>"],
    [3, "Urban Transport Planning", 1405, "تصویب در جلسهٔ ۱۴۰۵/۰۸/۲۹"],
    [4, "پیاده‌راه", 0, None],
]
EXPECTED = [HEADER] + [["۱", ROWS[0][1], "۱۲", ROWS[0][3]], ["۲", ROWS[1][1], "۷", ROWS[1][3]],
                       ["۳", ROWS[2][1], "۱٬۴۰۵", ROWS[2][3]], ["۴", ROWS[3][1], "۰", ""]]
FRACTIONS = [0.08, 0.37, 0.1, 0.45]


def _cells(pdf_path, page_no: int = 0):
    """Cell bboxes of the first table on a page, row by row, left to right."""
    with pdfplumber.open(pdf_path) as pdf:
        table = pdf.pages[page_no].find_tables()[0]
        return [list(row.cells) for row in table.rows]


def _cell_text(pdf_path, bbox, page_no: int = 0) -> str:
    """Drawn text of one cell; wrapped cells are joined line by line."""
    return " ".join(drawn_lines(pdf_path, bbox=bbox, pages={page_no}))


def _assert_cell(pdf_path, bbox, logical: str, page_no: int = 0) -> None:
    """One-line or multi-line cell compared with the oracle, line by line."""
    lines = drawn_lines(pdf_path, bbox=bbox, pages={page_no})
    words = logical.split()
    for line in lines:
        n = line.count(" ") + 1
        want = canon(get_display(" ".join(words[:n]), base_dir="R"))
        assert canon(line) == want, (logical, line)
        words = words[n:]
    assert not words


@pytest.fixture(scope="module")
def table_pdf(tmp_path_factory):
    """A small RTL table under a heading."""
    st = make_styles()
    story = [RTLParagraph("جدول نقاط تمرکز", st["heading"]),
             make_table([HEADER, *ROWS], col_widths=FRACTIONS)]
    path = write_pdf(tmp_path_factory.mktemp("table"), "table", story, title="جدول")
    save_png(path, "table", 1, 1)
    return path


def test_first_logical_column_is_rightmost(table_pdf):
    cells = _cells(table_pdf)
    assert len(cells) == len(EXPECTED)
    header = cells[0]
    assert header[0][0] < header[-1][0]
    rightmost = max(header, key=lambda b: b[0])
    assert canon(_cell_text(table_pdf, rightmost)) == canon(get_display("ردیف", base_dir="R"))


def test_every_cell_matches_oracle(table_pdf):
    cells = _cells(table_pdf)
    for r, row in enumerate(cells):
        ncols = len(row)
        for c, bbox in enumerate(row):
            logical = EXPECTED[r][mirror_col(c, ncols)]
            _assert_cell(table_pdf, bbox, str(logical))


def test_column_widths_follow_fractions(table_pdf):
    widths = [b[2] - b[0] for b in _cells(table_pdf)[0]]
    total = sum(widths)
    assert [round(w / total, 2) for w in widths] == FRACTIONS[::-1]


def test_header_repeats_on_next_page(tmp_path):
    rows = [HEADER] + [[i, f"نقطه تمرکز شماره {i}", i * 3, "توضیح کوتاه"] for i in range(1, 70)]
    path = write_pdf(tmp_path, "long-table", [make_table(rows, col_widths=FRACTIONS)])
    save_png(path, "long-table", 2, 2)
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) >= 2
    for page_no in (0, 1):
        header = _cells(path, page_no)[0]
        texts = [canon(_cell_text(path, b, page_no)) for b in header]
        assert texts == [canon(get_display(h, base_dir="R")) for h in HEADER[::-1]]
    second_body = _cells(path, 1)[1]
    assert canon(_cell_text(path, second_body[-1], 1)) != canon("۱")


def test_ltr_table_keeps_column_order(tmp_path):
    rows = [["No.", "Focus point", "Votes"], [1, "Green space (فضای سبز)", 12]]
    path = write_pdf(tmp_path, "ltr-table", [make_table(rows, direction="ltr")], direction="ltr")
    header = _cells(path)[0]
    assert [" ".join(drawn_lines(path, bbox=b)) for b in header] == rows[0]
    assert drawn_lines(path, bbox=_cells(path)[1][2]) == ["12"]


def test_style_commands_are_mirrored():
    assert mirror_command(("SPAN", (0, 1), (1, 1)), 4) == ("SPAN", (2, 1), (3, 1))
    assert mirror_command(("ALIGN", (-1, 0), (-1, -1), "LEFT"), 4) == \
        ("ALIGN", (0, 0), (0, -1), "LEFT")


def test_ragged_rows_rejected():
    with pytest.raises(ValueError, match="row 1"):
        make_table([["a", "b"], ["c"]])
