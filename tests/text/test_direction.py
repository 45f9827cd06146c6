"""The one direction rule: majority of words, LTR units isolated, contextual digits."""

from __future__ import annotations

import pytest

from workshop.text.direction import direction, display_text, pieces

LRI, PDI = "\u2066", "\u2069"


@pytest.mark.parametrize(("text", "fallback", "want"), [
    ("API باز برای Google Maps در شهر اصفهان", "ltr", "rtl"),  # Latin first, Persian majority
    ("Bike lanes on Chaharbagh (فاز ۲)", "rtl", "ltr"),
    ("Metro خط", "ltr", "ltr"),                                  # a tie takes the UI's
    ("Metro خط", "rtl", "rtl"),
    ("1405", "rtl", "rtl"),                                        # no words at all
    ("منبع: https://example.org/a/b/c/d", "ltr", "rtl"),          # a URL is not counted
    ("", "ltr", "ltr"),
])
def test_direction_is_the_majority_of_words(text, fallback, want):
    assert direction(text, fallback) == want


def test_ltr_units_are_isolated_and_keep_their_order():
    shown = display_text("تلفن 031-32221100 و رشد -3.5% در 1405-08-30", "en")
    assert f"{LRI}031-32221100{PDI}" in shown
    assert f"{LRI}-3.5%{PDI}" in shown
    assert f"{LRI}1405-08-30{PDI}" in shown


def test_digits_follow_their_run_in_persian_only():
    shown = display_text("آیندهٔ اصفهان 1410 و Metro Line 2", "fa")
    assert shown == "آیندهٔ اصفهان ۱۴۱۰ و Metro Line 2"
    assert display_text("12 ایستگاه", "fa") == "۱۲ ایستگاه"
    assert display_text("آیندهٔ اصفهان 1410", "en") == "آیندهٔ اصفهان 1410"
    assert display_text("آیندهٔ اصفهان ۱۴۱۰", "en") == "آیندهٔ اصفهان ۱۴۱۰"  # never to ASCII
    units = [p.text for p in pieces("نشانی https://x.org/2 و کد A12", "fa") if p.ltr_unit]
    assert units == ["https://x.org/2", "A12"]                      # as typed


def test_jinja_filter_and_global(app):
    with app.test_request_context("/?lang=fa"):
        from flask import render_template_string

        html = render_template_string("{{ user_text(t, class_='x') }}|{{ t|tdir }}",
                                      t="API باز برای Google Maps در اصفهان: 031-32221100 <b>")
    assert html.startswith('<bdi dir="rtl" class="x">API باز برای Google Maps در اصفهان: '
                           '<bdi dir="ltr">۰۳۱-۳۲۲۲۱۱۰۰</bdi> &lt;b&gt;</bdi>|rtl')
