"""Row checks of a values import: each row's problem is reported with its line and reason."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from workshop import audit
from workshop.actors import Actor
from workshop.errors import BadInput
from workshop.extensions import db
from workshop.models import Program
from workshop.models.base import utcnow
from workshop.models.plan import (
    OperationalPlan,
    PlanIndicator,
    PlanProject,
    PlanTargetRevision,
    PlanValue,
)
from workshop.text.normalize import validate_text
from workshop.transaction import commit
from workshop.voting.exports import FORMULA_STARTS

from . import fields, messages
from .strategic import plan_years
from .values import quarter

MAX_ERRORS = 500


def indicator_table(program: Program) -> dict[str, tuple[int, str, range]]:
    """Indicator code -> (id, unit, the years it may carry values for)."""
    try:
        frame = plan_years(program)
    except BadInput:
        frame = range(0)
    ops = dict(db.session.execute(sa.select(PlanProject.id, OperationalPlan.first_year).join(
        OperationalPlan).where(PlanProject.program_id == program.id)).all())
    rows = db.session.execute(sa.select(PlanIndicator.code, PlanIndicator.id, PlanIndicator.unit,
                                        PlanIndicator.project_id).where(
        PlanIndicator.program_id == program.id))
    return {code: (id_, unit, range(ops[p], ops[p] + 2) if p else frame)
            for code, id_, unit, p in rows}


def _existing(program: Program) -> dict[tuple, tuple[int, float]]:
    rows = db.session.execute(sa.select(PlanValue.indicator_id, PlanValue.kind, PlanValue.year,
                                        PlanValue.quarter, PlanValue.id, PlanValue.value).join(
        PlanIndicator).where(PlanIndicator.program_id == program.id))
    return {(i, k, y, q): (id_, v) for i, k, y, q, id_, v in rows}


def _cell(value) -> str:
    """A text cell as typed: the export's formula guard (a leading ') comes off again."""
    text = str(value)
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


class RowChecker:
    """Collects valid rows and every row's first problem."""

    def __init__(self, indicators: dict, program: Program):
        self.indicators, self.existing = indicators, _existing(program)
        self.errors: list[dict] = []
        self.inserts: list[dict] = []
        self.updates: list[dict] = []
        self.revisions: list[dict] = []
        self.seen: set[tuple] = set()

    def check(self, line: int, row: list) -> None:
        """Check one row; remember it to write, or its line and reason."""
        try:
            self._accept(self._parse(row))
        except BadInput as error:
            if len(self.errors) < MAX_ERRORS:
                field = error.fields.get("field", "")
                self.errors.append({"line": line, "column": field, "reason": error.message})

    def _parse(self, row: list) -> dict:
        code = str(row[0]).strip()
        if code not in self.indicators:
            raise BadInput("invalid_value", message=str(messages.UNKNOWN_INDICATOR),
                           field="indicator")
        indicator_id, unit, years = self.indicators[code]
        if str(row[2]).strip() != unit:
            raise BadInput("invalid_value", message=str(messages.UNIT_MISMATCH), field="unit")
        if row[3] not in ("target", "actual"):
            raise BadInput("invalid_value", message=str(messages.BAD_KIND), field="kind")
        return {"indicator_id": indicator_id, "kind": row[3],
                "year": fields.within(fields.year(row[4]), years), "quarter": quarter(row[5]),
                "value": fields.number(row[6], "value"),
                "note": validate_text(_cell(row[7]), field="note", max_len=2000,
                                      required=False, multiline=True),
                "evidence_url": fields.url(_cell(row[8])),
                "reason": validate_text(_cell(row[9]), field="reason", max_len=500,
                                        required=False)}

    def _accept(self, r: dict) -> None:
        key = (r["indicator_id"], r["kind"], r["year"], r["quarter"])
        if key in self.seen:
            raise BadInput("invalid_value", message=str(messages.DUPLICATE_ROW), field="year")
        self.seen.add(key)
        reason = r.pop("reason")
        known = self.existing.get(key)
        if known is None:
            self.inserts.append(r)
            return
        value_id, old = known
        if r["kind"] == "target" and old != r["value"]:
            if not reason:
                raise BadInput("required", message=str(messages.REASON_NEEDED), field="reason")
            self.revisions.append({"value_id": value_id, "old_value": old,
                                   "new_value": r["value"], "reason": reason})
        self.updates.append({"vid": value_id, "value": r["value"], "note": r["note"],
                             "evidence_url": r["evidence_url"]})

    def write(self, actor: Actor) -> dict:
        """Write every checked row at once (one transaction) and say how many."""
        stamp = {"by_user_id": actor.user.id, "at": utcnow()}
        if self.inserts:
            db.session.execute(sa.insert(PlanValue), [{**r, **stamp} for r in self.inserts])
        if self.updates:
            db.session.connection().execute(
                sa.update(PlanValue.__table__).where(PlanValue.id == sa.bindparam("vid")),
                [{**r, **stamp} for r in self.updates])
        if self.revisions:
            db.session.execute(sa.insert(PlanTargetRevision),
                               [{**r, **stamp} for r in self.revisions])
        result = {"created": len(self.inserts), "updated": len(self.updates),
                  "revised": len(self.revisions)}
        audit.record(actor, None, "plan.import", target="values", **result)
        commit(result)
        return result


def describe(result: dict) -> str:
    """A one-line summary of an import for the planner."""
    return _("Imported: %(created)s new values, %(updated)s updated, %(revised)s targets "
             "revised.", **result)
