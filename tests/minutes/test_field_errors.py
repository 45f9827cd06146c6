"""Issue 9 §4: a refused workspace save keeps everything typed, with the error at its field."""

from __future__ import annotations

import re

import pytest


@pytest.fixture
def secretary(app, env, login):
    return login(app.test_client(), env["secretary"])


def _url(env, tail=""):
    return f"/staff/workshops/{env['workshop']}/minutes{tail}"


def _field(html: str, name: str, key: str) -> str:
    """The markup of the input/textarea `name` inside the unit whose error key is `key`."""
    form = next(f for f in html.split("<form") if f"err-{key}-" in f or f"hint-{key}" in f)
    match = re.search(rf'<(input|textarea|select)[^>]*name="{name}"[^>]*>([^<]*)', form)
    return match.group(0)


@pytest.mark.parametrize(("lang", "example"), [("fa", "۱۴۰۵/۰۹/۱۰"), ("en", "1405/09/10")])
def test_refused_action_date_keeps_what_who_and_date(env, secretary, lang, example):
    refused = secretary.post(_url(env, f"/save?lang={lang}"), data={
        "kind": "action", "what": "تهیهٔ گزارش <b>پیاده‌راه</b>", "owner": "علی رضایی",
        "due": "1405/13/40", "status": "in_progress", "save": "1"})
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert "تهیهٔ گزارش &lt;b&gt;پیاده‌راه&lt;/b&gt;</textarea>" in html
    assert 'value="علی رضایی"' in html
    due = _field(html, "due", "action-new")
    assert 'value="1405/13/40"' in due
    assert 'aria-invalid="true"' in due
    assert "err-action-new-due" in due
    error = re.search(r'<p class="error field-error" id="err-action-new-due"[^>]*>([^<]+)', html)
    assert error
    assert example in error.group(1)
    assert '<option value="in_progress" selected>' in html
    assert secretary.get(_url(env, "/state")).get_json()["actions"] == []  # nothing stored
    assert f'placeholder="{example}"' in html  # the hint speaks the reader's digits


@pytest.mark.parametrize("typed", ["۱۴۰۵/۰۹/۱۰", "1405-9-10", "۱۴۰۵-۰۹-۱۰", "1405/09/10"])
def test_due_date_in_any_digits_and_separator(env, secretary, typed):
    saved = secretary.post(_url(env, "/save"), data={
        "kind": "action", "what": "گزارش", "due": typed, "status": "open", "save": "1"})
    assert saved.status_code == 302
    assert secretary.get(_url(env, "/state")).get_json()["actions"][0]["due_jalali"] == \
        "1405/09/10"


def test_refused_edit_of_an_existing_item_keeps_the_typed_text(env, secretary):
    secretary.post(_url(env, "/save"), data={"kind": "action", "what": "نخست", "status": "open",
                                             "save": "1"})
    action = secretary.get(_url(env, "/state")).get_json()["actions"][0]
    refused = secretary.post(_url(env, "/save"), data={
        "kind": "action", "id": action["id"], "base": action["revision"], "what": "ویرایش شده",
        "owner": "مریم", "due": "99/99/99", "status": "open", "save": "1"})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "ویرایش شده</textarea>" in html
    assert 'value="مریم"' in html
    assert f"err-action-{action['id']}-due" in html


def test_refused_new_decision_keeps_links_and_shows_the_error_at_the_text(env, secretary):
    refused = secretary.post(_url(env, "/save"), data={
        "kind": "decision", "text": "   ", "save": "1"})
    assert refused.status_code == 400
    assert 'id="err-decision-new-text"' in refused.get_data(as_text=True)


def test_conflict_keeps_mine_and_saving_again_overwrites(env, secretary):
    first = secretary.post(_url(env, "/save"), data={"kind": "summary", "text": "متن اول",
                                                     "base": "0", "save": "1"})
    assert first.status_code == 302
    refused = secretary.post(_url(env, "/save"), data={"kind": "summary", "text": "متن من",
                                                       "base": "0", "save": "1"})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "متن من</textarea>" in html
    assert "متن اول" in html
    base = re.search(r'data-unit="summary".*?name="base" value="(\d+)"', html, re.S).group(1)
    again = secretary.post(_url(env, "/save"), data={"kind": "summary", "text": "متن من",
                                                     "base": base, "save": "1"})
    assert again.status_code == 302
    assert secretary.get(_url(env, "/state")).get_json()["summary"]["text"] == "متن من"
