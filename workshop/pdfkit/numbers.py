"""Digits, numbers and Jalali/Gregorian date lines for PDFs (self-contained; persian-ui.md §2-3).

Babel cannot do the Solar Hijri calendar or Persian digits, so we convert with persiantools
and use our own month/weekday tables (consistent spelling, no zero padding).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from persiantools.jdatetime import JalaliDate

TEHRAN = ZoneInfo("Asia/Tehran")
_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_SEPARATORS = str.maketrans({",": "٬", ".": "٫"})

JALALI_MONTHS_FA = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
                    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")
JALALI_MONTHS_EN = ("Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
                    "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand")
GREGORIAN_MONTHS_FA = ("ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن",
                       "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر")
GREGORIAN_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Monday first, as date.weekday() counts.
WEEKDAYS_FA = ("دوشنبه", "سه\u200cشنبه", "چهارشنبه", "پنج\u200cشنبه", "جمعه", "شنبه",
               "یک\u200cشنبه")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def persian_digits(s: object, separators: bool = False) -> str:
    """ASCII digits → ۰-۹; `,`/`.` → `٬`/`٫` only when asked (they also occur in prose)."""
    text = str(s).translate(_DIGITS)
    return text.translate(_SEPARATORS) if separators else text


def format_number(n: float, lang: str = "fa", decimals: int | None = None) -> str:
    """Grouped number: `12٬500٫5` with Persian digits for fa, `12,500.5` for en."""
    if decimals is not None:
        text = f"{n:,.{decimals}f}"
    elif isinstance(n, int) or float(n).is_integer():
        text = f"{int(n):,}"
    else:
        text = f"{n:,}"
    return persian_digits(text, separators=True) if is_fa(lang) else text


def to_tehran(dt: datetime | date) -> date:
    """Calendar date in Tehran; naive datetimes are UTC, plain dates are taken as they are."""
    if not isinstance(dt, datetime):
        return dt
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(TEHRAN).date()


def jalali_text(dt: datetime | date, lang: str = "fa") -> str:
    """Jalali date: `۳۰ آبان ۱۴۰۵` (fa) or `30 Aban 1405` (en)."""
    j = JalaliDate(to_tehran(dt))
    if is_fa(lang):
        return persian_digits(f"{j.day} {JALALI_MONTHS_FA[j.month - 1]} {j.year}")
    return f"{j.day} {JALALI_MONTHS_EN[j.month - 1]} {j.year}"


def gregorian_text(dt: datetime | date, lang: str = "en") -> str:
    """Gregorian date: `21 Nov 2026` (en) or `۲۱ نوامبر ۲۰۲۶` (fa)."""
    d = to_tehran(dt)
    if is_fa(lang):
        return persian_digits(f"{d.day} {GREGORIAN_MONTHS_FA[d.month - 1]} {d.year}")
    return f"{d.day} {GREGORIAN_MONTHS_EN[d.month - 1]} {d.year}"


def jalali_date_text(dt: datetime | date, lang: str = "fa") -> str:
    """The date in the reader's main calendar: Jalali for fa, Gregorian for en."""
    return jalali_text(dt, "fa") if is_fa(lang) else gregorian_text(dt, "en")


def jalali_numeric(dt: datetime | date, lang: str = "fa") -> str:
    """Numeric Jalali date `۱۴۰۵/۰۸/۳۰`, for tables."""
    j = JalaliDate(to_tehran(dt))
    text = f"{j.year:04d}/{j.month:02d}/{j.day:02d}"
    return persian_digits(text) if is_fa(lang) else text


def weekday_text(dt: datetime | date, lang: str = "fa") -> str:
    """Weekday name in Tehran time (پنج‌شنبه with ZWNJ)."""
    names = WEEKDAYS_FA if is_fa(lang) else WEEKDAYS_EN
    return names[to_tehran(dt).weekday()]


def date_line(dt: datetime | date, lang: str = "fa", weekday: bool = True) -> str:
    """Both calendars: `شنبه ۳۰ آبان ۱۴۰۵ (۲۱ نوامبر ۲۰۲۶)` / `Saturday 21 Nov 2026 (30 Aban 1405)`.

    The bracketed part is isolated (FSI…PDI) so bidi keeps it together inside the sentence.
    """
    fa = is_fa(lang)
    main = jalali_text(dt, "fa") if fa else gregorian_text(dt, "en")
    other = gregorian_text(dt, "fa") if fa else jalali_text(dt, "en")
    head = f"{weekday_text(dt, lang)} " if weekday else ""
    return f"{head}\u2068{main}\u2069 (\u2068{other}\u2069)"


def time_text(dt: datetime, lang: str = "fa") -> str:
    """24-hour Tehran time `۱۳:۰۰` / `13:00`."""
    aware = dt if dt.tzinfo else dt.replace(tzinfo=UTC)
    text = aware.astimezone(TEHRAN).strftime("%H:%M")
    return persian_digits(text) if is_fa(lang) else text


def is_fa(lang: str) -> bool:
    """Accept `fa`, `fa_IR`, `fa-IR`."""
    return str(lang).lower().split("_")[0].split("-")[0] == "fa"
