"""Targets and actuals: separate dated rows per indicator and year (quarter optional); a
changed target leaves a revision with its old value, the reason and who changed it."""

from __future__ import annotations

import sqlalchemy as sa

from workshop import audit
from workshop.actors import Actor
from workshop.errors import BadInput
from workshop.extensions import db
from workshop.models.base import utcnow
from workshop.models.plan import PlanIndicator, PlanTargetRevision, PlanValue
from workshop.register.access import require_planner
from workshop.register.structure import owned
from workshop.text.normalize import validate_text
from workshop.transaction import commit

from . import fields, messages


def quarter(value) -> int:
    """0 for the whole year, or 1 to 4."""
    if value in (None, "", 0, "0"):
        return 0
    try:
        q = int(fields.number(value, "quarter"))
    except BadInput:
        q = -1
    if q not in (1, 2, 3, 4) or q != fields.number(value, "quarter"):
        raise BadInput("invalid_value", message=str(messages.BAD_QUARTER), field="quarter")
    return q


def put(actor: Actor, indicator: PlanIndicator, kind: str, year: int, q: int, value: float,
        note: str = "", evidence: str = "", reason: str = "", existing=None) -> PlanValue:
    """Write one target or actual (no commit: callers commit once for the whole change)."""
    row = existing if existing is not None else db.session.scalar(sa.select(PlanValue).where(
        PlanValue.indicator_id == indicator.id, PlanValue.kind == kind, PlanValue.year == year,
        PlanValue.quarter == q))
    user_id = actor.user.id if actor.user else None
    if row is None:
        row = PlanValue(indicator_id=indicator.id, kind=kind, year=year, quarter=q, value=value)
        db.session.add(row)
    elif kind == "target" and row.value != value:
        if not reason:
            raise BadInput("required", message=str(messages.REASON_NEEDED), field="reason")
        db.session.flush()
        db.session.add(PlanTargetRevision(value_id=row.id, old_value=row.value, new_value=value,
                                          reason=reason, by_user_id=user_id))
    row.value, row.note, row.evidence_url = value, note, evidence
    row.by_user_id, row.at = user_id, utcnow()
    return row


def _checked(indicator: PlanIndicator, data: dict) -> dict:
    from .indicators import years_of

    return {"year": fields.within(fields.year(data.get("year")), years_of(indicator)),
            "q": quarter(data.get("quarter")),
            "value": fields.number(data.get("value"), "value"),
            "note": validate_text(data.get("note") or "", field="note", max_len=2000,
                                  required=False, multiline=True),
            "evidence": fields.url(data.get("evidence_url")),
            "reason": validate_text(data.get("reason") or "", field="reason", max_len=500,
                                    required=False)}


def set_value(actor: Actor, program_id, indicator_id, kind: str, data: dict) -> PlanValue:
    """A planner records a target or an actual for a year of the indicator's plan."""
    program = require_planner(actor, program_id)
    indicator = owned(PlanIndicator, program, indicator_id, "indicator_id")
    if kind not in ("target", "actual"):
        raise BadInput("invalid_value", message=str(messages.BAD_KIND), field="kind")
    c = _checked(indicator, data)
    row = put(actor, indicator, kind, c["year"], c["q"], c["value"], c["note"], c["evidence"],
              c["reason"])
    audit.record(actor, None, f"plan.{kind}", target=f"indicator:{indicator.id}",
                 year=c["year"], quarter=c["q"], value=c["value"], reason=c["reason"])
    commit()
    return row


def revisions_of(indicator_id: int) -> list[PlanTargetRevision]:
    """A target's history, newest first."""
    return list(db.session.scalars(sa.select(PlanTargetRevision).join(PlanValue).where(
        PlanValue.indicator_id == indicator_id).order_by(PlanTargetRevision.id.desc())))
