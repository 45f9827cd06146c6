"""PDF text rules of issue 10: soft breaks in long words, word-boundary chart labels, emoji."""

from __future__ import annotations

import pytest

from workshop.pdfkit import REGULAR, register_fonts, visual
from workshop.pdfkit.bidi_line import break_lines, shape_block, text_width
from workshop.pdfkit.charts import ELLIPSIS, fit_label
from workshop.pdfkit.fonts import FALLBACK, font_runs, runs_width

SIZE = 10


@pytest.fixture(autouse=True)
def _fonts():
    register_fonts()


def _pieces(text: str, width: float, rtl: bool = True) -> list[str]:
    block = shape_block(text, rtl)
    return [block.text[a:b] for a, b in break_lines(block, REGULAR, SIZE, width)]


@pytest.mark.parametrize("mark", ["\u200c", "-", "/"])
def test_long_word_breaks_after_zwnj_hyphen_or_slash_first(mark):
    parts = ["بسیار", "طولانی", "برای", "جدول", "کوچک", "صورت‌جلسه"] if mark == "\u200c" \
        else ["very", "long", "word", "for", "a", "narrow", "cell"]
    word = mark.join(parts)
    width = text_width(shape_block(mark.join(parts[:3]) + mark, True).text, REGULAR, SIZE) + 1
    lines = _pieces(word, width)
    assert len(lines) > 1
    assert all(line.endswith(mark) for line in lines[:-1])  # never between letters


def test_word_without_break_opportunity_is_cut_between_letters():
    lines = _pieces("ب" * 60, 60)
    assert len(lines) > 1
    assert "".join(lines) == shape_block("ب" * 60, True).text  # nothing lost


@pytest.mark.parametrize("rtl", [True, False])
def test_chart_label_is_shortened_at_a_word_boundary(rtl):
    label = "پیشنهاد ساخت 5000 واحد مسکونی در محلهٔ جلفا"
    keep = "پیشنهاد ساخت 5000"
    # room for part of the next word: a letter-by-letter cut would keep «واح»
    width = text_width(visual(keep + " واح" + ELLIPSIS, rtl), REGULAR, 9) + 1
    assert fit_label(label, width, rtl, 9) == visual(keep + ELLIPSIS, rtl)


def test_emoji_are_drawn_with_the_fallback_font():
    runs = font_runs(visual("پارک 🌳 و 👍🏽", True), REGULAR)
    assert (FALLBACK, "🌳") in runs
    assert any(name == FALLBACK and "👍" in text for name, text in runs)
    assert runs_width("🌳", REGULAR, SIZE) > 0  # a real glyph, not a zero-width stand-in
