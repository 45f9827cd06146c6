"""Checking plan input: names, codes, years, amounts, shares (one localised refusal each)."""

from __future__ import annotations

import re
from datetime import date

from persiantools.jdatetime import JalaliDate

from workshop.bounds import MAX_DB_INT
from workshop.errors import BadInput
from workshop.text.normalize import fold, validate_http_url, validate_text

from . import messages

NAME_MAX = 120
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


def names(data: dict) -> dict[str, str]:
    """Both names, each required and checked."""
    return {f: validate_text(data.get(f), field=f, max_len=NAME_MAX)
            for f in ("name_fa", "name_en")}


def code(value, field: str = "code") -> str:
    """A stable external id: latin letters, digits, dot, dash, underscore."""
    text = fold(str(value or "")).strip()
    if not CODE.match(text):
        raise BadInput("invalid_value", message=str(messages.BAD_CODE), field=field)
    return text


def number(value, field: str) -> float:
    """A decimal number typed with Persian or Latin digits (٫ or . as decimal point)."""
    if isinstance(value, bool):
        raise BadInput("invalid_value", message=str(messages.BAD_NUMBER), field=field)
    if isinstance(value, int | float):
        result = float(value)
    else:
        text = fold(str(value or "")).strip().replace("٫", ".").replace("٬", "").replace(",", "")
        try:
            result = float(text)
        except ValueError:
            raise BadInput("invalid_value", message=str(messages.BAD_NUMBER),
                           field=field) from None
    if result != result or abs(result) > 1e15:
        raise BadInput("invalid_value", message=str(messages.BAD_NUMBER), field=field)
    return result


def year(value, field: str = "year") -> int:
    """A Jalali year between 1300 and 1500."""
    try:
        result = int(number(value, field))
    except BadInput:
        raise BadInput("invalid_value", message=str(messages.BAD_YEAR), field=field) from None
    if not 1300 <= result <= 1500 or result != number(value, field):
        raise BadInput("invalid_value", message=str(messages.BAD_YEAR), field=field)
    return result


def within(value: int, years, field: str = "year") -> int:
    """Refuse a year outside the plan's years."""
    if value not in years:
        raise BadInput("invalid_value", message=str(messages.YEAR_OUTSIDE), field=field)
    return value


def rials(value, field: str) -> int:
    """A whole, non-negative amount of rials."""
    amount = number(value, field)
    if amount < 0:
        raise BadInput("invalid_value", message=str(messages.NEGATIVE_BUDGET), field=field)
    if amount != int(amount) or amount > MAX_DB_INT:
        raise BadInput("invalid_value", message=str(messages.BAD_NUMBER), field=field)
    return int(amount)


def share(value, field: str = "progress") -> float:
    """A progress share between 0 and 100."""
    result = number(value, field)
    if not 0 <= result <= 100:
        raise BadInput("invalid_value", message=str(messages.BAD_PROGRESS), field=field)
    return result


def url(value, field: str = "evidence_url") -> str:
    """An optional http(s) evidence link."""
    try:
        return validate_http_url(str(value or ""), field=field)
    except BadInput:
        raise BadInput("invalid_value", message=str(messages.BAD_URL), field=field) from None


def jalali_date(value, field: str) -> date:
    """A date typed as a Jalali date (1405/01/15, ۱۴۰۵-۱-۱۵), stored in the Gregorian calendar."""
    if isinstance(value, date):
        return value
    match = re.fullmatch(r"(\d{4})[/-](\d{1,2})[/-](\d{1,2})", fold(str(value or "")).strip())
    try:
        return JalaliDate(*(int(g) for g in match.groups())).to_gregorian()
    except (AttributeError, ValueError, OverflowError):
        raise BadInput("invalid_value", message=str(messages.BAD_DATE), field=field) from None


def jalali_year(day: date) -> int:
    """The Jalali year a Gregorian date falls in."""
    return JalaliDate(day).year
