"""Creating and editing workshops through the service and the form (Jalali dates)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from tests.spine.helpers import fingerprint, user_actor
from workshop.errors import WorkshopError
from workshop.extensions import db
from workshop.models import AuditEntry, Program, Workshop
from workshop.workshops import services
from workshop.workshops.codes import JOIN_ALPHABET, JOIN_CODE_LENGTH


def _data(**fields):
    program = db.session.scalar(sa.select(Program))
    return {"title": "کارگاه", "program_id": program.id, "phase_id": program.phases[0].id,
            **fields}


def test_create_makes_the_creator_facilitator_with_an_unambiguous_code(app, make_user):
    fac = make_user("facilitator")
    with app.app_context():
        workshop = services.create_workshop(user_actor(fac), _data(location="تالار"))
        assert workshop.stage == "lobby"
        assert workshop.status == "scheduled"
        assert [(s.user_id, s.role) for s in workshop.staff] == [(fac, "facilitator")]
        assert len(workshop.join_code) == JOIN_CODE_LENGTH
        assert set(workshop.join_code) <= set(JOIN_ALPHABET)
        assert not set(workshop.join_code) & set("0O1I")
        actions = db.session.scalars(sa.select(AuditEntry.action)).all()
        assert "workshop.create" in actions


@pytest.mark.parametrize("role", ["secretary"])
def test_secretaries_cannot_create_workshops(app, make_user, role):
    user = make_user(role)
    with app.app_context(), pytest.raises(WorkshopError) as refused:
        services.create_workshop(user_actor(user), _data())
    assert refused.value.code == "forbidden"


@pytest.mark.parametrize(("fields", "code", "field"), [
    ({"title": ""}, "required", "title"),
    ({"title": "x" * 10_000}, "too_long", "title"),
    ({"title": "a\x00b"}, "invalid_text", "title"),
    ({"phase_id": 999}, "invalid_value", "phase"),
    ({"scheduled_at": "1405/08/30"}, "invalid_value", "scheduled_at"),
])
def test_bad_workshop_fields_are_refused_and_nothing_is_stored(app, make_user, fields, code,
                                                               field):
    fac = make_user("facilitator")
    before = fingerprint(app)
    with app.app_context(), pytest.raises(WorkshopError) as refused:
        services.create_workshop(user_actor(fac), _data(**fields))
    assert (refused.value.code, refused.value.fields.get("field")) == (code, field)
    assert fingerprint(app) == before


def test_edit_by_another_facilitator_looks_like_not_found(app, make_user, make_workshop):
    w = make_workshop()
    other = make_user("facilitator")
    before = fingerprint(app)
    with app.app_context(), pytest.raises(WorkshopError) as refused:
        services.update_workshop(user_actor(other), w["id"], _data(title="ربوده"))
    assert refused.value.code == "not_found"
    assert fingerprint(app) == before


def test_edit_changes_fields_and_settings(app, make_workshop):
    w = make_workshop()
    with app.app_context():
        services.update_workshop(user_actor(w["facilitator"]), w["id"],
                                 _data(title="عنوان تازه", anonymous_proposals=True))
        workshop = db.session.get(Workshop, w["id"])
        assert workshop.title == "عنوان تازه"
        assert workshop.settings["anonymous_proposals"] is True
        assert workshop.version == 2  # editing is published to every screen


def _form(client, program, **fields):
    data = {"title": "کارگاه تاریخ", "phase_id": program["phase"], "language": "fa",
            "results_visible": "y", **fields}
    return client.post("/staff/workshops/new", data=data)


@pytest.fixture
def program(app):
    with app.app_context():
        p = db.session.scalar(sa.select(Program))
        return {"id": p.id, "phase": p.phases[1].id}


@pytest.mark.parametrize(("date", "time"), [("۱۴۰۵/۰۸/۳۰", "۱۳:۰۰"), ("1405/8/30", "13:00"),
                                            ("١٤٠٥-٠٨-٣٠", "13:00")])
def test_form_accepts_jalali_dates_in_persian_or_latin_digits(app, client, make_user, login,
                                                              program, date, time):
    login(client, make_user("facilitator"))
    response = _form(client, program, date=date, time=time)
    assert response.status_code == 302, response.get_data(as_text=True)
    with app.app_context():
        workshop = db.session.scalar(sa.select(Workshop))
        # 30 Aban 1405, 13:00 in Tehran (+03:30) is 09:30 UTC on 21 Nov 2026.
        assert workshop.scheduled_at == datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
        assert workshop.phase_id == program["phase"]
    page = client.get(response.location).get_data(as_text=True)
    assert "۳۰ آبان ۱۴۰۵" in page
    assert "۱۳:۰۰" in page


@pytest.mark.parametrize("date", ["1405/13/01", "1405/12/31", "۱۴۰۵/۰۸", "tomorrow"])
def test_impossible_jalali_dates_get_a_localised_field_error(app, client, make_user, login,
                                                             program, date):
    login(client, make_user("facilitator"))
    before = fingerprint(app)
    response = _form(client, program, date=date, time="10:00")
    assert response.status_code == 400
    assert "این مقدار معتبر نیست." in response.get_data(as_text=True)
    assert fingerprint(app) == before


def test_edit_form_prefills_the_jalali_date(app, client, make_user, login, program):
    login(client, make_user("facilitator"))
    location = _form(client, program, date="1405/08/30", time="13:00").location
    workshop_id = int(location.rstrip("/").rsplit("/", 1)[1])
    page = client.get(f"/staff/workshops/{workshop_id}/edit").get_data(as_text=True)
    assert 'value="1405/08/30"' in page
    assert 'value="13:00"' in page
