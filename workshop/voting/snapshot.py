"""The voting part of every snapshot: rounds, results as the audience may see them, my marks."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import make_transient_to_detached

from workshop.extensions import db
from workshop.lru import BoundedCache
from workshop.models.voting import VoteRound
from workshop.realtime.snapshot import fresh_part, snapshot_section
from workshop.voting.few import FEW
from workshop.voting.marks import canonical, current_marks_many, voter_for
from workshop.voting.results import snapshot_results, throughs
from workshop.voting.rounds import rounds_of
from workshop.voting.serialize import round_info
from workshop.voting.turnout import voted_in

RESULT_ROUNDS = FEW  # results of the newest rounds travel with the snapshot; older on request


@snapshot_section("voting", shared=True)
def voting_section(actor, workshop, audience):
    """The rounds this audience may see (staff also see drafts)."""
    return {"rounds": [round_info(r) for r in _visible_rounds(workshop, audience)]}


@fresh_part("voting")
def voting_live(actor, workshop, audience):
    """Live results of the newest rounds and, for a phone, its own marks (a few queries for
    all rounds together: a reconnect storm pays this once per phone)."""
    recent = [r for r in _visible_rounds(workshop, audience, attach=False)[:RESULT_ROUNDS]
              if r.status != "draft"]
    results_audience = {"staff": "staff", "projector": "projector"}.get(audience, "phone")
    through = throughs([r.id for r in recent])
    part = {"results": {str(r.id): snapshot_results(r, results_audience, through[r.id])
                        for r in recent}}  # without `round`: the round list has it
    participant = actor.participant
    if participant is not None and participant.status == "admitted":
        part["mine"] = _mine(recent, participant)
        voted = voted_in([r.id for r in recent], participant.id)
        part["voted"] = [r.id for r in recent if r.id in voted]
    return part


def _mine(recent: list[VoteRound], participant) -> dict:
    """The phone's own marks per round (an anonymous round forgets them when it closes)."""
    voters = {r.id: voter_for(r, participant) for r in recent
              if r.status == "open" or not r.anonymous}
    held = current_marks_many({round_id: v.key for round_id, v in voters.items()})
    return {str(r.id): canonical(r, voters[r.id], held[r.id]) if r.id in voters else None
            for r in recent}


_ROUNDS = BoundedCache(32)


def _visible_rounds(workshop, audience: str, attach: bool = True) -> list[VoteRound]:
    """Newest first; `attach=False` gives read-only copies of no session (their columns only:
    results merge one when they need its points)."""
    return [r for r in _rounds_at_version(workshop, attach)
            if audience == "staff" or r.status != "draft"]


def _rounds_at_version(workshop, attach: bool) -> list[VoteRound]:
    """A round changes only through `publish` (a new version): read them once per version."""
    key = (workshop.id, workshop.created_at, workshop.join_code, workshop.version)
    copies = _ROUNDS.get_or_build(
        key, lambda: [_detached_copy(r) for r in rounds_of(workshop)])
    return [_session_round(copy, attach) for copy in copies]


def _session_round(copy: VoteRound, attach: bool) -> VoteRound:
    """This session's round when it holds one (maybe changed), else the copy: merged without
    a query when `attach`, or as it is."""
    held = db.session.identity_map.get(sa.inspect(copy).key)
    if held is not None or not attach:
        return held if held is not None else copy
    return db.session.merge(copy, load=False)


def _detached_copy(voting_round: VoteRound) -> VoteRound:
    """The round's columns in an object of no session, for other sessions to merge."""
    columns = {c.key: getattr(voting_round, c.key) for c in sa.inspect(VoteRound).column_attrs}
    copy = VoteRound(**columns)
    make_transient_to_detached(copy)
    return copy
