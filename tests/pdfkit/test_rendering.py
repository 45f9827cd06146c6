"""Drawn glyph order vs an independent bidi implementation (persian-pdf.md §5).

The renderer uses fpdf2's pure-Python UBA; the oracle is python-bidi's Rust get_display.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections import defaultdict
from pathlib import Path

import pdfplumber
import pytest
from bidi import get_display
from reportlab.lib.pagesizes import A4

from workshop.pdfkit import RTLParagraph, build_pdf, make_styles
from workshop.pdfkit.document import MARGIN

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "pdfkit"
BRACKETS = set("()[]{}<>«»‹›")
# Bidi controls, and the emoji joiner and variation selectors a monochrome font does not draw.
CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
                                  "\u2066\u2067\u2068\u2069\u200d\ufe0e\ufe0f"))
BODY_BOX = (0, MARGIN + 1, A4[0], A4[1] - MARGIN)
FOOTER_BOX = (0, A4[1] - MARGIN + 4, A4[0], A4[1])

LONG = ("برنامه راهبردی اصفهان ۱۴۰۵ در دو سطح راهبردی و عملیاتی تهیه می‌شود؛ کمیته "
        "Urban Transport Planning در جلسهٔ ۱۴۰۵/۰۸/۲۹ تشکیل شد و (مرحله دوم) آن با ۱۲ رأی "
        "موافق تصویب شد. ") * 40
RTL_LINES = [
    "گزارش جلسهٔ هم‌اندیشی",
    "نقطه تمرکز شماره 3 با 12 رأی (Transport)",
    "کمیته Urban Transport Planning در جلسه ۱۴۰۵/۰۸/۲۹ تشکیل شد.",
    "این طرح (مرحله دوم) با ۱۲ رأی موافق تصویب شد.",
    "بودجه ۱۲٬۵۰۰٫۵ میلیون ریال، یعنی ۴۲٪ کل، تا پایان سال.",
    "۲۹ آبان ۱۴۰۵",
    "می‌شود | میشود | هم‌اندیشی | هماندیشی",
    "گفت‌وگو با (Sara Mohammadi) دربارهٔ (Metro Line 2) و (Phase 2) Isfahan ادامه یافت.",
    "لا اله الا الله و همهٔ تقریباً لطفاً فوراً",
    "سند «راهبرد شهری» [پیوست ۲] {نسخه ۳}",
    "<b>پررنگ</b> <img src=/etc/hostname> <a href=\"javascript:x\">پیوند</a>",
    "Transport در ابتدای یک بند فارسی می‌آید.",
    LONG,
]
LTR_LINES = [
    "Minutes of the co-thinking session",
    "It می‌شود ok, and the name (سارا محمدی) stays together.",
    "Focus point 3 received 12 votes (Transport) on 21 Nov 2026.",
    "The committee \u2068کمیته حمل و نقل\u2069 met in Isfahan [Phase 2].",
    "<b>not bold</b> <a href=\"javascript:x\">not a link</a>",
    ("A long English paragraph about the plan (برنامه راهبردی) that keeps going so that it "
     "wraps over several lines of the page. ") * 6,
]


def canon(vis: str) -> str:
    """Remove what the oracle does not model: brackets (no mirroring), forms, ligature order."""
    out = []
    for ch in vis.translate(CONTROLS):
        if ch in BRACKETS:
            out.append("¦")
            continue
        n = unicodedata.normalize("NFKC", ch).strip() or ch
        out.append(n[::-1] if len(n) > 1 and 0xFB50 <= ord(ch) <= 0xFEFF else n)
    return " ".join("".join(out).split())


def _row_text(chars: list[dict]) -> str:
    """Chars of one baseline sorted by x; wide gaps (justified lines) count as spaces."""
    chars.sort(key=lambda c: c["x0"])
    txt, prev = "", None
    for c in chars:
        if prev and c["x0"] - prev["x1"] > 0.2 * c["size"] and c["text"] != " ":
            txt += " "
        txt += c["text"]
        prev = c
    return " ".join(txt.split(" ")).strip()


def drawn_rows(pdf_path: Path, bbox=None, pages=None) -> list[list[dict]]:
    """Drawn chars grouped per baseline, top to bottom, page by page."""
    rows_out = []
    with pdfplumber.open(pdf_path) as pdf:
        for no, page in enumerate(pdf.pages):
            if pages is not None and no not in pages:
                continue
            region = page.crop(bbox) if bbox else page
            rows = defaultdict(list)
            for c in region.chars:
                rows[round(c["bottom"])].append(c)
            rows_out.extend(cs for _, cs in sorted(rows.items()))
    return rows_out


def drawn_lines(pdf_path: Path, bbox=None, pages=None) -> list[str]:
    """Visual string of every drawn line."""
    return [" ".join(_row_text(cs).split()) for cs in drawn_rows(pdf_path, bbox, pages)]


def check(lines: list[str], paragraphs: list[str], base: str = "R") -> list[tuple]:
    """Compare each drawn line with the oracle's visual order of the same logical words."""
    errors, i = [], 0
    for para in paragraphs:
        words = para.split()
        while words:
            vis = lines[i]
            i += 1
            n = vis.count(" ") + 1
            logical, words = " ".join(words[:n]), words[n:]
            want = canon(get_display(logical, base_dir=base))
            if canon(vis) != want:
                errors.append((logical, want, canon(vis)))
    assert i == len(lines), "extra drawn lines"
    return errors


def save_png(pdf_path: Path, name: str, first: int = 1, last: int = 2) -> None:
    """Render pages to test-artifacts/pdfkit for a human look; skipped without poppler."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pdf_path, ARTIFACTS / f"{name}.pdf")
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(first), "-l", str(last),
                        str(pdf_path), str(ARTIFACTS / name)], check=True, timeout=60)


def write_pdf(tmp_path: Path, name: str, story, **kw) -> Path:
    """Build a story and write it to a temporary file."""
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(build_pdf(story, **kw))
    return path


@pytest.fixture(scope="module")
def rtl_pdf(tmp_path_factory) -> Path:
    """The Persian fixture document: heading, tricky lines, justified long paragraph."""
    st = make_styles()
    story = [RTLParagraph(RTL_LINES[0], st["heading"])]
    story += [RTLParagraph(t, st["body"]) for t in RTL_LINES[1:-1]]
    story.append(RTLParagraph(RTL_LINES[-1], st["body"], align="justify"))
    path = write_pdf(tmp_path_factory.mktemp("rtl"), "rtl", story, title="صورت‌جلسه")
    save_png(path, "rtl-lines", 1, 3)
    return path


@pytest.fixture(scope="module")
def ltr_pdf(tmp_path_factory) -> Path:
    """The English fixture document."""
    st = make_styles()
    story = [RTLParagraph(t, st["body"], direction="ltr") for t in LTR_LINES]
    path = write_pdf(tmp_path_factory.mktemp("ltr"), "ltr", story, direction="ltr",
                     title="Minutes")
    save_png(path, "ltr-lines", 1, 1)
    return path


def test_rtl_lines_match_oracle(rtl_pdf):
    lines = drawn_lines(rtl_pdf, BODY_BOX)
    assert len(lines) > 40
    assert check(lines, RTL_LINES, "R") == []


def test_long_paragraph_splits_across_pages(rtl_pdf):
    with pdfplumber.open(rtl_pdf) as pdf:
        assert len(pdf.pages) >= 2
    assert drawn_lines(rtl_pdf, BODY_BOX, pages={1})


def test_ltr_lines_match_oracle(ltr_pdf):
    assert check(drawn_lines(ltr_pdf, BODY_BOX), LTR_LINES, "L") == []


def test_persian_digits_not_reversed_and_brackets_mirrored(rtl_pdf):
    lines = drawn_lines(rtl_pdf, BODY_BOX, pages={0})
    assert any("۱۴۰۵/۰۸/۲۹" in line for line in lines)
    assert any("۱۲٬۵۰۰٫۵" in line for line in lines)
    for line in lines[:11]:
        opened = [c for c in line if c in "([{«"]
        closed = [c for c in line if c in ")]}»"]
        assert len(opened) == len(closed)
        depth = 0
        for c in line:
            depth += c in "([{«"
            depth -= c in ")]}»"
            assert depth >= 0, line


def test_zwnj_word_is_shaped(rtl_pdf):
    visual_mishavad = "\u062f\ufeee\ufeb7\u200c\ufbfd\ufee3"
    lines = drawn_lines(rtl_pdf, BODY_BOX, pages={0})
    assert any(visual_mishavad in line for line in lines)


def test_ezafe_and_harakat_kept(rtl_pdf):
    text = "".join(drawn_lines(rtl_pdf, BODY_BOX, pages={0}))
    assert "\u0654" in text  # ezafe hamza of جلسهٔ / همهٔ
    assert "\u064b" in text  # tanvin of تقریباً
    assert "\ufdf2" in text  # the Allah ligature, as HarfBuzz forms it with Vazirmatn
    assert "\ufdfc" not in text  # ریال stays a word, not the RIAL SIGN


def test_footer_page_x_of_y(rtl_pdf, ltr_pdf):
    with pdfplumber.open(rtl_pdf) as pdf:
        total = len(pdf.pages)
    want = canon(get_display(f"صفحه ۱ از {'۰۱۲۳۴۵۶۷۸۹'[total]}", base_dir="R"))
    assert canon(drawn_lines(rtl_pdf, FOOTER_BOX, pages={0})[0]) == want
    assert drawn_lines(ltr_pdf, FOOTER_BOX, pages={0}) == ["Page 1 of 1"]


def test_oracle_catches_naive_rendering():
    """Guard against a checker that passes everything: logical-order lines must fail."""
    naive = [" ".join(t.split()) for t in RTL_LINES[1:4]]
    assert len(check(naive, RTL_LINES[1:4], "R")) == 3


def test_bullet_on_start_side(tmp_path):
    st = make_styles()
    body = st["body"].clone("pk-bullet", rightIndent=14, leftIndent=14, bulletIndent=2)
    story = [RTLParagraph("بند اول فهرست", body, bullet="•"),
             RTLParagraph("First item", body, direction="ltr", bullet="•")]
    path = write_pdf(tmp_path, "bullets", story)
    rows = drawn_rows(path, BODY_BOX)
    bullet_rtl = next(c for c in rows[0] if c["text"] == "•")
    bullet_ltr = next(c for c in rows[1] if c["text"] == "•")
    assert bullet_rtl["x0"] > max(c["x1"] for c in rows[0] if c["text"] != "•")
    assert bullet_ltr["x1"] < min(c["x0"] for c in rows[1] if c["text"] != "•")
