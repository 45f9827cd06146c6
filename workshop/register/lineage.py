"""Merging and splitting register items, across phases, with every link's provenance kept.

Links never move in place: the old row is stamped undone and a new row on the other item
remembers where it came from (moved_from_item_id), so the history reads both ways.
"""

from __future__ import annotations

import sqlalchemy as sa

from workshop import audit
from workshop.actors import Actor
from workshop.errors import BadInput, InvalidState
from workshop.extensions import db
from workshop.models import Program, utcnow
from workshop.models.register import RegisterCitation, RegisterItem, RegisterLineage, RegisterLink
from workshop.text.normalize import validate_text
from workshop.transaction import commit

from . import messages, suggestions
from .access import require_planner
from .items import active_item, item_fields, new_item
from .structure import owned

MAX_CHAIN = 1000


def _chain(item: RegisterItem) -> set[int]:
    """The item and every item it was merged into, following merged_into."""
    seen, current = set(), item
    while current is not None and current.id not in seen and len(seen) < MAX_CHAIN:
        seen.add(current.id)
        current = db.session.get(RegisterItem, current.merged_into_id) \
            if current.merged_into_id else None
    return seen


def _pair(program: Program, source_id, target_id) -> tuple[RegisterItem, RegisterItem]:
    """Two different, active items; a merge that would loop is refused as a cycle."""
    source = owned(RegisterItem, program, source_id, "source")
    target = owned(RegisterItem, program, target_id, "target", messages.NO_ITEM)
    if source.id == target.id:
        raise BadInput("invalid_value", messages.SAME_ITEM, field="target")
    if source.id in _chain(target) or target.id in _chain(source):
        raise InvalidState("invalid_value", messages.CYCLE, field="target")
    return active_item(program, source.id, "source"), active_item(program, target.id, "target")


def move_links(actor: Actor, links: list[RegisterLink], to: RegisterItem, why: str) -> list:
    """Undo each link and re-create it on `to`; returns [old id, new id] pairs."""
    now = utcnow()
    for link in links:
        link.undone_at, link.undone_by_user_id, link.undo_reason = now, actor.user.id, why
    db.session.flush()
    fresh = [RegisterLink(program_id=to.program_id, item_id=to.id, point_id=link.point_id,
                          kind=link.kind, reason=why, by_user_id=actor.user.id, at=now,
                          moved_from_item_id=link.item_id) for link in links]
    db.session.add_all(fresh)
    db.session.flush()
    return [[old.id, new.id] for old, new in zip(links, fresh, strict=True)]


def current_links(item: RegisterItem) -> list[RegisterLink]:
    """The item's links that are not undone, oldest first."""
    return list(db.session.scalars(sa.select(RegisterLink).where(
        RegisterLink.item_id == item.id, RegisterLink.undone_at.is_(None))
        .order_by(RegisterLink.id)))


def _copy_citations(source: RegisterItem, target: RegisterItem, actor: Actor) -> None:
    have = set(db.session.scalars(sa.select(RegisterCitation.source_id).where(
        RegisterCitation.item_id == target.id)))
    for cite in db.session.scalars(sa.select(RegisterCitation).where(
            RegisterCitation.item_id == source.id)):
        if cite.source_id not in have:
            db.session.add(RegisterCitation(item_id=target.id, source_id=cite.source_id,
                                            note=cite.note, by_user_id=actor.user.id))


def _why(reason) -> str:
    return validate_text(reason or "", field="reason", max_len=1000, required=False,
                         multiline=True)


def merge_items(actor: Actor, program_id, source_id, target_id, reason="") -> dict:
    """Fold one item into another (any phases); its links and citations move with lineage."""
    program = require_planner(actor, program_id)
    why = _why(reason)
    source, target = _pair(program, source_id, target_id)
    moved = move_links(actor, current_links(source), target, why)
    _copy_citations(source, target, actor)
    source.state, source.merged_into_id, source.updated_at = "merged", target.id, utcnow()
    row = RegisterLineage(program_id=program.id, kind="merge", source_id=source.id,
                          target_id=target.id, phase_id=source.phase_id, reason=why,
                          moved_link_ids=moved, by_user_id=actor.user.id)
    db.session.add(row)
    db.session.flush()
    suggestions.forget(program.id)
    audit.record(actor, None, "register.merge", target=f"item:{target.id}", reason=why,
                 merged=source.id, lineage=row.id)
    return commit({"lineage": row.id, "source": source.id, "target": target.id})


def unmerge(actor: Actor, program_id, lineage_id, reason="") -> dict:
    """Undo a merge: the folded item comes back with the links it brought."""
    program = require_planner(actor, program_id)
    why = _why(reason)
    row = owned(RegisterLineage, program, lineage_id, "lineage")
    if row.kind != "merge" or row.undone_at is not None:
        raise InvalidState("conflict", messages.MERGE_UNDONE, field="lineage")
    source = db.session.get(RegisterItem, row.source_id)
    target = active_item(program, row.target_id, "target")
    links = [db.session.get(RegisterLink, new) for _old, new in row.moved_link_ids]
    if any(link.undone_at is not None or link.item_id != target.id for link in links):
        raise InvalidState("conflict", messages.MERGE_LATER, field="lineage")
    source.state, source.merged_into_id, source.updated_at = "active", None, utcnow()
    move_links(actor, links, source, why)
    row.undone_at, row.undone_by_user_id = utcnow(), actor.user.id
    suggestions.forget(program.id)
    audit.record(actor, None, "register.unmerge", target=f"item:{source.id}", reason=why,
                 lineage=row.id)
    return commit({"lineage": row.id, "source": source.id, "target": target.id})


def _chosen(item: RegisterItem, link_ids) -> list[RegisterLink]:
    links = {link.id: link for link in current_links(item)}
    if (not isinstance(link_ids, list) or not link_ids or len(set(link_ids)) != len(link_ids)
            or any(type(i) is not int or i not in links for i in link_ids)
            or len(link_ids) >= len(links)):
        raise BadInput("invalid_value", messages.SPLIT_LINKS, field="links")
    return [links[i] for i in link_ids]


def split_item(actor: Actor, program_id, item_id, link_ids, data: dict) -> dict:
    """Cut some of an item's links out into a new item (possibly in a later phase)."""
    program = require_planner(actor, program_id)
    item = active_item(program, item_id)
    chosen = _chosen(item, link_ids)
    why = _why(data.get("reason"))
    fields = item_fields(program, {"part_id": item.part_id, "theme_id": item.theme_id,
                                   "phase_id": item.phase_id, **data})
    child = new_item(actor, program, fields)
    moved = move_links(actor, chosen, child, why)
    row = RegisterLineage(program_id=program.id, kind="split", source_id=item.id,
                          target_id=child.id, phase_id=item.phase_id, reason=why,
                          moved_link_ids=moved, by_user_id=actor.user.id)
    db.session.add(row)
    db.session.flush()
    suggestions.forget(program.id)
    audit.record(actor, None, "register.split", target=f"item:{item.id}", reason=why,
                 child=child.id, lineage=row.id)
    return commit({"lineage": row.id, "source": item.id, "target": child.id})
