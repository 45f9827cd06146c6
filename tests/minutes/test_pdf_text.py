"""Minutes PDF sentences in natural order: the finalisation date, numbered decisions."""

from __future__ import annotations

from collections import defaultdict

import pdfplumber
import pytest

from workshop.extensions import db
from workshop.minutes import workspace
from workshop.minutes.archive import collect
from workshop.minutes.pdf import build_minutes_pdf, minutes_labels
from workshop.minutes.versions import ensure_draft
from workshop.models import Workshop

from .factory import actor

FINAL_AT = "2026-11-28T20:03:00+00:00"  # 7 Azar 1405, 23:33 in Tehran


def _rows(path) -> list[str]:
    """Every drawn row (glyphs left to right), presentation forms folded back."""
    import unicodedata

    rows = defaultdict(list)
    with pdfplumber.open(path) as pdf:
        for n, page in enumerate(pdf.pages):
            for c in page.chars:
                rows[(n, round(c["matrix"][5], 1))].append(c)
    return [unicodedata.normalize("NFKC", "".join(c["text"] for c in sorted(cs, key=lambda c:
                                                                             c["x0"])))
            for cs in rows.values()]


def _final_pdf(full, tmp_path, lang: str):
    me = actor(full["secretary"])
    for text in ("تصمیم نخست دربارهٔ پیاده‌راه چهارباغ", "Second decision about Metro Line 2"):
        workspace.edit(me, full["workshop"], {"kind": "decision", "text": text})
    workshop = db.session.get(Workshop, full["workshop"])
    data = collect(workshop, ensure_draft(me, workshop))
    data["minutes"] |= {"status": "final", "finalised_at": FINAL_AT,
                        "finalised_by": "سارا محمدی"}
    path = tmp_path / f"final-{lang}.pdf"
    path.write_bytes(build_minutes_pdf(data, lang, minutes_labels(lang)))
    return _rows(path)


@pytest.mark.parametrize(("lang", "parts"), [
    ("fa", ["آذر", "۱۴۰۵", "نوامبر", "۲۰۲۶", "۲۳:۳۳"]),  # Jalali, (Gregorian), time
    ("en", ["Nov", "2026", "Azar", "1405", "23:33"]),    # Gregorian, (Jalali), time
])
def test_finalisation_sentence_reads_in_natural_order(full, ctx, tmp_path, lang, parts):
    rtl = lang == "fa"
    drawn = [p[::-1] if rtl and not p[0].isdigit() else p for p in parts]  # visual words
    row = next(r for r in _final_pdf(full, tmp_path, lang) if all(p in r for p in drawn))
    positions = [row.index(p) for p in drawn]
    reading = sorted(positions, reverse=rtl)  # right to left in Persian
    assert positions == reading, row


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_decision_numbers_share_the_first_line_of_their_text(full, ctx, tmp_path, lang):
    rows = _final_pdf(full, tmp_path, lang)
    first = "۱." if lang == "fa" else "1."
    second = "۲." if lang == "fa" else "2."
    assert any(".۱" in r and "چهارباغ"[::-1] in r for r in rows) or \
        any(first in r and "چهارباغ"[::-1] in r for r in rows)
    assert any(("Second decision" in r) and (second in r or second[::-1] in r) for r in rows)
    assert not any(r.strip() in (first, second, first[::-1], second[::-1]) for r in rows)
