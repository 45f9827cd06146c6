"""Numbers and Jalali dates: the checked outputs of persian-ui.md §2.3, §2.4 and §3."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from workshop.errors import BadInput
from workshop.i18n.formatting import (
    format_date,
    format_datetime,
    format_gregorian_as_jalali_input,
    format_number,
    format_percent,
    format_time,
    iso_tehran,
    parse_jalali_datetime,
    to_ascii_digits,
    to_persian_digits,
    to_tehran,
)

# 13:00 in Tehran on 21 Nov 2026 = ۳۰ آبان ۱۴۰۵, stored as UTC.
MEETING = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("lang", "style", "expected"),
    [
        ("fa", "long", "۳۰ آبان ۱۴۰۵"),
        ("fa", "numeric", "۱۴۰۵/۰۸/۳۰"),
        ("fa", "both", "شنبه ۳۰ آبان ۱۴۰۵ (۲۱ نوامبر ۲۰۲۶)"),
        ("en", "long", "21 Nov 2026"),
        ("en", "numeric", "2026-11-21"),
        ("en", "both", "Saturday 21 Nov 2026 (30 Aban 1405)"),
    ],
)
def test_format_date_checked_outputs(lang, style, expected):
    assert format_date(MEETING, lang, style) == expected


def test_format_time_and_datetime():
    assert format_time(MEETING, "fa") == "۱۳:۰۰"
    assert format_time(MEETING, "en") == "13:00"
    assert format_datetime(MEETING, "fa") == "۳۰ آبان ۱۴۰۵، ساعت ۱۳:۰۰"
    assert format_datetime(MEETING, "en") == "21 Nov 2026, 13:00"


def test_no_invisible_marks_in_output():
    for lang in ("fa", "en"):
        text = format_date(MEETING, lang, "both") + format_datetime(MEETING, lang)
        assert not {"\u200e", "\u200f", "\u061c"} & set(text)


def test_long_date_is_not_padded():
    assert format_date(datetime(2026, 3, 21, 12, tzinfo=UTC), "fa") == "۱ فروردین ۱۴۰۵"


def test_unknown_style_is_a_bug():
    with pytest.raises(ValueError, match="style"):
        format_date(MEETING, "fa", "short")


def test_iso_tehran_for_time_element():
    assert iso_tehran(MEETING) == "2026-11-21T13:00:00+03:30"


@pytest.mark.parametrize(
    ("utc", "offset"),
    [
        (datetime(2021, 7, 1, tzinfo=UTC), timedelta(hours=4, minutes=30)),
        (datetime(2022, 7, 1, tzinfo=UTC), timedelta(hours=4, minutes=30)),
        (datetime(2023, 7, 1, tzinfo=UTC), timedelta(hours=3, minutes=30)),
        (datetime(2026, 7, 1, tzinfo=UTC), timedelta(hours=3, minutes=30)),
    ],
)
def test_tehran_offsets_without_dst_since_2023(utc, offset):
    assert to_tehran(utc).utcoffset() == offset


def test_naive_is_utc_and_other_zones_convert():
    assert to_tehran(datetime(2026, 11, 21, 9, 30)) == MEETING
    berlin = datetime(2026, 11, 21, 10, 30, tzinfo=timezone(timedelta(hours=1)))
    assert format_time(berlin, "fa") == "۱۳:۰۰"


def test_day_boundary_at_nowruz():
    late = datetime(2026, 3, 20, 20, 45, tzinfo=UTC)  # 00:15 on 1 Farvardin in Tehran
    assert format_date(late, "fa") == "۱ فروردین ۱۴۰۵"
    assert format_date(late, "fa", "numeric") == "۱۴۰۵/۰۱/۰۱"
    assert format_date(late, "en", "both") == "Saturday 21 Mar 2026 (1 Farvardin 1405)"


def test_weekday_spelling_is_ours():
    days = [format_date(MEETING + timedelta(days=n), "fa", "both").split()[0] for n in range(7)]
    assert days == ["شنبه", "یکشنبه", "دوشنبه", "سه\u200cشنبه", "چهارشنبه", "پنجشنبه", "جمعه"]


def test_digit_conversion():
    assert to_persian_digits("1405/08/30 ٣") == "۱۴۰۵/۰۸/۳۰ ۳"
    assert to_persian_digits(42) == "۴۲"
    assert to_ascii_digits("۱۴۰۵ و ١٤٠٥") == "1405 و 1405"


@pytest.mark.parametrize(
    ("value", "fa", "en"),
    [
        (1234567.5, "۱٬۲۳۴٬۵۶۷٫۵", "1,234,567.5"),
        (1234567.891, "۱٬۲۳۴٬۵۶۷٫۸۹۱", "1,234,567.891"),
        (1500000, "۱٬۵۰۰٬۰۰۰", "1,500,000"),
        (1405, "۱٬۴۰۵", "1,405"),
        (0, "۰", "0"),
    ],
)
def test_format_number(value, fa, en):
    assert format_number(value, "fa") == fa
    assert format_number(value, "en") == en


def test_format_percent():
    assert format_percent(0.42, "fa") == "۴۲٪"
    assert format_percent(0.42, "en") == "42%"
    assert format_percent(1, "fa") == "۱۰۰٪"


# --- input: Jalali date and Tehran time typed in a form ------------------------------------


@pytest.mark.parametrize(
    ("date_text", "time_text"),
    [
        ("1405/08/30", "13:00"),
        ("۱۴۰۵/۰۸/۳۰", "۱۳:۰۰"),
        ("١٤٠٥/٠٨/٣٠", "١٣:٠٠"),
        ("1405-8-30", "13:00"),
        (" 1405/8/30 ", " 13:00 "),
    ],
)
def test_parse_jalali_datetime(date_text, time_text):
    parsed = parse_jalali_datetime(date_text, time_text)
    assert parsed == MEETING
    assert parsed.tzinfo is UTC


def test_parse_leap_day_and_nowruz_midnight():
    assert parse_jalali_datetime("1403/12/30", "12:00") == datetime(2025, 3, 20, 8, 30, tzinfo=UTC)
    assert parse_jalali_datetime("1405/01/01", "00:15") == datetime(2026, 3, 20, 20, 45, tzinfo=UTC)


@pytest.mark.parametrize(
    ("date_text", "time_text", "field"),
    [
        ("1404/12/30", "13:00", "date"),  # 1404 is not a leap year
        ("1405/13/01", "13:00", "date"),
        ("1405/00/10", "13:00", "date"),
        ("1405/08/32", "13:00", "date"),
        ("30/08/1405", "13:00", "date"),
        ("1405/08", "13:00", "date"),
        ("", "13:00", "date"),
        (None, "13:00", "date"),
        (14050830, "13:00", "date"),
        ("1405/08/30", "24:00", "time"),
        ("1405/08/30", "13:60", "time"),
        ("1405/08/30", "1pm", "time"),
        ("1405/08/30", "", "time"),
        ("1405/08/30", None, "time"),
    ],
)
def test_parse_rejects_bad_input(date_text, time_text, field):
    with pytest.raises(BadInput) as info:
        parse_jalali_datetime(date_text, time_text)
    assert info.value.code == "invalid_value"
    assert info.value.fields == {"field": field}


def test_parse_uses_given_field_names():
    with pytest.raises(BadInput) as info:
        parse_jalali_datetime("1404/12/30", "13:00", date_field="starts_on")
    assert info.value.fields == {"field": "starts_on"}


def test_prefill_round_trip():
    assert format_gregorian_as_jalali_input(MEETING) == ("1405/08/30", "13:00")
    assert parse_jalali_datetime(*format_gregorian_as_jalali_input(MEETING)) == MEETING
