"""The plan over HTTP: who sees and edits what, pages, exports, the import and the PDF."""

from __future__ import annotations

import io
import json
import re

import pytest
import sqlalchemy as sa

from workshop.extensions import db
from workshop.models.plan import PlanBudget, PlanGoal


def _url(plan, path=""):
    return f"/staff/programmes/{plan.program}/plan{path}"


PAGES = ("", "/trace", "/trace/1", "/indicators/1", "/projects/1", "/values.csv",
         "/values.xlsx", "/portfolio.csv", "/portfolio.xlsx", ".json", ".pdf")


def _token(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_outsiders_see_nothing_readers_read_planners_edit(app, client, login, plan):
    login(client, plan.outsider)
    for path in (*PAGES, "/edit"):
        assert client.get(_url(plan, path)).status_code == 404, path
    reader = login(app.test_client(), plan.reader)
    for path in PAGES:
        assert reader.get(_url(plan, path)).status_code == 200, path
    assert reader.get(_url(plan, "/edit")).status_code == 403
    page = reader.get(_url(plan)).get_data(as_text=True)
    assert "Metro line 2" in page or "خط ۲ مترو" in page
    assert "/plan/import" not in page
    assert reader.post(_url(plan, "/edit/goal"), data={
        "csrf_token": _token(page.replace("/plan/import", "")) if "csrf_token" in page
        else ""}).status_code == 403
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(PlanGoal.id))) == 1


def test_planner_adds_a_goal_and_a_bad_budget_is_refused_in_persian(app, client, login, plan):
    login(client, plan.planner)
    page = client.get(_url(plan, "/edit?lang=fa")).get_data(as_text=True)
    token = _token(page)
    client.post(_url(plan, "/edit/goal"), data={
        "csrf_token": token, "part_id": str(plan.part), "code": "G2", "name_fa": "شهر سبز",
        "name_en": "Green city"})
    response = client.post(_url(plan, "/edit/budget"), data={
        "csrf_token": token, "project_id": str(plan.project), "year": "۱۴۰۴",
        "allocated": "-۵۰۰", "spent": "0"}, follow_redirects=True)
    assert "بودجه نمی‌تواند منفی باشد." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(PlanGoal.id))) == 2
        assert sorted(db.session.scalars(sa.select(PlanBudget.allocated))) == [
            800_000_000, 1_200_000_000]


def test_dashboard_and_traceability_show_the_chain(app, client, login, plan):
    login(client, plan.reader)
    page = client.get(_url(plan, "?lang=en")).get_data(as_text=True)
    for text in ("Clean air", "Clean transport", "Metro line 2", "1,200,000,000", "800,000,000"):
        assert text in page
    trace = client.get(_url(plan, "/trace")).get_data(as_text=True)
    assert "احیای زاینده‌رود" in trace
    assert "No strategy answers it" in trace
    project = client.get(_url(plan, f"/projects/{plan.project}")).get_data(as_text=True)
    assert 'href="/staff/programmes/2/plan/projects/1"' in page
    for text in ("1,200,000,000", "800,000,000", "I2", "District 1"):
        assert text in project
    one = client.get(_url(plan, f"/trace/{plan.items[0]}")).get_data(as_text=True)
    assert "S1" in one
    assert "I1" in one
    assert "P1" in one
    assert client.get(_url(plan, f"/trace/{plan.other_items[0]}")).status_code == 404


def test_import_over_http_reports_lines(app, client, login, plan):
    login(client, plan.planner)
    token = _token(client.get(_url(plan, "?lang=en")).get_data(as_text=True))
    body = (b"indicator,name,unit,kind,year,quarter,value,note,evidence_url,reason\r\n"
            b"I2,,m,actual,1404,,3,,,\r\n")
    response = client.post(_url(plan, "/import"), data={
        "csrf_token": token, "file": (io.BytesIO(body), "values.csv")},
        content_type="multipart/form-data")
    assert response.status_code == 400
    assert "The unit does not match" in response.get_data(as_text=True)
    ok = client.post(_url(plan, "/import"), data={
        "csrf_token": token, "file": (io.BytesIO(body.replace(b",m,", b",km,")),
                                      "values.csv")}, content_type="multipart/form-data")
    assert ok.status_code == 200
    assert "1 new values" in ok.get_data(as_text=True)


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_pdf_and_json(app, client, login, plan, lang):
    login(client, plan.reader)
    pdf = client.get(_url(plan, f".pdf?lang={lang}"))
    assert pdf.data.startswith(b"%PDF")
    assert pdf.mimetype == "application/pdf"
    data = json.loads(client.get(_url(plan, f".json?lang={lang}")).data)
    assert data["goals"][0]["strategies"][0]["code"] == "S1"
    assert data["indicators"][0]["series"][0] == [1403, 85.0, None]


def test_a_target_revision_through_the_form_shows_on_the_indicator_page(app, client, login,
                                                                         plan):
    login(client, plan.planner)
    token = _token(client.get(_url(plan, "/edit?lang=en")).get_data(as_text=True))
    form = {"csrf_token": token, "indicator_id": str(plan.outcome), "kind": "target",
            "year": "1405", "value": "72"}
    refused = client.post(_url(plan, "/edit/value"), data=form, follow_redirects=True)
    assert "Please give a reason for changing a target." in refused.get_data(as_text=True)
    client.post(_url(plan, "/edit/value"), data={**form, "reason": "کمبود اعتبار"})
    reader = login(app.test_client(), plan.reader)
    page = reader.get(_url(plan, f"/indicators/{plan.outcome}?lang=en")).get_data(as_text=True)
    assert "70 → 72" in page
    assert "کمبود اعتبار" in page
    assert "facilitator1@example.org" in page


def test_portfolio_sheet(app, client, login, plan):
    login(client, plan.reader)
    text = client.get(_url(plan, "/portfolio.csv?lang=en")).data.decode("utf-8-sig")
    header, first = text.splitlines()[:2]
    assert header.startswith("project,name,parent,strategy,goal")
    assert first.startswith("P1,Metro line 2,,S1,G1,Operational,District 1,2025-03-21")
    assert first.endswith(",2000000000,0")
