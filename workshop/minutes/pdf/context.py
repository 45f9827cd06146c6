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
    isolate,
    jalali_numeric,
    make_styles,
    make_table,
    persian_digits,
    time_text,
    to_tehran,
)


def text_direction(text: object, default: str) -> str:
    """"rtl" or "ltr" by the first strongly directional character (UAX #9 rules P2/P3)."""
    for ch in str(text):
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return default


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
        return text % {k: isolate(v) for k, v in values.items()} if values else text

    def para(self, text: object, style: str = "body", align: str = "start") -> Flowable:
        return RTLParagraph(str(text), self.styles[style], direction=self.direction,
                            align=align)

    def user_para(self, text: object, style: str = "body", align: str = "start") -> Flowable:
        """Free text someone typed: its own direction from its first strong letter (like
        dir=auto in the pages), so a Persian summary stays right-to-left in English minutes."""
        return RTLParagraph(str(text), self.styles[style], direction=text_direction(text,
                            self.direction), align=align)

    def cell(self, text: object) -> Flowable:
        """A table cell holding someone's text (a name, a title): its own direction."""
        return self.user_para(text, "table")

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
