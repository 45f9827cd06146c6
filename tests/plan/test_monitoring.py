"""Monitoring: targets and actuals, target revisions, and the round-trip import."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.plan.conftest import actor
from workshop.errors import BadInput, NotAllowed
from workshop.extensions import db
from workshop.models.plan import PlanTargetRevision, PlanValue
from workshop.plan import transfer, values
from workshop.transaction import rollback


def _values() -> list[tuple]:
    return list(db.session.execute(sa.select(
        PlanValue.indicator_id, PlanValue.kind, PlanValue.year, PlanValue.quarter,
        PlanValue.value, PlanValue.note).order_by(PlanValue.id)))


def test_actuals_keep_note_and_evidence_and_targets_keep_their_history(app, plan):
    with app.test_request_context():
        a = actor(plan.planner)
        values.set_value(a, plan.program, plan.outcome, "actual", {
            "year": "۱۴۰۴", "value": "۸۲٫۵", "note": "گزارش محیط زیست",
            "evidence_url": "https://example.org/air-1404"})
        values.set_value(a, plan.program, plan.outcome, "actual", {
            "year": 1404, "quarter": "2", "value": 84})
        with pytest.raises(BadInput):  # a changed target needs a reason
            values.set_value(a, plan.program, plan.outcome, "target", {"year": 1405,
                                                                       "value": 75})
        rollback()
        values.set_value(a, plan.program, plan.outcome, "target", {
            "year": 1405, "value": 75, "reason": "بودجهٔ کمتر"})
        revision = db.session.scalar(sa.select(PlanTargetRevision))
        assert (revision.old_value, revision.new_value, revision.reason,
                revision.by_user_id) == (70, 75, "بودجهٔ کمتر", plan.planner)
        actual = db.session.scalar(sa.select(PlanValue).where(
            PlanValue.kind == "actual", PlanValue.quarter == 0))
        assert (actual.value, actual.evidence_url) == (82.5, "https://example.org/air-1404")


@pytest.mark.parametrize("bad", [{"year": 1408}, {"year": 1404, "quarter": 5},
                                 {"year": 1404, "value": "x"},
                                 {"year": 1404, "evidence_url": "javascript:alert(1)"}])
def test_bad_values_change_nothing(app, plan, bad):
    with app.test_request_context():
        before = _values()
        with pytest.raises(BadInput):
            values.set_value(actor(plan.planner), plan.program, plan.outcome, "actual",
                             {"value": 1, **bad})
        rollback()
        assert _values() == before
        with pytest.raises(NotAllowed):
            values.set_value(actor(plan.reader), plan.program, plan.outcome, "actual",
                             {"year": 1404, "value": 1})


def _export(app, plan, fmt):
    with app.test_request_context():
        return transfer.export(actor(plan.reader), plan.program, fmt)[0]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_imports_back_unchanged(app, plan, fmt):
    with app.test_request_context():
        values.set_value(actor(plan.planner), plan.program, plan.outcome, "actual", {
            "year": 1404, "value": 81, "note": "=جمع دو منبع"})
    body = _export(app, plan, fmt)
    assert "'=جمع دو منبع".encode() in body or fmt == "xlsx"  # shown as text, not a formula
    with app.test_request_context():
        before = _values()
        result = transfer.import_values(actor(plan.planner), plan.program, body, f"v.{fmt}")
        assert result == {"ok": True, "created": 0, "updated": 6, "revised": 0}
        assert _values() == before


def _csv(text: str) -> bytes:
    return ("indicator,name,unit,kind,year,quarter,value,note,evidence_url,reason\r\n"
            + text).encode()


def test_one_bad_row_and_nothing_is_imported(app, plan):
    rows = ("I1,,day,actual,1404,,81,ok,,\r\n"          # good
            "I2,,m,actual,1404,,3,,,\r\n"                # unit mismatch (km)
            "I1,,day,target,1411,,60,,,\r\n"             # outside the plan years
            "I9,,day,actual,1404,,1,,,\r\n"              # unknown indicator
            "I1,,day,target,1405,,65,,,\r\n"             # changed target, no reason
            "I1,,day,actual,1404,,82,,,\r\n")            # the same key twice
    with app.test_request_context(query_string={"lang": "fa"}):
        before = _values()
        result = transfer.import_values(actor(plan.planner), plan.program, _csv(rows), "v.csv")
        assert not result["ok"]
        assert [(e["line"], e["column"]) for e in result["errors"]] == [
            (3, "unit"), (4, "year"), (5, "indicator"), (6, "reason"), (7, "year")]
        assert result["errors"][0]["reason"] == "واحد با واحد شاخص یکی نیست."
        assert _values() == before


def test_a_good_file_creates_updates_and_revises(app, plan):
    rows = ("I1,,day,actual,1404,,81,گزارش,https://example.org/r,\r\n"
            "I1,,day,target,1405,,65,,,هدف واقع‌بینانه‌تر\r\n"
            "I2,,km,actual,1404,1,1.5,,,\r\n")
    with app.test_request_context():
        result = transfer.import_values(actor(plan.planner), plan.program, _csv(rows), "v.csv")
        assert result == {"ok": True, "created": 2, "updated": 1, "revised": 1}
        assert db.session.scalar(sa.select(PlanTargetRevision.reason)) == "هدف واقع‌بینانه‌تر"
        with pytest.raises(NotAllowed):
            transfer.import_values(actor(plan.reader), plan.program, _csv(rows), "v.csv")


def test_unreadable_or_foreign_files_are_refused(app, plan):
    with app.test_request_context():
        result = transfer.import_values(actor(plan.planner), plan.program,
                                        b"a,b\r\n1,2\r\n", "v.csv")
        assert result["errors"][0]["line"] == 1
        with pytest.raises(BadInput):
            transfer.import_values(actor(plan.planner), plan.program, b"not a zip", "v.xlsx")
