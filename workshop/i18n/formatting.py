"""Locale-aware numbers and Jalali/Gregorian dates that Babel cannot produce for fa."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal
from babel.numbers import format_percent as babel_format_percent
from persiantools.jdatetime import JalaliDate

from workshop.errors import BadInput

TEHRAN = ZoneInfo("Asia/Tehran")

_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_TO_PERSIAN = str.maketrans("0123456789" + _ARABIC_DIGITS, _PERSIAN_DIGITS * 2)
_TO_ASCII = str.maketrans(_PERSIAN_DIGITS + _ARABIC_DIGITS, "0123456789" * 2)
# Babel's en number with Persian separators: ٬ (U+066C) thousands, ٫ (U+066B) decimal.
_FA_NUMBER = str.maketrans(",." + "0123456789", "٬٫" + _PERSIAN_DIGITS)

# Our own tables: the libraries disagree on spelling (یکشنبه vs یک‌شنبه); these follow CLDR.
JALALI_MONTHS = {
    "fa": ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور"]
    + ["مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"],
    "en": ["Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar"]
    + ["Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand"],
}
# Index 0 is Saturday, the first day of the Iranian week (JalaliDate.weekday()).
WEEKDAYS_FA = ["شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه"]

_DATE_INPUT = re.compile(
    r"\s*([0-9]{4})\s*[/\-.]\s*([0-9]{1,2})\s*[/\-.]\s*([0-9]{1,2})\s*", re.ASCII
)
_TIME_INPUT = re.compile(r"\s*([0-9]{1,2})\s*:\s*([0-9]{2})\s*", re.ASCII)


def to_persian_digits(s: object) -> str:
    """Show digits as ۰–۹ in the Persian UI (Arabic-Indic ٠–٩ too are converted)."""
    return str(s).translate(_TO_PERSIAN)


def to_ascii_digits(s: object) -> str:
    """Store and parse digits as ASCII, whatever keyboard the user typed them on."""
    return str(s).translate(_TO_ASCII)


def whole_number(s: object) -> int | None:
    """A whole number written in any decimal digits (ASCII, Persian, Arabic-Indic), or None.

    `isdecimal()` is exactly what `int()` reads: `isdigit()` also passes '²', which `int()`
    refuses (a posted superscript was a 500)."""
    text = "" if s is None else str(s)
    return int(text) if text.isdecimal() else None


def format_number(n: float, lang: str) -> str:
    """Group and localise a number: fa ۱٬۲۳۴٫۵, en 1,234.5."""
    text = format_decimal(n, locale="en")
    return text.translate(_FA_NUMBER) if lang == "fa" else text


def format_percent(x: float, lang: str) -> str:
    """Format a fraction as a percentage: 0.42 gives fa ۴۲٪ and en 42%."""
    text = babel_format_percent(x, locale="en")
    return text.replace("%", "٪").translate(_FA_NUMBER) if lang == "fa" else text


def to_tehran(dt: datetime) -> datetime:
    """Convert to Tehran wall time for display; a naive value is taken to be UTC."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(TEHRAN)


def iso_tehran(dt: datetime) -> str:
    """Machine-readable value for <time datetime=...>, e.g. 2026-11-21T13:00:00+03:30."""
    return to_tehran(dt).isoformat(timespec="seconds")


def _jalali(dt: datetime) -> JalaliDate:
    """Jalali date of the Tehran day, taken after the zone change (Nowruz, midnight)."""
    return JalaliDate(to_tehran(dt).date())


def _jalali_long(dt: datetime, lang: str) -> str:
    """Unpadded day, month name and year: ۳۰ آبان ۱۴۰۵ or 30 Aban 1405."""
    jd = _jalali(dt)
    text = f"{jd.day} {JALALI_MONTHS[lang][jd.month - 1]} {jd.year}"
    return to_persian_digits(text) if lang == "fa" else text


def _jalali_numeric(dt: datetime) -> str:
    """Zero-padded year/month/day with ASCII digits, as typed into forms."""
    jd = _jalali(dt)
    return f"{jd.year:04d}/{jd.month:02d}/{jd.day:02d}"


def _gregorian(dt: datetime, pattern: str, lang: str) -> str:
    """Gregorian date through Babel (CLDR month names), with Persian digits for fa."""
    text = babel_format_date(to_tehran(dt).date(), pattern, locale=lang)
    return to_persian_digits(text) if lang == "fa" else text


def _format_fa_date(dt: datetime, style: str) -> str:
    """Jalali first, Gregorian in brackets for the 'both' style."""
    if style == "numeric":
        return to_persian_digits(_jalali_numeric(dt))
    if style == "both":
        weekday = WEEKDAYS_FA[_jalali(dt).weekday()]
        return f"{weekday} {_jalali_long(dt, 'fa')} ({_gregorian(dt, 'd MMMM y', 'fa')})"
    return _jalali_long(dt, "fa")


def _format_en_date(dt: datetime, style: str) -> str:
    """Gregorian first, Jalali in brackets, because readers here still use Iranian dates."""
    if style == "numeric":
        return to_tehran(dt).date().isoformat()
    if style == "both":
        return f"{_gregorian(dt, 'EEEE d MMM y', 'en')} ({_jalali_long(dt, 'en')})"
    return _gregorian(dt, "d MMM y", "en")


def format_date(dt: datetime, lang: str, style: str = "long") -> str:
    """Date in the Tehran zone; style is "long", "numeric" or "both" (persian-ui.md §2.3)."""
    if style not in ("long", "numeric", "both"):
        raise ValueError(f"unknown date style {style!r}")
    return _format_fa_date(dt, style) if lang == "fa" else _format_en_date(dt, style)


def format_time(dt: datetime, lang: str) -> str:
    """24-hour Tehran time, as used in Iran: ۱۳:۰۰ or 13:00."""
    text = to_tehran(dt).strftime("%H:%M")
    return to_persian_digits(text) if lang == "fa" else text


def format_datetime(dt: datetime, lang: str) -> str:
    """Long date plus time: ۳۰ آبان ۱۴۰۵، ساعت ۱۳:۰۰ or 21 Nov 2026, 13:00."""
    if lang == "fa":
        return f"{format_date(dt, 'fa')}، ساعت {format_time(dt, 'fa')}"
    return f"{format_date(dt, lang)}, {format_time(dt, lang)}"


def _parse_date(date_text: object, field: str) -> JalaliDate:
    """Read 1405/08/30, ۱۴۰۵/۰۸/۳۰ or 1405-8-30 as a valid Jalali date."""
    match = isinstance(date_text, str) and _DATE_INPUT.fullmatch(to_ascii_digits(date_text))
    if not match:
        raise BadInput("invalid_value", field=field)
    try:
        return JalaliDate(*(int(part) for part in match.groups()))
    except (ValueError, OverflowError):
        raise BadInput("invalid_value", field=field) from None


def _parse_time(time_text: object, field: str) -> tuple[int, int]:
    """Read 13:00 or ۱۳:۰۰ as (hour, minute) on a 24-hour clock."""
    match = isinstance(time_text, str) and _TIME_INPUT.fullmatch(to_ascii_digits(time_text))
    hour, minute = (int(part) for part in match.groups()) if match else (99, 99)
    if hour > 23 or minute > 59:
        raise BadInput("invalid_value", field=field)
    return hour, minute


def parse_jalali_datetime(
    date_text: str, time_text: str, *, date_field: str = "date", time_field: str = "time"
) -> datetime:
    """Turn a Jalali date and Tehran wall time typed in a form into an aware UTC datetime."""
    day = _parse_date(date_text, date_field)
    hour, minute = _parse_time(time_text, time_field)
    try:
        wall = datetime.combine(day.to_gregorian(), datetime.min.time()).replace(
            hour=hour, minute=minute, tzinfo=TEHRAN
        )
        return wall.astimezone(UTC)
    except (ValueError, OverflowError):
        raise BadInput("invalid_value", field=date_field) from None


def format_gregorian_as_jalali_input(dt: datetime) -> tuple[str, str]:
    """Pre-fill a form's Jalali date and time fields: ("1405/08/30", "13:00")."""
    return _jalali_numeric(dt), to_tehran(dt).strftime("%H:%M")
