"""Digits, numbers and Jalali/Gregorian date texts for PDFs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from workshop.pdfkit import (
    date_line,
    format_number,
    gregorian_text,
    jalali_date_text,
    jalali_numeric,
    jalali_text,
    persian_digits,
    time_text,
    weekday_text,
)

NOON_TEHRAN = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)  # 13:00 in Tehran (+03:30)


def test_persian_digits():
    assert persian_digits("1405/08/30") == "۱۴۰۵/۰۸/۳۰"
    assert persian_digits(12) == "۱۲"
    assert persian_digits("1,234.5") == "۱,۲۳۴.۵"
    assert persian_digits("1,234.5", separators=True) == "۱٬۲۳۴٫۵"


@pytest.mark.parametrize(("n", "lang", "want"), [
    (12500.5, "fa", "۱۲٬۵۰۰٫۵"),
    (12500.5, "en", "12,500.5"),
    (1405, "fa_IR", "۱٬۴۰۵"),
    (3.0, "fa", "۳"),
    (-7, "en", "-7"),
])
def test_format_number(n, lang, want):
    assert format_number(n, lang) == want


def test_format_number_decimals():
    assert format_number(2 / 3, "fa", decimals=2) == "۰٫۶۷"


def test_jalali_date_text():
    assert jalali_date_text(NOON_TEHRAN, "fa") == "۳۰ آبان ۱۴۰۵"
    assert jalali_date_text(NOON_TEHRAN, "en") == "21 Nov 2026"
    assert jalali_text(NOON_TEHRAN, "en") == "30 Aban 1405"
    assert gregorian_text(NOON_TEHRAN, "fa") == "۲۱ نوامبر ۲۰۲۶"
    assert jalali_numeric(NOON_TEHRAN) == "۱۴۰۵/۰۸/۳۰"


def test_day_boundary_uses_tehran_time():
    late_utc = datetime(2026, 3, 20, 20, 45, tzinfo=UTC)  # 00:15 on Nowruz in Tehran
    assert jalali_date_text(late_utc, "fa") == "۱ فروردین ۱۴۰۵"
    naive = datetime(2026, 3, 20, 20, 45)  # naive means UTC
    assert jalali_date_text(naive, "fa") == "۱ فروردین ۱۴۰۵"
    other_zone = late_utc.astimezone(timezone(timedelta(hours=-5)))
    assert jalali_date_text(other_zone, "fa") == "۱ فروردین ۱۴۰۵"


def test_plain_dates_are_not_shifted():
    assert jalali_date_text(date(2026, 3, 20), "fa") == "۲۹ اسفند ۱۴۰۴"


def test_weekday_and_date_line():
    assert weekday_text(NOON_TEHRAN, "fa") == "شنبه"
    assert weekday_text(datetime(2026, 11, 19, 9, tzinfo=UTC), "fa") == "پنج\u200cشنبه"
    fa = date_line(NOON_TEHRAN, "fa").replace("\u2068", "").replace("\u2069", "")
    assert fa == "شنبه ۳۰ آبان ۱۴۰۵ (۲۱ نوامبر ۲۰۲۶)"
    en = date_line(NOON_TEHRAN, "en").replace("\u2068", "").replace("\u2069", "")
    assert en == "Saturday 21 Nov 2026 (30 Aban 1405)"


def test_time_text():
    assert time_text(NOON_TEHRAN, "fa") == "۱۳:۰۰"
    assert time_text(NOON_TEHRAN.replace(tzinfo=None), "en") == "13:00"
