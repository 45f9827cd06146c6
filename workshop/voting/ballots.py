"""Casting and changing votes: one transaction checks the round, the budget and the op id.

The acknowledgement goes out only after COMMIT (votes waiting together share one: see
`group_commit`). A resent operation id
finds its mark (stored under a unique constraint) and gets the canonical state back, marked
as a duplicate, without changing anything. The mark is the vote's only operation record, so
nothing links an anonymous mark to a person; a refused vote leaves no record, and its resend
(sent only if the refusal never arrived) is judged again like a new vote.
"""

from __future__ import annotations

import uuid

from flask import current_app, has_request_context, request
from sqlalchemy.exc import IntegrityError

from workshop.actors import Actor
from workshop.errors import BadInput, InvalidState, NotAllowed, NotFound, WorkshopError
from workshop.models.voting import RANK
from workshop.permissions import require_member
from workshop.realtime.commands import operation_digest, operation_id
from workshop.text.normalize import validate_int
from workshop.voting import broadcast
from workshop.voting.group_commit import VoteJob, WriteRefused, writer
from workshop.voting.locking import RoundState, lock_voter, read_round
from workshop.voting.marks import (
    HeldMark,
    Voter,
    ballot_points,
    canonical,
    is_sealed_op,
    marks_and_op,
    new_mark,
    retire,
    voter_for,
)
from workshop.voting.prefetch import VotePlan, prefetched
from workshop.voting.settings import MAX_ID, clean_id
from workshop.voting.turnout import note_voter
from workshop.workshops.services import get_workshop

MAX_SEQ = 2**53
DB_REFUSALS = ("budget_exceeded", "round_not_open", "round_closed", "invalid_value")


def _locked_round(participant_id: int, workshop_id, args: dict) -> tuple[RoundState, Voter]:
    """Lock, authorise the voter as stored now, and return the round and ballot identity."""
    voter = lock_voter(participant_id)
    _require_member(voter, workshop_id)
    round_id = clean_id(args.get("round"), "round")
    voting_round = read_round(round_id)
    if voting_round is None or voting_round.workshop_id != workshop_id:
        raise WorkshopError("not_found", field="round")
    return voting_round, voter_for(voting_round, voter)


def _require_member(voter, workshop_id) -> None:
    """The voter as the lock sees them: a removal that committed meanwhile wins."""
    if voter is None or not voter.has_token:
        raise NotAllowed("bad_token")
    if voter.workshop_id != workshop_id:
        raise NotFound()
    if voter.status != "admitted":
        raise NotAllowed("removed" if voter.status == "removed" else "not_admitted")


def _require_open(voting_round: RoundState) -> None:
    if voting_round.status != "open":
        code = "round_closed" if voting_round.status == "closed" else "round_not_open"
        raise InvalidState(code)


def _names_same_mark(stored, args: dict) -> bool:
    """A resend names the stored mark's point and criterion (a ranking: any ranking)."""
    if stored.criterion == RANK:
        return "ranking" in args
    criterion = args.get("criterion", "") if stored.criterion else ""
    return args.get("point") == stored.point_id and criterion == stored.criterion


def _replayed(voting_round: RoundState, voter: Voter, stored, marks: list[HeldMark],
              args: dict, digest: str | None) -> dict | None:
    """The canonical state for an operation id that is already stored, else None; the same
    id with another payload is `op_conflict`, as for every command (docs/realtime.md §4)."""
    if stored is None:
        return None
    same_payload = stored.op_digest is None or digest is None or stored.op_digest == digest
    if (stored.round_id != voting_round.id or stored.voter_key != voter.key
            or not _names_same_mark(stored, args) or not same_payload):
        raise WorkshopError("op_conflict")
    return canonical(voting_round, voter, marks, dup=True) | {"_dup": True}


def _seq(args: dict) -> int | None:
    value = args.get("seq")
    return None if value is None else validate_int(
        value, field="seq", min_value=0, max_value=MAX_SEQ, strict=True)


def _is_stale(marks: list[HeldMark], seq: int | None) -> bool:
    """An older change arriving after a newer one is acknowledged but not applied."""
    stored = [m.seq for m in marks if m.seq is not None]
    return seq is not None and bool(stored) and seq <= max(stored)


def _mark_value(voting_round: RoundState, args: dict,
                held: HeldMark | None) -> tuple[str, int | None]:
    """The criterion and new value of one mark, checked against the round's rules."""
    method, value = voting_round.method, args.get("value")
    criterion = args.get("criterion", "") if method == "scores" else ""
    if method == "scores" and criterion not in voting_round.criterion_keys:
        raise BadInput("not_found", field="criterion")
    if method == "dots" and "delta" in args:
        delta = validate_int(args["delta"], field="delta", min_value=-1, max_value=1, strict=True)
        value = (held.value or 0 if held else 0) + delta
        if value < 0:
            raise BadInput("invalid_value", field="delta")
        if value > (voting_round.per_point_cap or voting_round.budget):
            raise WorkshopError("budget_exceeded", field="delta")
        return criterion, value
    if value is None:
        return criterion, None
    low, high = {"approval": (0, 1), "dots": (0, voting_round.per_point_cap or voting_round.budget),
                 "scores": (voting_round.score_min, voting_round.score_max)}[method]
    if method == "dots" and type(value) is int and value > high:
        raise WorkshopError("budget_exceeded", field="value")
    return criterion, validate_int(value, field="value", min_value=low, max_value=high, strict=True)


def _check_limits(voting_round: RoundState, others: list[HeldMark], value: int | None) -> None:
    """Refuse dots over the budget and yeses over the maximum (the triggers check it too)."""
    live = [m.value for m in others if m.value is not None]
    if voting_round.method == "dots" and sum(live) + (value or 0) > voting_round.budget:
        raise WorkshopError("budget_exceeded")
    yeses = sum(1 for v in live if v == 1) + (value == 1)
    if voting_round.method == "approval" and voting_round.max_yes and yeses > voting_round.max_yes:
        raise WorkshopError("budget_exceeded")


def _finish(voting_round: RoundState, voter: Voter, kept: list[HeldMark], retired: list[HeldMark],
            writes: list[tuple], first_vote: bool) -> dict:
    """Write the marks (a trigger's refusal stops the batch), note the voter, queue events."""
    digest = operation_digest()
    try:
        retire(retired)
        fresh = [new_mark(voting_round, voter, *write, op_digest=digest if write[3] else None)
                 for write in writes]
    except IntegrityError as error:
        raise WriteRefused(_refusal(error)) from None
    if first_vote:
        note_voter(voting_round, voter.participant.id)
    state = canonical(voting_round, voter, kept + fresh, stale=False)
    broadcast.ballot_saved(voter.participant.id, state)
    broadcast.results_changed(voting_round.workshop_id, voting_round.id)
    return state


def _refusal(error: IntegrityError) -> Exception:
    text = str(error.orig)
    for code in DB_REFUSALS:
        if code in text:
            return WorkshopError(code)
    if "op_id" in text:
        return WorkshopError("op_conflict")
    return error


def _cast(actor: Actor, workshop_id, args: dict, apply) -> dict:
    """Queue the vote for the group-commit writer; answer once it is durable or refused."""
    if actor.participant is None:
        require_member(actor, get_workshop(workshop_id))  # staff get the precise refusal
    participant_id = actor.participant.id
    sender = getattr(request, "sid", None) if has_request_context() else None
    job = VoteJob(lambda: _decide(participant_id, workshop_id, args, apply), operation_id(),
                  sender, operation_digest(), _plan(participant_id, args))
    return writer().submit(job)


def _plan(participant_id: int, args: dict) -> VotePlan | None:
    """What the vote will read, when its round id is well formed (else it reads nothing)."""
    round_id = args.get("round")
    if type(round_id) is not int or not 1 <= round_id <= MAX_ID:
        return None
    return VotePlan(participant_id, round_id, operation_id())


def _decide(participant_id: int, workshop_id, args: dict, apply) -> dict:
    """Lock, answer a resent op id with the canonical state, else apply the change."""
    voting_round, voter = _locked_round(participant_id, workshop_id, args)
    op_id = operation_id()
    marks, stored = (prefetched(voting_round.id, voter.key, op_id)
                     or marks_and_op(voting_round.id, voter.key, op_id))
    replay = _replayed(voting_round, voter, stored, marks, args, operation_digest())
    if replay is not None:
        return replay
    if voting_round.anonymous and voting_round.status == "closed" and is_sealed_op(
            voting_round.id, op_id, operation_digest()):
        return canonical(voting_round, voter, [], dup=True, sealed=True) | {"_dup": True}
    _require_open(voting_round)
    return apply(voting_round, voter, args, marks, op_id or _server_op())


def cast_mark(actor: Actor, workshop_id, args: dict) -> dict:
    """A phone marks one point (yes/no, dots, one criterion's score), or clears the mark."""
    return _cast(actor, workshop_id, args, _apply_mark)


def cast_ranking(actor: Actor, workshop_id, args: dict) -> dict:
    """A phone submits its whole ordered top-k list (an empty list withdraws the ranking)."""
    return _cast(actor, workshop_id, args, _apply_ranking)


def _apply_mark(voting_round: RoundState, voter: Voter, args: dict, marks: list[HeldMark],
                op_id: str | None) -> dict:
    if voting_round.method == "ranking":
        raise BadInput("invalid_value", field="method")
    point_id = clean_id(args.get("point"), "point")
    if point_id not in ballot_points(voting_round):
        raise BadInput("not_found", field="point")
    criterion = args.get("criterion", "") if voting_round.method == "scores" else ""
    held = next((m for m in marks if m.point_id == point_id and m.criterion == criterion), None)
    seq = _seq(args)
    criterion, value = _mark_value(voting_round, args, held)
    if _is_stale([held] if held else [], seq):
        return canonical(voting_round, voter, marks, stale=True)
    kept = [m for m in marks if m is not held]
    _check_limits(voting_round, kept, value)
    return _finish(voting_round, voter, kept, [held] if held else [],
                   [(point_id, criterion, value, op_id, seq)], first_vote=not marks)


def _server_op() -> str | None:
    """With operation ids ignored (a test-only switch) nothing deduplicates the mark."""
    if current_app.config["HONOUR_OPERATION_IDS"]:
        return None
    return f"srv-{uuid.uuid4().hex}"


def _clean_ranking(voting_round: RoundState, value) -> list[int]:
    if not isinstance(value, list) or len(value) > voting_round.top_k:
        raise BadInput("invalid_ranking", field="ranking")
    ids = [clean_id(v, "ranking") for v in value]
    if len(set(ids)) != len(ids) or not set(ids) <= ballot_points(voting_round):
        raise BadInput("invalid_ranking", field="ranking")
    return ids


def _apply_ranking(voting_round: RoundState, voter: Voter, args: dict, marks: list[HeldMark],
                   op_id: str | None) -> dict:
    if voting_round.method != "ranking":
        raise BadInput("invalid_value", field="method")
    ranking = _clean_ranking(voting_round, args.get("ranking"))
    seq = _seq(args)
    if _is_stale(marks, seq):
        return canonical(voting_round, voter, marks, stale=True)
    dropped = sorted({m.point_id for m in marks if m.value is not None} - set(ranking))
    rows = [(p, rank) for rank, p in enumerate(ranking, start=1)] + [(p, None) for p in dropped]
    if not rows:  # an empty ranking over nothing: keep the op id on a retraction mark
        rows = [(min(ballot_points(voting_round)), None)]
    writes = [(p, RANK, rank, op_id if i == 0 else None, seq) for i, (p, rank) in enumerate(rows)]
    return _finish(voting_round, voter, [], marks, writes, first_vote=not marks)
