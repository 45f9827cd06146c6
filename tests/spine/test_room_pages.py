"""Issue 9, server side of the room: nothing preselected when joining (and no default on the
server), the workshop's language on the projector and phones, the no-JS ballot."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from workshop import joining  # noqa: F401  (imports the realtime modules in a working order)
from workshop.extensions import db
from workshop.models import Participant


def _join_page(client, code: str) -> str:
    return client.get(f"/j/{code}").get_data(as_text=True)


def test_join_page_preselects_no_field(client, make_workshop):
    page = _join_page(client, make_workshop()["code"])
    select = re.search(r'<select[^>]*name="discipline_id".*?</select>', page, re.S).group(0)
    options = re.findall(r"<option([^>]*)>", select)
    assert 'value=""' in options[0], "the first option asks to choose"
    assert [o for o in options if "selected" in o] in ([], [options[0]]), "nothing else chosen"


def test_join_without_a_field_is_refused_and_creates_nobody(app, client, make_workshop):
    w = make_workshop()
    for sent in ({}, {"discipline_id": ""}):
        response = client.post(f"/j/{w['code']}?lang=en", data={"name": "مریم", **sent})
        assert response.status_code == 400
        assert "This field is required." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Participant)) == 0


@pytest.mark.parametrize(("language", "browser"), [("fa", "en-US,en;q=0.9"), ("en", "fa-IR")])
def test_projector_speaks_the_workshop_language(client, make_workshop, login, language,
                                                browser):
    w = make_workshop(language=language)
    login(client, w["facilitator"])
    client.set_cookie("lang", browser[:2])  # the staff member's own choice elsewhere
    page = client.get(f"/staff/workshops/{w['id']}/projector",
                      headers={"Accept-Language": browser}).get_data(as_text=True)
    assert f'<html lang="{language}"' in page
    assert ("تمام‌صفحه" if language == "fa" else "Full screen") in page


def test_phones_start_in_the_workshop_language_and_may_switch(app, make_workshop, join_phone):
    w = make_workshop(language="en")
    phone = app.test_client()
    first = phone.get(f"/j/{w['code']}", headers={"Accept-Language": "fa-IR"})
    assert '<html lang="en"' in first.get_data(as_text=True)
    phone = join_phone(w)
    page = phone.get(f"/w/{w['id']}/phone", headers={"Accept-Language": "fa-IR"})
    assert '<html lang="en"' in page.get_data(as_text=True)
    switched = phone.get(f"/w/{w['id']}/phone?lang=fa")
    assert '<html lang="fa"' in switched.get_data(as_text=True)
    again = phone.get(f"/w/{w['id']}/phone", headers={"Accept-Language": "en"})
    assert '<html lang="fa"' in again.get_data(as_text=True), "the switch is remembered"


def _open_round(live, client, w, method, points, **rules):
    console = live(client, w, "console")
    def cmd(name, **args):
        ack = console.emit(name, {"workshop": w["id"], "op": f"{name}-{method}-{len(args)}",
                                  **args}, namespace="/live", callback=True)
        assert ack["ok"], ack
        return ack["result"]
    cmd("move_stage", stage="propose")
    round_id = cmd("create_round", method=method, points=points, **rules)["round"]["id"]
    cmd("open_round", round=round_id)
    return round_id


def _points(app, w, n=3):
    from workshop.models.focus import FocusPoint

    with app.app_context():
        rows = [FocusPoint(workshop_id=w["id"], title=f"نقطهٔ {i}", position=i) for i in range(n)]
        db.session.add_all(rows)
        db.session.commit()
        return [p.id for p in rows]


def _forms(page: str) -> list[str]:
    ballot = re.search(r"<noscript>\s*<section class=\"card nojs-ballot\".*?</noscript>", page,
                       re.S)
    assert ballot, "no server-rendered ballot"
    return re.findall(r"<form.*?</form>", ballot.group(0), re.S)


def _post(phone, form: str, button: str):
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    name, value = button.split("=")
    action = re.search(r'action="([^"]+)"', form).group(1)
    return phone.post(action, data={**fields, name: value})


def test_nojs_dots_ballot_votes_and_shows_what_is_left(app, client, make_workshop, login, live,
                                                        join_phone):
    w = make_workshop()
    login(client, w["facilitator"])
    points = _points(app, w)
    _open_round(live, client, w, "dots", points, budget=2)
    phone = join_phone(w)
    forms = _forms(phone.get(f"/w/{w['id']}/phone").get_data(as_text=True))
    assert len(forms) == 3
    for _ in range(2):
        response = _post(phone, forms[0], "delta=1")
        assert response.status_code == 302
        forms = _forms(phone.get(f"/w/{w['id']}/phone").get_data(as_text=True))
    page = phone.get(f"/w/{w['id']}/phone?lang=en").get_data(as_text=True)
    assert "Left: 0" in page
    assert re.search(r'name="delta" value="1"[^>]*disabled', _forms(page)[1]), "+ rests at 0"


def test_nojs_ranking_ballot_sends_the_whole_order(app, client, make_workshop, login, live,
                                                   join_phone):
    w = make_workshop()
    login(client, w["facilitator"])
    points = _points(app, w)
    _open_round(live, client, w, "ranking", points, top_k=2)
    phone = join_phone(w)
    forms = _forms(phone.get(f"/w/{w['id']}/phone").get_data(as_text=True))
    assert _post(phone, forms[2], f"ranking={points[2]}").status_code == 302
    forms = _forms(phone.get(f"/w/{w['id']}/phone?lang=en").get_data(as_text=True))
    assert "Rank 1" in forms[2]
    assert f'value="{points[2]},{points[0]}"' in forms[0]
