"""A programme's disciplines are editable: add, rename (fa+en), reorder, deactivate."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.spine.helpers import fingerprint
from workshop.extensions import db
from workshop.models import Discipline, Program, ProgramPhase


@pytest.fixture
def program(app):
    with app.app_context():
        p = db.session.scalar(sa.select(Program))
        return {"id": p.id, "first": p.disciplines[0].id, "second": p.disciplines[1].id,
                "phase": p.phases[0].id}


@pytest.fixture
def editor(client, make_user, login):
    login(client, make_user("facilitator"))
    return client


def _disciplines(app):
    with app.app_context():
        stmt = sa.select(Discipline).order_by(Discipline.position, Discipline.id)
        rows = [(d.key, d.name_fa, d.name_en, d.active) for d in db.session.scalars(stmt)]
        db.session.remove()
        return rows


def test_page_lists_phases_and_disciplines_and_is_linked_from_the_workshop_list(editor,
                                                                                program):
    assert f"/staff/programs/{program['id']}" in editor.get("/staff/").get_data(as_text=True)
    page = editor.get(f"/staff/programs/{program['id']}").get_data(as_text=True)
    assert "شناخت" in page
    assert "حمل‌ونقل" in page
    assert "Startups and knowledge-based firms" in page


def test_add_a_discipline_and_phones_can_choose_it(app, editor, program, make_workshop):
    response = editor.post(f"/staff/programs/{program['id']}/disciplines",
                           data={"new-name_fa": "گردشگری", "new-name_en": "Tourism"})
    assert response.status_code == 302
    assert _disciplines(app)[-1] == ("tourism", "گردشگری", "Tourism", True)
    w = make_workshop()
    assert "گردشگری" in app.test_client().get(f"/j/{w['code']}").get_data(as_text=True)


@pytest.mark.parametrize(("fa", "en", "message"), [
    ("", "Tourism", "پر کردن این فیلد الزامی است."),
    ("گردشگری", "x" * 121, "این متن بیش از حد طولانی است."),
    ("حمل‌ونقل", "Transit", "این مقدار معتبر نیست."),  # the same name twice confuses phones
    ("<b>x</b>\x00", "X", "این متن نویسه‌هایی دارد که مجاز نیستند."),
])
def test_bad_new_disciplines_are_refused_and_nothing_changes(app, editor, program, fa, en,
                                                             message):
    before = fingerprint(app)
    response = editor.post(f"/staff/programs/{program['id']}/disciplines",
                           data={"new-name_fa": fa, "new-name_en": en})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert fingerprint(app) == before


def test_rename_in_both_languages_keeps_the_key(app, editor, program):
    first = program["first"]
    editor.post(f"/staff/programs/{program['id']}/disciplines/{first}",
                data={f"d{first}-name_fa": "اقتصاد کلان شهری", f"d{first}-name_en": "City economy"})
    assert _disciplines(app)[0] == ("urban_economics", "اقتصاد کلان شهری", "City economy", True)


def test_reorder_moves_one_step_and_stays_inside_the_list(app, editor, program):
    url = f"/staff/programs/{program['id']}/disciplines/{program['second']}/move"
    editor.post(url, data={"direction": "up"})
    assert [row[0] for row in _disciplines(app)[:2]] == ["transport", "urban_economics"]
    editor.post(url, data={"direction": "up"})  # already first: nothing moves
    assert _disciplines(app)[0][0] == "transport"
    editor.post(url, data={"direction": "down"})
    assert [row[0] for row in _disciplines(app)[:2]] == ["urban_economics", "transport"]


def test_deactivate_hides_it_from_join_forms_and_activate_brings_it_back(app, editor, program,
                                                                        make_workshop):
    w = make_workshop()
    url = f"/staff/programs/{program['id']}/disciplines/{program['second']}/active"
    editor.post(url, data={"active": "0"})
    assert _disciplines(app)[1][3] is False
    assert "حمل‌ونقل" not in app.test_client().get(f"/j/{w['code']}").get_data(as_text=True)
    editor.post(url, data={"active": "1"})
    assert _disciplines(app)[1][3] is True


def test_rename_a_phase(app, editor, program):
    phase = program["phase"]
    editor.post(f"/staff/programs/{program['id']}/phases/{phase}",
                data={f"p{phase}-name_fa": "شناخت وضع موجود", f"p{phase}-name_en": "Diagnosis"})
    with app.app_context():
        assert db.session.get(ProgramPhase, phase).name_en == "Diagnosis"


def test_secretaries_and_strangers_cannot_edit(app, client, make_user, login, program):
    assert client.get(f"/staff/programs/{program['id']}").status_code == 302  # to login
    login(client, make_user("secretary"))
    assert client.get(f"/staff/programs/{program['id']}").status_code == 403
    before = fingerprint(app)
    response = client.post(f"/staff/programs/{program['id']}/disciplines",
                           data={"new-name_fa": "الف", "new-name_en": "A"})
    assert response.status_code == 403
    assert fingerprint(app) == before


def test_unknown_programme_or_foreign_discipline_is_not_found(app, editor, program):
    assert editor.get("/staff/programs/999").status_code == 404
    before = fingerprint(app)
    editor.post(f"/staff/programs/{program['id']}/disciplines/99999/active", data={"active": "0"})
    assert fingerprint(app) == before
