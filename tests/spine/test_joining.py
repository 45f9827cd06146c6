"""Joining from phones: codes, tokens, restoring a phone, and every bad name from issue §8."""

from __future__ import annotations

import html

import pytest

from tests.spine.helpers import fingerprint, participants
from workshop import joining  # noqa: F401  (imports the realtime modules in a working order)
from workshop.realtime.connect import participant_cookie

BAD_CODE_FA = "کارگاه بازی با این کد ورود وجود ندارد."


def _cookie(phone, workshop):
    cookie = phone.get_cookie(participant_cookie(workshop["id"]))
    return cookie.value if cookie else None


def test_join_sets_a_strong_httponly_token_and_stores_only_its_hash(app, make_workshop,
                                                                    join_phone):
    w = make_workshop()
    phone = join_phone(w)
    cookie = phone.get_cookie(participant_cookie(w["id"]))
    assert cookie.http_only
    assert cookie.same_site == "Lax"
    assert len(cookie.value) >= 32  # token_urlsafe(32): 256 random bits
    [row] = participants(app, w["id"])
    assert row["status"] == "admitted"
    assert row["token_hash"] != cookie.value
    assert cookie.value not in repr(fingerprint(app))


def test_reopening_on_the_same_phone_restores_the_same_participant(app, make_workshop,
                                                                   join_phone):
    w = make_workshop()
    phone = join_phone(w)
    again = phone.get(f"/j/{w['code']}")
    assert again.status_code == 302
    assert again.location.endswith(f"/w/{w['id']}/phone")
    assert phone.get(f"/w/{w['id']}/phone").status_code == 200
    assert len(participants(app, w["id"])) == 1


def test_a_second_phone_is_a_second_participant(app, make_workshop, join_phone):
    w = make_workshop()
    first, second = join_phone(w, name="مریم"), join_phone(w, name="مریم")
    assert _cookie(first, w) != _cookie(second, w)
    assert [p["name"] for p in participants(app, w["id"])] == ["مریم", "مریم"]


def test_code_is_forgiving_about_case_dashes_and_spaces(client, make_workshop):
    w = make_workshop()
    typed = f" {w['code'][:3].lower()}-{w['code'][3:].lower()} "
    response = client.post("/join", data={"code": typed})
    assert response.status_code == 302
    assert response.location.endswith(f"/j/{w['code']}")


@pytest.mark.parametrize(("lang", "message"), [
    ("fa", BAD_CODE_FA), ("en", "There is no open workshop with this join code.")])
def test_wrong_code_gets_a_localised_error(client, make_workshop, lang, message):
    make_workshop()
    response = client.post(f"/join?lang={lang}", data={"code": "ZZZZZZ"})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_eleventh_wrong_code_in_a_minute_is_refused_with_429(app, client, make_workshop):
    w = make_workshop()
    for _ in range(10):
        assert client.post("/join", data={"code": "XXXXXX"}).status_code == 400
    refused = client.post("/join", data={"code": "XXXXXX"})
    assert refused.status_code == 429
    assert "یک دقیقه صبر کنید" in refused.get_data(as_text=True)
    # Even the right code waits now, so guessing gains nothing.
    assert client.post("/join", data={"code": w["code"]}).status_code == 429
    assert client.get(f"/j/{w['code']}").status_code == 429


def test_the_join_get_page_goes_back_to_the_start(client):
    """The language switch on a refused code re-requests /join with GET."""
    response = client.get("/join?lang=en")
    assert response.status_code == 302
    assert "lang=en" in response.headers.get("Set-Cookie", "")


def _post_name(app, disciplines, w, name, organisation=""):
    phone = app.test_client()
    data = {"name": name, "discipline_id": disciplines["health"], "organisation": organisation}
    return phone.post(f"/j/{w['code']}", data=data)


@pytest.mark.parametrize(("name", "message"), [
    ("", "پر کردن این فیلد الزامی است."),
    ("   \u200b\u200b ", "پر کردن این فیلد الزامی است."),
    ("x" * 10_000, "این متن بیش از حد طولانی است."),
    ("x" * 81, "این متن بیش از حد طولانی است."),
    ("Ali\x00ce", "این متن نویسه‌هایی دارد که مجاز نیستند."),
    ("Ali\x1b[31mce", "این متن نویسه‌هایی دارد که مجاز نیستند."),
])
def test_bad_names_get_a_clear_error_and_nothing_is_stored(app, make_workshop, disciplines,
                                                           name, message):
    w = make_workshop()
    before = fingerprint(app)
    response = _post_name(app, disciplines, w, name)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert fingerprint(app) == before


def test_line_breaks_in_a_typed_name_become_one_line(app, make_workshop, disciplines):
    """The form flattens CR/LF (no forged log lines); the socket path refuses them outright."""
    w = make_workshop()
    assert _post_name(app, disciplines, w, "Alice\r\nINFO admin").status_code == 302
    assert participants(app, w["id"])[0]["name"] == "Alice INFO admin"


def test_unknown_or_foreign_discipline_is_refused(app, make_workshop):
    w = make_workshop()
    before = fingerprint(app)
    response = _post_name(app, {"health": 99_999}, w, "Reza")
    assert response.status_code == 400
    assert fingerprint(app) == before


def test_html_in_names_is_stored_verbatim_and_shown_literally(app, make_workshop, disciplines,
                                                              make_user, login, client):
    w = make_workshop()
    name = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    phone = app.test_client()
    phone.post(f"/j/{w['code']}", data={"name": name, "discipline_id": disciplines["health"]})
    assert participants(app, w["id"])[0]["name"] == name
    page = phone.get(f"/w/{w['id']}/phone").get_data(as_text=True)
    assert html.escape(name, quote=False) in page or html.escape(name) in page
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page


def test_bidi_overrides_and_invisible_characters_are_stripped(app, make_workshop, disciplines):
    w = make_workshop()
    _post_name(app, disciplines, w, "Alice\u202egnp.exe\u2066\u200f", "\ufeffشهرداری\u202c")
    [row] = participants(app, w["id"])
    assert row["name"] == "Alicegnp.exe"
    assert row["organisation"] == "شهرداری"


def test_forged_token_is_not_a_participant(app, make_workshop):
    w = make_workshop()
    phone = app.test_client()
    phone.set_cookie(participant_cookie(w["id"]), "forged-token-" + "a" * 30)
    response = phone.get(f"/w/{w['id']}/phone")
    assert response.status_code == 302
    assert response.location.endswith(f"/j/{w['code']}")


def test_token_of_workshop_a_does_not_open_workshop_b(app, make_workshop, join_phone):
    a, b = make_workshop(), make_workshop()
    phone = join_phone(a)
    phone.set_cookie(participant_cookie(b["id"]), _cookie(phone, a))
    assert phone.get(f"/w/{b['id']}/phone").status_code == 302
    assert participants(app, b["id"]) == []


def test_closed_workshop_takes_no_new_participants(app, make_workshop, disciplines):
    from workshop.extensions import db
    from workshop.models import Workshop

    w = make_workshop()
    with app.app_context():
        db.session.get(Workshop, w["id"]).status = "closed"
        db.session.commit()
    before = fingerprint(app)
    response = _post_name(app, disciplines, w, "Reza")
    assert response.status_code in (400, 404)
    assert fingerprint(app) == before
