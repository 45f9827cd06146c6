"""A round's life: drafted, opened over its points, closed (results kept), revealed or hidden."""

from __future__ import annotations

import sqlalchemy as sa

from workshop import audit
from workshop.actors import Actor
from workshop.errors import BadInput, InvalidState, NotFound, WorkshopError
from workshop.extensions import db
from workshop.models import Workshop, utcnow
from workshop.models.focus import FocusPoint
from workshop.models.voting import RoundPoint, RoundTurnout, VoteRound
from workshop.permissions import require_facilitator
from workshop.realtime.publish import publish
from workshop.text.normalize import validate_text
from workshop.transaction import commit
from workshop.voting import broadcast
from workshop.voting.locking import lock_for_change
from workshop.voting.marks import anonymise, load_voter_groups
from workshop.voting.serialize import round_info
from workshop.voting.settings import clean_id, clean_round
from workshop.voting.tally import fold_small_groups
from workshop.workshops.services import get_workshop


def rounds_of(workshop: Workshop) -> list[VoteRound]:
    """Every round of the workshop, newest first."""
    stmt = (sa.select(VoteRound).where(VoteRound.workshop_id == workshop.id)
            .order_by(VoteRound.number.desc(), VoteRound.id.desc()))
    return list(db.session.scalars(stmt))


def get_round(workshop: Workshop, round_id) -> VoteRound:
    """A round of this workshop, or not_found (ids from clients are untrusted)."""
    voting_round = db.session.get(VoteRound, clean_id(round_id, "round"))
    if voting_round is None or voting_round.workshop_id != workshop.id:
        raise NotFound(field="round")
    return voting_round


def _staff_round(actor: Actor, workshop_id, round_id, lock: bool = True):
    workshop = get_workshop(workshop_id)
    require_facilitator(actor, workshop)
    voting_round = get_round(workshop, round_id)
    if lock:
        voting_round = lock_for_change(voting_round.id)
    return workshop, voting_round


def _announce(workshop: Workshop, voting_round: VoteRound, action: str, actor: Actor) -> dict:
    """Audit, publish `round_changed`, refresh results, commit; returns the round."""
    audit.record(actor, workshop, f"voting.{action}", target=f"round:{voting_round.id}")
    info = round_info(voting_round)
    publish(workshop, "round_changed", {"round": info, "action": action})
    if voting_round.status != "draft":
        broadcast.results_changed(workshop.id, voting_round.id)
    return commit({"round": info})


def _set_points(voting_round: VoteRound, points: list[FocusPoint]) -> None:
    voting_round.points = [RoundPoint(point_id=p.id, position=i, title=p.title)
                           for i, p in enumerate(points)]


def create_round(actor: Actor, workshop_id, data: dict) -> dict:
    """The facilitator drafts a round over chosen focus points."""
    workshop = get_workshop(workshop_id)
    require_facilitator(actor, workshop)
    if workshop.status == "closed":
        raise InvalidState("closed")
    fields, points = clean_round(workshop, data)
    number = db.session.scalar(sa.select(sa.func.max(VoteRound.number))
                               .where(VoteRound.workshop_id == workshop.id)) or 0
    voting_round = VoteRound(workshop_id=workshop.id, number=number + 1, status="draft",
                             created_by_id=actor.user.id, **fields)
    _set_points(voting_round, points)
    db.session.add(voting_round)
    db.session.flush()
    return _announce(workshop, voting_round, "create", actor)


def update_round(actor: Actor, workshop_id, round_id, data: dict) -> dict:
    """Drafts change freely; once open only the title and the matrix axes may change."""
    workshop, voting_round = _staff_round(actor, workshop_id, round_id)
    if voting_round.status == "draft":
        fields, points = clean_round(workshop, data)
        for name, value in fields.items():
            setattr(voting_round, name, value)
        _set_points(voting_round, points)
    else:
        _update_live(voting_round, data)
    return _announce(workshop, voting_round, "update", actor)


def _update_live(voting_round: VoteRound, data: dict) -> None:
    if not isinstance(data, dict) or set(data) - {"title", "matrix_x", "matrix_y", "workshop",
                                                   "round"}:
        raise InvalidState("invalid_stage")
    if "title" in data:
        voting_round.title = validate_text(data["title"], field="title", max_len=200,
                                           required=False)
    keys = voting_round.criterion_keys
    x, y = data.get("matrix_x", voting_round.matrix_x), data.get("matrix_y", voting_round.matrix_y)
    if (x, y) != (voting_round.matrix_x, voting_round.matrix_y):
        if x not in keys or y not in keys or x == y:
            raise BadInput("invalid_value", field="matrix")
        voting_round.matrix_x, voting_round.matrix_y = x, y


def open_round(actor: Actor, workshop_id, round_id) -> dict:
    """Open a draft: points no longer visible drop out, titles are taken as they are now."""
    workshop, voting_round = _staff_round(actor, workshop_id, round_id)
    if voting_round.status != "draft":
        raise InvalidState("round_closed" if voting_round.status == "closed" else "invalid_stage")
    if workshop.status == "closed":
        raise InvalidState("closed")
    if db.session.scalar(sa.select(VoteRound.id).where(
            VoteRound.workshop_id == workshop.id, VoteRound.status == "open")) is not None:
        raise InvalidState("invalid_stage", field="round")
    _refresh_points(voting_round)
    voting_round.status, voting_round.opened_at = "open", utcnow()
    db.session.add(RoundTurnout(round_id=voting_round.id, voter_ids=[], voters=0))
    return _announce(workshop, voting_round, "open", actor)


def _refresh_points(voting_round: VoteRound) -> None:
    ids = [p.point_id for p in voting_round.points]
    live = {p.id: p for p in db.session.scalars(sa.select(FocusPoint).where(
        FocusPoint.id.in_(ids), FocusPoint.status == "visible"))}
    points = [live[i] for i in ids if i in live]
    if not points or (voting_round.method == "ranking" and len(points) < 2):
        raise BadInput("required", field="points")
    _set_points(voting_round, points)
    db.session.flush()
    if voting_round.method == "ranking":
        voting_round.top_k = min(voting_round.top_k or len(points), len(points))
    if voting_round.method == "approval" and voting_round.max_yes:
        voting_round.max_yes = min(voting_round.max_yes, len(points))


def close_round(actor: Actor, workshop_id, round_id) -> dict:
    """Close an open round (votes in flight finish first); closing again returns the same tally."""
    from workshop.voting.results import final_tally

    workshop, voting_round = _staff_round(actor, workshop_id, round_id)
    if voting_round.status == "draft":
        raise InvalidState("round_not_open")
    if voting_round.status == "closed":
        state = {"round": round_info(voting_round), "tally": final_tally(voting_round)}
        db.session.rollback()
        return state
    voting_round.closed_at = utcnow()
    db.session.flush()  # closed_at first: the database lets an anonymous round be sealed now
    if voting_round.anonymous:
        anonymise(voting_round, fold_small_groups(load_voter_groups(voting_round.id)))
    voting_round.status = "closed"
    db.session.flush()
    result = _announce(workshop, voting_round, "close", actor)
    return result | {"tally": final_tally(voting_round)}


def set_results_hidden(actor: Actor, workshop_id, round_id, hidden) -> dict:
    """Reveal the results to phones and the projector, or hide them again."""
    if type(hidden) is not bool:
        raise BadInput("invalid_value", field="hidden")
    workshop, voting_round = _staff_round(actor, workshop_id, round_id)
    voting_round.results_hidden = hidden
    if not hidden:
        voting_round.revealed_at = utcnow()
    return _announce(workshop, voting_round, "hide" if hidden else "reveal", actor)


def delete_round(actor: Actor, workshop_id, round_id) -> dict:
    """Only a draft can be deleted; rounds that were open keep their ballots."""
    workshop, voting_round = _staff_round(actor, workshop_id, round_id)
    if voting_round.status != "draft":
        raise WorkshopError("round_closed" if voting_round.status == "closed" else "invalid_stage")
    info = round_info(voting_round) | {"status": "deleted"}
    db.session.delete(voting_round)
    audit.record(actor, workshop, "voting.delete", target=f"round:{info['id']}")
    publish(workshop, "round_changed", {"round": info, "action": "delete"})
    return commit({"round": info})
