"""Cheap number display for the plan's long pages (babel's formatter costs ~0.3 ms a call)."""

from __future__ import annotations

from workshop.i18n import current_lang
from workshop.i18n.formatting import _FA_NUMBER


def grouped(value) -> str:
    """1234567.5 -> fa ۱٬۲۳۴٬۵۶۷٫۵, en 1,234,567.5 (one decimal at most); None -> —."""
    if value is None:
        return "—"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return text.translate(_FA_NUMBER) if current_lang() == "fa" else text


def context() -> dict:
    """Template globals of the plan pages."""
    return {"grouped": grouped}
