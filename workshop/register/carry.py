"""Carry-over: a planned workshop starts from register items and from what earlier minutes
left open (action items not done, points no decision covered)."""

from __future__ import annotations

import sqlalchemy as sa

from workshop import audit
from workshop.actors import Actor
from workshop.errors import BadInput, InvalidState, NotAllowed, NotFound
from workshop.extensions import db
from workshop.models import Program, Workshop, utcnow
from workshop.models.focus import FocusPoint
from workshop.models.minutes import MinutesAction, MinutesVersion
from workshop.models.register import CarryOver, RegisterItem
from workshop.permissions import can_facilitate
from workshop.transaction import commit

from . import messages
from .access import get_program, is_planner, is_reader
from .items import active_item
from .linking import active_link, add_link
from .structure import owned

MAX_CARRY = 60
TITLE_MAX = 140


def _workshop_for(actor: Actor, program_id, workshop_id) -> tuple[Program, Workshop]:
    """A planned workshop of the programme that this planner or its facilitator may shape."""
    program = get_program(program_id)
    workshop = owned(Workshop, program, workshop_id, "workshop")
    if not (is_planner(actor, program) or can_facilitate(actor, workshop)):
        raise NotAllowed() if is_reader(actor, program) else NotFound()
    if workshop.status != "scheduled" or workshop.stage != "lobby":
        raise InvalidState("invalid_stage", messages.PLANNED_ONLY, field="workshop")
    return program, workshop


def _latest_minutes(workshop_ids: list[int]) -> dict[int, MinutesVersion]:
    latest: dict[int, MinutesVersion] = {}
    for version in db.session.scalars(sa.select(MinutesVersion).where(
            MinutesVersion.workshop_id.in_(workshop_ids)).order_by(MinutesVersion.number)):
        latest[version.workshop_id] = version
    return latest


def _earlier(program: Program, workshop: Workshop) -> list[Workshop]:
    return list(db.session.scalars(sa.select(Workshop).where(
        Workshop.program_id == program.id, Workshop.status == "closed",
        Workshop.id != workshop.id).order_by(Workshop.scheduled_at, Workshop.id)))


def candidates(actor: Actor, program_id, workshop_id) -> dict:
    """What a planned workshop could start from: items, open actions, undecided points."""
    program, workshop = _workshop_for(actor, program_id, workshop_id)
    earlier = _earlier(program, workshop)
    minutes = _latest_minutes([w.id for w in earlier])
    actions, undecided = [], []
    for w in earlier:
        version = minutes.get(w.id)
        if version is None:
            continue
        actions += [(w, a) for a in version.actions
                    if a.status in ("open", "in_progress") and a.what.strip()]
        decided = {p for d in version.decisions for p in (d.point_ids or [])}
        undecided += [(w, p) for p in db.session.scalars(sa.select(FocusPoint).where(
            FocusPoint.workshop_id == w.id, FocusPoint.status == "visible",
            FocusPoint.id.not_in(decided or [0])).order_by(FocusPoint.position))]
    items = list(db.session.scalars(sa.select(RegisterItem).where(
        RegisterItem.program_id == program.id, RegisterItem.state == "active",
        RegisterItem.status != "set_aside").order_by(RegisterItem.id)))
    return {"program": program, "workshop": workshop, "items": items, "actions": actions,
            "undecided": undecided}


def _new_point(workshop: Workshop, title: str, description: str, position: int) -> FocusPoint:
    point = FocusPoint(workshop_id=workshop.id, title=title.strip()[:TITLE_MAX] or "—",
                       description=description, position=position)
    point.created_at = point.updated_at = utcnow()
    db.session.add(point)
    db.session.flush()
    return point


def _ids(values, field: str) -> list[int]:
    if not isinstance(values, list) or any(type(v) is not int for v in values) \
            or len(set(values)) != len(values):
        raise BadInput("invalid_value", field=field)
    return values


def _action(program: Program, action_id) -> tuple[MinutesAction, Workshop]:
    action = db.session.get(MinutesAction, action_id) if type(action_id) is int else None
    version = db.session.get(MinutesVersion, action.version_id) if action else None
    workshop = db.session.get(Workshop, version.workshop_id) if version else None
    if workshop is None or workshop.program_id != program.id:
        raise BadInput("invalid_value", messages.OTHER_PROGRAMME, field="actions")
    return action, workshop


def _earlier_point(program: Program, point_id) -> FocusPoint:
    from .linking import program_point

    return program_point(program, point_id)


def _resolve(program: Program, workshop: Workshop, item_ids, action_ids, point_ids) -> list:
    """Every origin checked before anything is written: (kind, origin, title, description)."""
    out = [("item", active_item(program, i, "items")) for i in item_ids]
    out += [("action", _action(program, a)) for a in action_ids]
    for point_id in point_ids:
        earlier = _earlier_point(program, point_id)
        if earlier.workshop_id == workshop.id:
            raise BadInput("invalid_value", field="points")
        out.append(("point", earlier))
    return out


def _create(actor: Actor, program: Program, workshop: Workshop, kind: str, origin,
            position: int) -> int:
    """One carried point with its link or carry-over record."""
    if kind == "item":
        point = _new_point(workshop, origin.title, origin.description, position)
        add_link(actor, program, origin, point, "carry")
        return point.id
    if kind == "action":
        action, source = origin
        point = _new_point(workshop, action.what, action.owner, position)
        db.session.add(CarryOver(workshop_id=workshop.id, point_id=point.id, origin_kind="action",
                                 origin_id=action.id, origin_workshop_id=source.id,
                                 by_user_id=actor.user.id))
        return point.id
    point = _new_point(workshop, origin.title, origin.description, position)
    db.session.add(CarryOver(workshop_id=workshop.id, point_id=point.id, origin_kind="point",
                             origin_id=origin.id, origin_workshop_id=origin.workshop_id,
                             by_user_id=actor.user.id))
    link = active_link(origin.id)
    if link is not None:  # the copy feeds the same item as the point it copies
        add_link(actor, program, db.session.get(RegisterItem, link.item_id), point, "carry")
    return point.id


def start_from(actor: Actor, program_id, workshop_id, item_ids, action_ids=(),
               point_ids=()) -> dict:
    """Create the workshop's first points from the chosen items, actions and points, linked."""
    program, workshop = _workshop_for(actor, program_id, workshop_id)
    item_ids, action_ids = _ids(list(item_ids), "items"), _ids(list(action_ids), "actions")
    point_ids = _ids(list(point_ids), "points")
    total = len(item_ids) + len(action_ids) + len(point_ids)
    if not total or total > MAX_CARRY:
        raise BadInput("invalid_value", messages.CARRY_EMPTY, field="items")
    origins = _resolve(program, workshop, item_ids, action_ids, point_ids)
    created = [_create(actor, program, workshop, kind, origin, n - total)
               for n, (kind, origin) in enumerate(origins)]
    workshop.bump_version()
    audit.record(actor, workshop, "register.carry", target=f"workshop:{workshop.id}",
                 items=item_ids, actions=action_ids, points=point_ids)
    return commit({"workshop": workshop.id, "points": created})
