"""Read-side services of the register: the list page and one item's full story."""

from __future__ import annotations

import sqlalchemy as sa

from workshop.actors import Actor
from workshop.errors import BadInput
from workshop.extensions import db
from workshop.models import AuditEntry, Discipline
from workshop.models.register import ITEM_STATUSES, RegisterItem, RegisterLineage, RegisterLink
from workshop.text.normalize import validate_text
from workshop.text.search import query_key

from . import provenance, sources
from .access import is_planner, require_reader
from .structure import owned

PAGE = 50


def _filters(program_id: int, status, part_id, q):
    stmt = sa.select(RegisterItem).where(RegisterItem.program_id == program_id,
                                         RegisterItem.state == "active")
    if status:
        if status not in ITEM_STATUSES:
            raise BadInput("invalid_value", field="status")
        stmt = stmt.where(RegisterItem.status == status)
    if part_id:
        stmt = stmt.where(RegisterItem.part_id == part_id)
    if q:
        stmt = stmt.where(_matches(q))
    return stmt


def _matches(q: str):
    """Folded query against the folded key; wildcards typed by the user match literally."""
    key = query_key(q)
    if not key:  # punctuation only: nothing to fold, so look for it as typed
        return RegisterItem.title.contains(q, autoescape=True)
    return RegisterItem.search_key.contains(key, autoescape=True)


def _counts(item_ids: list[int]) -> dict[int, tuple[int, int]]:
    """Item -> (points linked, workshops behind) in one grouped query."""
    from workshop.models.focus import FocusPoint

    stmt = sa.select(RegisterLink.item_id, sa.func.count(RegisterLink.id),
                     sa.func.count(sa.distinct(FocusPoint.workshop_id))).join(
        FocusPoint, FocusPoint.id == RegisterLink.point_id).where(
        RegisterLink.item_id.in_(item_ids), RegisterLink.undone_at.is_(None)).group_by(
        RegisterLink.item_id)
    return {i: (p, w) for i, p, w in db.session.execute(stmt)}


def register_page(actor: Actor, program_id, status=None, part_id=None, q="",
                  page: int = 1) -> dict:
    """One page of a programme's register with counts, for planners and readers."""
    program = require_reader(actor, program_id)
    q = validate_text(q or "", field="q", max_len=100, required=False)
    if type(page) is not int or page < 1:
        raise BadInput("invalid_value", field="page")
    stmt = _filters(program.id, status, part_id, q)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery()))
    items = list(db.session.scalars(stmt.order_by(RegisterItem.id.desc())
                                     .offset((page - 1) * PAGE).limit(PAGE)))
    by_status = dict(db.session.execute(sa.select(RegisterItem.status, sa.func.count()).where(
        RegisterItem.program_id == program.id, RegisterItem.state == "active")
        .group_by(RegisterItem.status)).all())
    return {"program": program, "items": items, "counts": _counts([i.id for i in items]),
            "total": total, "page": page, "pages": max(1, -(-total // PAGE)),
            "by_status": by_status, "planner": is_planner(actor, program)}


def history(item: RegisterItem) -> list[dict]:
    """The item's dated story: links made and undone, merges, splits, status changes."""
    events = []
    for link in db.session.scalars(sa.select(RegisterLink).where(
            RegisterLink.item_id == item.id)):
        events.append({"at": link.at, "kind": link.kind, "link": link, "who": link.by_user,
                       "reason": link.reason})
        if link.undone_at is not None:
            events.append({"at": link.undone_at, "kind": "unlink", "link": link,
                           "who": link.undone_by, "reason": link.undo_reason})
    for row in db.session.scalars(sa.select(RegisterLineage).where(sa.or_(
            RegisterLineage.source_id == item.id, RegisterLineage.target_id == item.id))):
        events.append({"at": row.at, "kind": row.kind, "lineage": row, "who": row.by_user,
                       "reason": row.reason})
    for entry in db.session.scalars(sa.select(AuditEntry).where(
            AuditEntry.target == f"item:{item.id}", AuditEntry.action == "register.item_status")):
        events.append({"at": entry.at, "kind": "status", "entry": entry,
                       "who_label": entry.actor_label, "reason": entry.reason})
    return sorted(events, key=lambda e: e["at"])


def item_page(actor: Actor, program_id, item_id) -> dict:
    """Everything behind one item: provenance, support per round, stances, evidence, sources."""
    program = require_reader(actor, program_id)
    item = owned(RegisterItem, program, item_id, "item")
    points = provenance.points_by_item([item.id]).get(item.id, set())
    disciplines = list(db.session.scalars(sa.select(Discipline).where(
        Discipline.program_id == program.id).order_by(Discipline.position)))
    rounds = provenance.round_rows(points)
    stances = provenance.stance_rows([item.id], [d.id for d in disciplines])[item.id]
    merged_into = db.session.get(RegisterItem, item.merged_into_id) \
        if item.merged_into_id else None
    behind = provenance.workshops_behind(points)
    return {"program": program, "item": item, "merged_into": merged_into,
            "workshops": behind, "rounds": rounds,
            "workshop_titles": {w.id: w.title for w, _points in behind},
            "disciplines": disciplines, "stances": stances,
            "evidence": provenance.evidence(points), "history": history(item),
            "citations": sources.citations_of(item.id), "planner": is_planner(actor, program),
            "links": [e["link"] for e in history(item)
                      if e["kind"] != "unlink" and "link" in e and e["link"].undone_at is None]}
