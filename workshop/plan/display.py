"""Cheap number display for the plan's long pages (babel's formatter costs ~0.3 ms a call,
and asking for the language ~25 µs, so both are settled once per page)."""

from __future__ import annotations

from datetime import date

from persiantools.jdatetime import JalaliDate

from workshop.i18n import current_lang
from workshop.i18n.formatting import _FA_NUMBER, to_persian_digits


def grouper(lang: str):
    """A function showing 1234567.5 as fa ۱٬۲۳۴٬۵۶۷٫۵ or en 1,234,567.5; None as —."""

    def grouped(value) -> str:
        if value is None:
            return "—"
        text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
        return text.translate(_FA_NUMBER) if lang == "fa" else text

    return grouped


def day(value: date, lang: str) -> str:
    """A calendar day: Jalali with Persian digits in fa (۱۴۰۵/۰۱/۱۵), ISO in en."""
    if lang != "fa":
        return value.isoformat()
    jalali = JalaliDate(value)
    return to_persian_digits(f"{jalali.year}/{jalali.month:02d}/{jalali.day:02d}")


def context() -> dict:
    """Template globals of the plan pages: grouped numbers, whole percentages, days."""
    lang = current_lang()
    grouped = grouper(lang)
    sign = "٪" if lang == "fa" else "%"
    return {"grouped": grouped, "pct": lambda v: grouped(round(v or 0)) + sign,
            "day": lambda v: day(v, lang)}
