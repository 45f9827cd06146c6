"""Text cleaning and validators: persian-ui.md §4.2; reliability-plan.md §3 as test_rowN_*."""

import json
import time

import pytest
from flask import Flask
from flask_babel import Babel, force_locale

from workshop.errors import BadInput
from workshop.text import (
    clean_input,
    compact_key,
    match_key,
    validate_http_url,
    validate_int,
    validate_text,
)

EXPECTED = "ایجاد پارک محله\u200cای"


def code_of(func, *args, **kwargs):
    """Run a validator and return the error code it raised."""
    with pytest.raises(BadInput) as info:
        func(*args, **kwargs)
    return info.value.code


def name(value):
    """Validate as a single-line identity field."""
    return validate_text(value, field="name", max_len=80)


def note(value, max_len=2000):
    """Validate as a multi-line annotation."""
    return validate_text(value, field="note", max_len=max_len, multiline=True)


@pytest.mark.parametrize(
    "raw",
    [
        "ایجـــاد پارک محلـه\u200cای",
        "\u202eایجاد پارک\u202c محله\u200c\u200cای ",
    ],
)
def test_clean_input_examples(raw):
    assert clean_input(raw) == EXPECTED


@pytest.mark.parametrize("raw", ["ايجاد پارك محله\u200cاي", "ﺍﯾﺠﺎﺩ ﭘﺎﺭﮎ ﻣﺤﻠﻪ\u200cﺍﯼ"])
def test_letters_are_stored_as_typed_and_folded_in_keys(raw):
    assert clean_input(raw) == raw
    assert compact_key(raw) == compact_key(EXPECTED)


@pytest.mark.parametrize("raw", ["١٢ ایستگاه دوچرخه", "۱۲ ایستگاه دوچرخه", "12 ایستگاه دوچرخه"])
def test_digits_are_stored_as_typed_and_folded_in_keys(raw):
    assert clean_input(raw) == raw
    assert match_key(raw) == "12 ایستگاه دوچرخه"


def test_match_key_example():
    assert match_key("ایجاد  پارکِ  مَحَلّه ای") == "ایجاد پارک محله ای"


@pytest.mark.parametrize("tail", ["محله\u200cای", "محله ای", "محلهای"])
def test_compact_key_folds_zwnj_and_space(tail):
    assert compact_key(f"ایجاد پارک {tail}") == "ایجادپارکمحلهای"


def test_presentation_kaf_maps_after_nfkc_in_keys():
    assert match_key("\ufed9") == "ک"  # NFKC gives Arabic kaf U+0643 first
    assert clean_input("\ufed9") == "\ufed9"


def test_clean_input_keeps_diacritics_and_ezafe():
    assert clean_input("پارکِ خانهٔ ما") == "پارکِ خانهٔ ما"


def test_odd_spaces_and_invisibles():
    raw = "\ufeff a\u00a0b\u2009c\u200bd\u00ade\u2066f\u2069\u200eg\u061ch  "
    assert clean_input(raw) == "a b cdefgh"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\u200cمی\u200cشود\u200c", "می\u200cشود"),
        ("کتاب\u200c ها", "کتاب ها"),
        ("کتاب \u200cها", "کتاب ها"),
        ("می\u200c\u200c\u200cشود", "می\u200cشود"),
    ],
)
def test_zwnj_cleanup(raw, clean):
    assert clean_input(raw) == clean


def test_zwj_dropped_in_words_but_kept_in_emoji():
    assert clean_input("می\u200dشود") == "میشود"
    assert clean_input("Dr. Ngozi 👩🏽\u200d🔬") == "Dr. Ngozi 👩🏽\u200d🔬"
    assert clean_input("🏳\ufe0f\u200d🌈") == "🏳\ufe0f\u200d🌈"


def test_multiline_cleanup():
    raw = "  اول  \r\nدوم\t\tسطر \r\n\r\n\r\n\r\n\r\nسوم\n\n\nچهارم\n"
    assert clean_input(raw, multiline=True) == "اول\nدوم سطر\n\n\nسوم\n\n\nچهارم"


def test_single_line_joins_lines():
    assert clean_input("a\nb\r\nc\u2028d") == "a b c d"


def test_match_key_folds():
    assert match_key("آب أ إ ٱ ؤ ئ ۀ ة هٔ") == "اب ا ا ا و ی ه ه ه"
    assert match_key("«پارک»، کجا؟ بله؛ Café_ROAD!") == "پارک کجا بله cafe road"


@pytest.mark.parametrize("raw", ["", "   ", "\u200b\u200b", "\u200c", "\ufeff\u2066", "\u3164"])
def test_row1_empty_or_invisible_is_required(raw):
    assert code_of(name, raw) == "required"


def test_row1_optional_field_returns_empty():
    assert validate_text(" \u200b ", field="org", max_len=10, required=False) == ""


def test_row2_length_limit_in_code_points():
    assert note("x" * 2000) == "x" * 2000
    assert code_of(note, "x" * 2001) == "too_long"


def test_row2_megabyte_rejected_fast():
    start = time.perf_counter()
    assert code_of(note, "x" * (1 << 20)) == "too_long"
    assert time.perf_counter() - start < 0.05


def test_row2_length_counted_after_cleaning():
    assert name("  a  " + "\u200b" * 100) == "a"


def test_row3_four_byte_characters_and_zwj_sequences():
    assert note("👩" * 2000) == "👩" * 2000
    assert code_of(note, "👩" * 2001) == "too_long"
    scientist = "👩🏽\u200d🔬"  # four code points
    assert note(scientist * 500) == scientist * 500
    assert code_of(note, scientist * 501) == "too_long"


def test_row4_zalgo_rejected():
    assert code_of(name, "a" + "\u0301" * 500) == "invalid_text"
    assert code_of(name, "x" + "\u0301" * 11) == "invalid_text"
    assert name("x" + "\u0301" * 10) == "x" + "\u0301" * 10  # x has no precomposed form


@pytest.mark.parametrize(
    "raw", ["Ali\x00ce", "\x1b[31mred", "bell\x07", "del\x7f", "c1\x85", "\x9b"]
)
def test_rows5_6_controls_rejected_in_both_modes(raw):
    assert code_of(name, raw) == "invalid_text"
    assert code_of(note, raw) == "invalid_text"


@pytest.mark.parametrize("raw", ["a\tb", "a\nb", "Alice\r\nINFO facilitator logged in", "a\rb"])
def test_rows6_7_line_breaks_and_tabs_only_in_multiline(raw):
    assert code_of(name, raw) == "invalid_text"


def test_rows6_7_multiline_accepts_tab_and_crlf():
    assert note("Alice\r\nINFO\tlogged in") == "Alice\nINFO logged in"


@pytest.mark.parametrize(
    "raw", ["Alice\u202egnp.exe", "Alice\u2066gnp\u2069.exe", "\u200eAlice\u200fgnp.exe\u061c"]
)
def test_row8_bidi_controls_stripped(raw):
    assert name(raw) == "Alicegnp.exe"


@pytest.mark.parametrize("raw", ["Alice\u200b", "\ufeffAlice", "Alice\u00a0", "Ａｌｉｃｅ"])
def test_row9_invisible_variants_compare_equal(raw):
    assert name(raw) == ("Ａｌｉｃｅ" if raw[0] == "Ａ" else "Alice")  # width kept as typed
    assert compact_key(raw) == compact_key("Alice")


def test_row10_cyrillic_lookalike_accepted_but_distinct():
    assert name("Аlice") == "Аlice"
    assert compact_key("Аlice") != compact_key("Alice")


def test_row11_lone_surrogate_from_json():
    assert code_of(name, json.loads('"Ali\\ud800"')) == "invalid_text"


@pytest.mark.parametrize(
    "char", list("\ufffe\uffff\U0001fffe\ufdd0\ue000\uf8ff\U000f0000\U0010fffd")
)
def test_row14_noncharacters_and_private_use(char):
    assert code_of(name, f"Ali{char}") == "invalid_text"
    assert code_of(note, f"Ali{char}") == "invalid_text"


@pytest.mark.parametrize("value", [None, 5, b"bytes", ["a"], {"a": 1}])
def test_non_string_is_bad_payload(value):
    assert code_of(name, value) == "bad_payload"


@pytest.mark.parametrize("raw", ["מרים כהן", "فاطمة الزهراء", "王小明", "Dr. Ngozi 👩🏽\u200d🔬"])
def test_row15_world_names_accepted(raw):
    assert name(raw) == raw


def test_error_carries_field_name():
    with pytest.raises(BadInput) as info:
        validate_text("x" * 5, field="title", max_len=4)
    assert info.value.to_ack()["fields"] == {"field": "title"}


def test_error_message_is_localised():
    app = Flask(__name__)
    Babel(app)
    with app.app_context(), force_locale("en"):
        assert BadInput("too_long").message == "This text is too long."


def dots(value, **kwargs):
    """Validate a dot count between 1 and 10."""
    return validate_int(value, field="dots", min_value=1, max_value=10, **kwargs)


@pytest.mark.parametrize(
    "value",
    [-1, 0, 11, 1.5, 3.0, True, False, 2**31, 2**63, 1e309, float("nan"), float("inf"), None],
)
def test_row24_bad_numbers(value):
    assert code_of(dots, value) == "invalid_value"


@pytest.mark.parametrize("value", ["", "1.5", "1e3", "۳٫۵", "3 4", "0x3", "۱۱", "-1", "9" * 5000])
def test_bad_number_strings(value):
    assert code_of(dots, value) == "invalid_value"


@pytest.mark.parametrize(
    ("value", "expected"), [(3, 3), ("3", 3), ("۳", 3), ("٣", 3), (" ۱۰ ", 10)]
)
def test_numbers_in_any_script(value, expected):
    assert dots(value) == expected


def test_strict_refuses_strings_for_json_payloads():
    assert dots(3, strict=True) == 3
    assert code_of(dots, "3", strict=True) == "invalid_value"


def test_negative_range():
    assert validate_int("-۵", field="x", min_value=-10, max_value=0) == -5


def link(value, **kwargs):
    """Validate an optional link field."""
    return validate_http_url(value, field="link", **kwargs)


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:x",
        "file:///etc/passwd",
        "ftp://example.com",
        "//example.com",
        "https://",
        "https:\\\\evil.example",
        "https://good.example@evil.example",
        "https://exa mple.com",
        "https://example.com/\u202egnp",
        "https://example.com:99999",
    ],
)
def test_row17_only_http_links(value):
    assert code_of(link, value) == "invalid_value"


@pytest.mark.parametrize(
    "value", ["https://example.com/a?b=1#c", "http://localhost:5000/x", " https://isfahan.ir "]
)
def test_http_links_kept(value):
    assert link(value) == value.strip()


def test_url_required_and_length():
    assert link("") == ""
    assert code_of(link, " ", required=True) == "required"
    assert code_of(link, "https://x.ir/" + "a" * 500) == "too_long"
    assert code_of(link, 42) == "bad_payload"
