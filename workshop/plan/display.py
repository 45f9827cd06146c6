"""Cheap number display for the plan's long pages (babel's formatter costs ~0.3 ms a call,
and asking for the language ~25 µs, so both are settled once per page)."""

from __future__ import annotations

from workshop.i18n import current_lang
from workshop.i18n.formatting import _FA_NUMBER


def grouper(lang: str):
    """A function showing 1234567.5 as fa ۱٬۲۳۴٬۵۶۷٫۵ or en 1,234,567.5; None as —."""

    def grouped(value) -> str:
        if value is None:
            return "—"
        text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
        return text.translate(_FA_NUMBER) if lang == "fa" else text

    return grouped


def context() -> dict:
    """Template globals of the plan pages: grouped numbers and whole percentages."""
    lang = current_lang()
    grouped = grouper(lang)
    sign = "٪" if lang == "fa" else "%"
    return {"grouped": grouped, "pct": lambda v: grouped(round(v or 0)) + sign}
