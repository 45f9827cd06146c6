"""Bad input on the plan's edit forms: the page again (400) with a localised error beside the
input of the form that was sent, what was typed still there, and nothing changed."""

from __future__ import annotations

import pytest

from tests.register.page_forms import form_of, read
from tests.spine.helpers import fingerprint
from workshop.plan.refusal import INPUTS

FA = {"Accept-Language": "fa"}
EN = {"Accept-Language": "en"}


@pytest.fixture
def planner(app, client, login, plan):
    login(client, plan.planner)
    client.get(f"/staff/programmes/{plan.program}/plan/edit")
    return client


def _refused(app, client, plan, action, data, headers=FA):
    """POST bad input to one edit form; the database must be exactly as before."""
    before = fingerprint(app)
    response = client.post(f"/staff/programmes/{plan.program}/plan/edit/{action}", data=data,
                           headers=headers)
    assert response.status_code == 400, response.get_data(as_text=True)[:2000]
    assert fingerprint(app) == before
    html = response.get_data(as_text=True)
    assert [f for f in read(html)[0] if f.errors] == [form_of(html, f"/edit/{action}")]
    return html, form_of(html, f"/edit/{action}")


def test_a_project_with_a_bad_jalali_date_keeps_everything_typed(app, planner, plan):
    sent = {"operational_id": str(plan.op), "strategy_id": str(plan.strategy),
            "parent_id": str(plan.project), "unit_id": str(plan.unit), "code": "P9",
            "name_fa": "خط ۳ مترو", "name_en": "Metro line 3", "starts_on": "۱۴۰۵/۱۳/۴۰",
            "ends_on": "1405/12/29", "weight": "2", "budgets": "1405=500"}
    html, form = _refused(app, planner, plan, "project", sent)
    assert {k: form.values[k] for k in sent} == sent
    assert form.invalid == ["starts_on"]
    assert form.errors == ["این تاریخ شمسی معتبر نیست؛ آن را به شکل ۱۴۰۵/۰۱/۱۵ بنویسید."]
    assert read(html)[1] == [f"افزودن پروژه: {form.errors[0]}"]  # names the form at the top


def test_a_budget_year_outside_the_plan_is_shown_beside_the_budgets(app, planner, plan):
    _html, form = _refused(app, planner, plan, "project", {
        "operational_id": str(plan.op), "strategy_id": str(plan.strategy),
        "unit_id": str(plan.unit), "code": "P9", "name_fa": "الف", "name_en": "A",
        "starts_on": "1404/01/01", "ends_on": "1404/06/01", "budgets": "1409=5"}, headers=EN)
    assert form.invalid == ["budgets"]
    assert form.errors == ["This year lies outside the plan's years."]


def test_a_goal_with_a_bad_or_taken_code(app, planner, plan):
    sent = {"part_id": str(plan.part), "code": "G 1!", "name_fa": "شهر سبز",
            "name_en": "Green city"}
    _html, form = _refused(app, planner, plan, "goal", sent)
    assert {k: form.values[k] for k in sent} == sent
    assert form.errors == ["کد از حروف لاتین، رقم، نقطه، خط تیره یا زیرخط ساخته می‌شود "
                           "(مثلاً S3 یا P12)."]
    _html, form = _refused(app, planner, plan, "goal", sent | {"code": "G1"}, headers=EN)
    assert form.errors == ["This code is already used in the plan."]


def test_a_strategy_answering_a_missing_focus_point(app, planner, plan):
    _html, form = _refused(app, planner, plan, "strategy", {
        "goal_id": str(plan.goal), "code": "S9", "name_fa": "ب", "name_en": "B",
        "item_ids": f"{plan.items[0]}, 9999"})
    assert form.invalid == ["item_ids"]
    assert form.values["item_ids"] == f"{plan.items[0]}, 9999"


def test_an_indicator_with_a_bad_number_or_owner(app, planner, plan):
    sent = {"kind": "outcome", "strategy_id": str(plan.strategy), "code": "I9",
            "name_fa": "کیفیت هوا", "name_en": "Air quality", "unit": "day",
            "direction": "lower", "baseline_year": "1403", "baseline_value": "نود",
            "targets": "1405=70"}
    _html, form = _refused(app, planner, plan, "indicator", sent)
    assert {k: form.values[k] for k in sent} == sent
    assert (form.invalid, form.errors) == (["baseline_value"], ["این عدد نیست."])
    _html, form = _refused(app, planner, plan, "indicator", sent | {
        "baseline_value": "90", "targets": "1405=هفتاد"})
    assert form.invalid == ["targets"]
    owner = sent | {"baseline_value": "90", "project_id": str(plan.project)}
    _html, form = _refused(app, planner, plan, "indicator", owner, headers=EN)
    assert form.invalid == []  # about the form as a whole: above it
    assert form.errors[0].startswith("Outcome indicators belong to goals or strategies")


def test_an_actual_that_is_not_a_number_and_progress_over_100(app, planner, plan):
    sent = {"indicator_id": str(plan.output), "kind": "actual", "year": "1404",
            "quarter": "", "value": "دوازده", "note": "گزارش فصل", "evidence_url": ""}
    _html, form = _refused(app, planner, plan, "value", sent)
    assert {k: form.values[k] for k in sent} == sent
    assert (form.invalid, form.errors) == (["value"], ["این عدد نیست."])
    _html, form = _refused(app, planner, plan, "progress", {"project_id": str(plan.project),
                                                             "progress": "۱۵۰"})
    assert (form.values["progress"], form.errors) == ("۱۵۰", ["پیشرفت سهمی میان ۰ و ۱۰۰ است."])


def test_every_form_posts_the_inputs_the_refusals_are_mapped_to(planner, plan):
    html = planner.get(f"/staff/programmes/{plan.program}/plan/edit").get_data(as_text=True)
    for action, inputs in INPUTS.items():
        assert set(form_of(html, f"/edit/{action}").values) == {"csrf_token", *inputs}, action
