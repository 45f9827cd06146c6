"""The register over HTTP: permissions, forms, errors, exports, dossier and citizens."""

from __future__ import annotations

import io
import json

import pytest
import sqlalchemy as sa

from tests.register.conftest import actor, add_points, second_programme
from workshop.extensions import db
from workshop.models.register import CitizenComment, ProgramSource, RegisterLink
from workshop.register import items, linking


def _url(program, path=""):
    return f"/staff/programmes/{program}{path}"


@pytest.fixture
def item(app, reg):
    with app.test_request_context():
        return linking.promote_point(actor(reg.planner), reg.program, reg.points[0], {})["item"]


def test_who_sees_the_register(app, client, login, reg, item, make_user):
    assert client.get(_url(reg.program, "/register")).status_code == 302  # log in first
    login(client, reg.outsider)
    for path in ("/register", f"/register/items/{item}", "/coverage", "/dashboard",
                 "/register.csv", "/dossier.pdf"):
        assert client.get(_url(reg.program, path)).status_code == 404, path
    reader = app.test_client()
    login(reader, reg.fac)
    page = reader.get(_url(reg.program, "/register")).get_data(as_text=True)
    assert "بهبود حمل‌ونقل عمومی در محله‌ها" in page
    assert 'action="/staff/programmes/1/register/items"' not in page  # no edit form
    assert reader.get(_url(reg.program, "/register/queue")).status_code == 403
    assert reader.get(_url(reg.program, f"/register/items/{item}")).status_code == 200


def test_planner_links_and_undoes_through_forms(app, client, login, reg, item):
    login(client, reg.planner)
    page = client.get(_url(reg.program, "/register/queue")).get_data(as_text=True)
    assert "احیای زاینده‌رود" in page
    token = client.get(_url(reg.program, "/register")).get_data(as_text=True)
    response = client.post(_url(reg.program, "/register/links"), data={
        "point_id": str(reg.points[1]), "item_id": "#" + "۱", "reason": "هم‌موضوع",
        "csrf_token": _token(token)}, follow_redirects=True)
    assert response.status_code == 200
    with app.app_context():
        link = db.session.scalar(sa.select(RegisterLink).where(
            RegisterLink.point_id == reg.points[1]))
        assert (link.item_id, link.reason) == (item, "هم‌موضوع")
    page = client.get(_url(reg.program, f"/register/items/{item}")).get_data(as_text=True)
    assert "هم‌موضوع" in page
    client.post(_url(reg.program, f"/register/links/{link.id}/undo"),
                data={"reason": "اشتباه", "csrf_token": _token(page)})
    with app.app_context():
        assert db.session.get(RegisterLink, link.id).undo_reason == "اشتباه"


def test_a_bad_link_is_refused_with_a_clear_message(app, client, login, reg, item,
                                                    make_workshop):
    with app.app_context():
        other = second_programme()
        from workshop.models import ProgramPhase

        phase = db.session.scalar(sa.select(ProgramPhase.id).where(
            ProgramPhase.program_id == other))
    foreign = make_workshop(reg.fac, program_id=other, phase_id=phase)
    with app.app_context():
        [point] = add_points(foreign["id"], ["نقطهٔ دیگر"])
    login(client, reg.planner)
    page = client.get(_url(reg.program, "/register")).get_data(as_text=True)
    response = client.post(_url(reg.program, "/register/links"), data={
        "point_id": str(point), "item_id": str(item), "csrf_token": _token(page)},
        follow_redirects=True, headers={"Accept-Language": "en"})
    assert "belongs to a workshop of another programme" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(RegisterLink.id))) == 1


def test_exports_and_dossier(app, client, login, reg, item):
    from openpyxl import load_workbook

    login(client, reg.fac)
    csv_text = client.get(_url(reg.program, "/register.csv")).get_data(as_text=True)
    assert csv_text.startswith("\ufeffid,title,")
    assert "بهبود حمل‌ونقل عمومی در محله‌ها" in csv_text
    data = json.loads(client.get(_url(reg.program, "/register.json")).data)
    assert data["items"][0]["points"] == 1
    sheet = load_workbook(io.BytesIO(client.get(_url(reg.program, "/register.xlsx")).data)).active
    assert sheet.sheet_view.rightToLeft is True
    assert sheet["B2"].value == "بهبود حمل‌ونقل عمومی در محله‌ها"
    english = load_workbook(io.BytesIO(client.get(
        _url(reg.program, "/register.xlsx?lang=en")).data)).active
    assert not english.sheet_view.rightToLeft
    assert english["A1"].value == "Number"
    pdf = client.get(_url(reg.program, "/dossier.pdf"))
    assert pdf.mimetype == "application/pdf"
    assert pdf.data.startswith(b"%PDF")
    assert client.get(_url(reg.program, "/register.exe")).status_code == 404


def test_citizens_see_only_published_items_and_comments_wait(app, client, login, reg, item):
    with app.test_request_context():
        hidden = items.create_item(actor(reg.planner), reg.program, {"title": "محرمانه"}).id
        items.set_published(actor(reg.planner), reg.program, item, True)
    citizen = app.test_client()
    page = citizen.get(f"/p/{reg.program}").get_data(as_text=True)
    assert "بهبود حمل‌ونقل عمومی در محله‌ها" in page
    assert "محرمانه" not in page
    token = _token(page)
    refused = citizen.post(f"/p/{reg.program}/items/{hidden}/comment",
                           data={"body": "سلام", "csrf_token": token}, follow_redirects=True,
                           headers={"Accept-Language": "en"})
    assert "not published" in refused.get_data(as_text=True)
    citizen.post(f"/p/{reg.program}/items/{item}/comment",
                 data={"body": "مسیر اتوبوس محلهٔ ما را هم ببینید", "csrf_token": token})
    citizen.post(f"/p/{reg.program}/items/{item}/support", data={"csrf_token": token})
    citizen.post(f"/p/{reg.program}/items/{item}/support", data={"csrf_token": token})
    assert "مسیر اتوبوس" not in citizen.get(f"/p/{reg.program}").get_data(as_text=True)
    with app.app_context():
        kinds = db.session.scalars(sa.select(CitizenComment.kind).order_by(
            CitizenComment.id)).all()
        assert kinds == ["comment", "support"]  # support counted once per device
        waiting = db.session.scalar(sa.select(CitizenComment.id).where(
            CitizenComment.kind == "comment"))
    login(client, reg.planner)
    queue = client.get(_url(reg.program, "/moderation")).get_data(as_text=True)
    assert "مسیر اتوبوس" in queue
    client.post(_url(reg.program, f"/moderation/{waiting}"),
                data={"accept": "1", "csrf_token": _token(queue)})
    assert "مسیر اتوبوس" in citizen.get(f"/p/{reg.program}").get_data(as_text=True)
    with app.app_context():
        source = db.session.scalar(sa.select(ProgramSource))
        assert source.kind == "citizen_comment"
    cited = client.get(_url(reg.program, f"/register/items/{item}")).get_data(as_text=True)
    assert "مسیر اتوبوس" in cited


def test_limits_slow_one_device_but_not_the_office_behind_its_nat(app, reg, item):
    with app.test_request_context():
        items.set_published(actor(reg.planner), reg.program, item, True)
    busy, colleague = app.test_client(), app.test_client()
    token = _token(busy.get(f"/p/{reg.program}").get_data(as_text=True))
    for n in range(6):
        busy.post(f"/p/{reg.program}/items/{item}/comment",
                  data={"body": f"نظر {n}", "csrf_token": token})
    other = _token(colleague.get(f"/p/{reg.program}").get_data(as_text=True))
    colleague.post(f"/p/{reg.program}/items/{item}/comment",
                   data={"body": "نظر همکار", "csrf_token": other})
    with app.app_context():
        bodies = db.session.scalars(sa.select(CitizenComment.body)).all()
    assert len(bodies) == 6  # 5 from the busy device, then the colleague on the same address
    assert "نظر همکار" in bodies
    assert "نظر 5" not in bodies


def _token(html: str) -> str:
    """The page's CSRF token (testing turns CSRF off; a real token is used when it is on)."""
    marker = 'name="csrf_token" type="hidden" value="'
    if marker not in html:
        return ""
    start = html.index(marker) + len(marker)
    return html[start:html.index('"', start)]


def test_suggestions_as_json_and_required_disciplines_by_form(app, client, login, reg, item):
    login(client, reg.fac)
    found = client.get(_url(reg.program, "/register/suggest"),
                       query_string={"text": "بهبود حمل و نقل عمومي در محله ها"}).get_json()
    assert found["ok"] is True
    assert found["suggestions"][0]["item"] == item
    too_long = client.get(_url(reg.program, "/register/suggest"), query_string={"text": "x" * 300})
    assert too_long.status_code == 400
    assert too_long.get_json()["error"] == "too_long"
    planner = app.test_client()
    login(planner, reg.planner)
    page = planner.get(_url(reg.program, "/coverage")).get_data(as_text=True)
    health = page.split('name="disciplines" value="')[4].split('"')[0]
    planner.post(_url(reg.program, "/coverage/required"),
                 data={"disciplines": [health], "csrf_token": _token(page)})
    page = planner.get(_url(reg.program, "/coverage")).get_data(as_text=True)
    assert page.count(" checked") == 1


def test_the_dossier_builds_in_the_pdf_pool_as_in_process(app, client, login, reg, item,
                                                          monkeypatch):
    """What run.py does under gevent: a pool worker reads the register and lays it out."""
    from workshop.minutes import builds
    from workshop.pdfkit.pool import close_pool, pool_for

    login(client, reg.fac)
    inline = client.get(_url(reg.program, "/dossier.pdf?lang=en")).data
    monkeypatch.setattr(builds, "_under_gevent", lambda: True)
    try:
        pooled = client.get(_url(reg.program, "/dossier.pdf?lang=en")).data
        assert len(pool_for(app)._idle) == 1  # built by a worker, kept for the next build
    finally:
        close_pool(app)
    assert pooled.startswith(b"%PDF")
    assert pooled == inline
