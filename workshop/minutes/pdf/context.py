"""What every section builder needs: the archive, the language, styles and small formatters."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer

from workshop.pdfkit import (
    RTLParagraph,
    format_number,
    jalali_numeric,
    make_styles,
    make_table,
    persian_digits,
    time_text,
    to_tehran,
)
from workshop.text.direction import direction as text_direction
from workshop.text.direction import display_text, isolate_as

NUMBER_INDENT = 22  # room for "۱۲." beside a numbered item's first line
_PLAIN_RTL = frozenset({"R", "AL", "WS", "NSM", "BN"})


def _plain(text: str, rtl_in_rtl: bool) -> bool:
    """Right-to-left letters and spaces only, in a right-to-left sentence: nothing in it can
    move or be moved, so the isolate (and the full bidi run it costs) is not needed."""
    return rtl_in_rtl and bool(text) and \
        all(unicodedata.bidirectional(ch) in _PLAIN_RTL for ch in text)


@dataclass
class Ctx:
    """One build: archive data plus language; helpers keep user text plain (never markup)."""

    data: dict
    lang: str
    labels: dict[str, str]
    styles: dict[str, ParagraphStyle] = field(default_factory=make_styles)

    @property
    def rtl(self) -> bool:
        return self.lang == "fa"

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"

    def t(self, key: str, **values) -> str:
        """A label; values are isolated so names and numbers cannot reorder the sentence."""
        text = self.labels.get(key, key)
        if not values:
            return text
        return text % {k: isolate_as(v, text_direction(v, self.direction))
                       for k, v in values.items()}

    def user(self, text: object) -> str:
        """Someone's text placed inside our sentence: displayed (docs/persian-text.md) and
        isolated in its own direction, the PDF's <bdi dir=…>."""
        own = text_direction(text, self.direction)
        shown = display_text(text, self.lang, own)
        return shown if _plain(shown, own == self.direction == "rtl") else isolate_as(shown, own)

    def para(self, text: object, style: str = "body", align: str = "start") -> Flowable:
        return RTLParagraph(str(text), self.styles[style], direction=self.direction,
                            align=align)

    def user_para(self, text: object, style: str = "body", align: str = "start",
                  number: str | None = None) -> Flowable:
        """Free text someone typed, in its own direction by the one rule of the pages
        (workshop.text.direction), with contextual digits and LTR units isolated; `number`
        sits on the start side of the first line."""
        own = text_direction(text, self.direction)
        shown = display_text(text, self.lang, own)
        st = self.styles[style]
        if number is not None:
            side = "rightIndent" if own == "rtl" else "leftIndent"
            st = ParagraphStyle(f"{st.name}-numbered-{own}", parent=st, bulletIndent=0,
                                **{side: NUMBER_INDENT})
        return RTLParagraph(shown, st, direction=own, align=align, bullet=number)

    def cell(self, text: object) -> Flowable:
        """A table cell holding someone's text (a name, a title): its own direction."""
        return self.user_para(text, "table")

    def cells(self, texts: list[str]) -> list[Flowable]:
        """Several texts in one table cell, each a paragraph in its own direction."""
        return [self.cell(t) for t in texts]

    def heading(self, key: str) -> Flowable:
        return self.para(self.t(key), "heading")

    def subheading(self, text: str) -> Flowable:
        return self.para(text, "subheading")

    def gap(self, height: float = 6) -> Flowable:
        return Spacer(1, height)

    def table(self, rows: list, widths: list[float], **kw) -> Flowable:
        return make_table(rows, col_widths=widths, direction=self.direction, lang=self.lang,
                          styles=self.styles, **kw)

    def num(self, n: float, decimals: int | None = None) -> str:
        return format_number(n, self.lang, decimals)

    def digits(self, text: object) -> str:
        return persian_digits(text) if self.rtl else str(text)

    def pick(self, pair: dict | None) -> str:
        """The reader's language of a {"fa": ..., "en": ...} pair."""
        return (pair or {}).get(self.lang) or (pair or {}).get("fa") or ""

    def discipline(self, discipline_id) -> str:
        """A field's name, or the "no field" label."""
        for d in self.data.get("disciplines", []):
            if d["id"] == discipline_id:
                return self.pick(d)
        return self.t("att.other")

    def when(self, iso: str | None) -> datetime | None:
        return datetime.fromisoformat(iso) if iso else None

    def date_num(self, iso: str | None) -> str:
        """Numeric date in the reader's calendar: ۱۴۰۵/۰۸/۳۰ or 2026-11-21."""
        moment = self.when(iso)
        if moment is None:
            return ""
        return jalali_numeric(moment, "fa") if self.rtl else to_tehran(moment).isoformat()

    def clock(self, iso: str | None) -> str:
        moment = self.when(iso)
        return time_text(moment, self.lang) if moment else ""
