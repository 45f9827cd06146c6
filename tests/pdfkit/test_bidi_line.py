"""The text pipeline on its own: reshaping options, bidi levels, line breaking."""

from __future__ import annotations

from workshop.pdfkit import REGULAR, isolate, register_fonts, reshape, visual
from workshop.pdfkit.bidi_line import break_lines, shape_block, text_width, visual_slice

register_fonts()


def test_reshape_keeps_zwnj_marks_and_rial():
    shaped = reshape("می‌شود جلسهٔ تقریباً ریال")
    assert "\u200c" in shaped
    assert "\u0654" in shaped
    assert "\u064b" in shaped
    assert "\ufdfc" not in shaped


def test_visual_rtl_mixed_line():
    got = visual("نقطه تمرکز شماره 3 با 12 رأی (Transport)")
    assert got.startswith("(Transport)")
    assert got.endswith("\ufeea\ufec4\ufed8\ufee7")  # نقطه, drawn rightmost


def test_persian_number_not_reversed():
    assert "۱۴۰۵" in visual("سال ۱۴۰۵ بود")


def test_brackets_mirrored_in_rtl():
    got = visual("این طرح (مرحله دوم) تصویب شد")
    assert got.index("(") < got.index(")")


def test_zwnj_does_not_split_word_in_ltr():
    got = visual("It می‌شود ok", rtl=False)
    assert got == "It \u062f\ufeee\ufeb7\u200c\ufbfd\ufee3 ok"


def test_isolate_keeps_bracketed_date_together():
    plain = visual("Date: 20 November 2026 (۲۹ آبان ۱۴۰۵)", rtl=False)
    isolated = visual(f"Date: 20 November 2026 ({isolate('۲۹ آبان ۱۴۰۵')})", rtl=False)
    assert plain != isolated
    assert isolated.endswith("(" + visual("۲۹ آبان ۱۴۰۵") + ")")
    assert "\u2068" not in isolated


def test_break_lines_respects_width_and_keeps_order():
    text = "یک دو سه چهار پنج شش هفت هشت نه ده " * 5
    block = shape_block(text, rtl=True)
    lines = break_lines(block, REGULAR, 11, 120)
    assert len(lines) > 3
    for a, b in lines:
        assert text_width(block.text[a:b], REGULAR, 11) <= 120.01
    joined = " ".join(block.text[a:b] for a, b in lines)
    assert joined.split() == block.text.split()


def test_overlong_token_is_cut():
    block = shape_block("https://example.org/" + "a" * 200, rtl=True)
    lines = break_lines(block, REGULAR, 10, 100)
    assert len(lines) > 1
    assert "".join(block.text[a:b] for a, b in lines) == block.text


def test_empty_and_blank_lines():
    block = shape_block("", rtl=True)
    assert break_lines(block, REGULAR, 10, 100) == [(0, 0)]
    assert visual_slice(block, 0, 0) == ""
    assert visual("") == ""
