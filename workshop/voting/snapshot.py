"""The voting part of every snapshot: rounds, results as the audience may see them, my marks."""

from __future__ import annotations

from workshop.models.voting import VoteRound
from workshop.realtime.snapshot import fresh_part, snapshot_section
from workshop.voting.marks import canonical, has_voted, voter_for
from workshop.voting.results import results_for
from workshop.voting.rounds import rounds_of
from workshop.voting.serialize import round_info

RESULT_ROUNDS = 5  # results of the newest rounds travel with the snapshot; older on request


def _mine(voting_round: VoteRound, participant) -> dict | None:
    """The phone's own marks (an anonymous round forgets them when it closes)."""
    if voting_round.status == "open" or not voting_round.anonymous:
        return canonical(voting_round, voter_for(voting_round, participant))
    return None


@snapshot_section("voting", shared=True)
def voting_section(actor, workshop, audience):
    """The rounds this audience may see (staff also see drafts)."""
    return {"rounds": [round_info(r) for r in _visible_rounds(workshop, audience)]}


@fresh_part("voting")
def voting_live(actor, workshop, audience):
    """Live results of the newest rounds and, for a phone, its own marks."""
    recent = [r for r in _visible_rounds(workshop, audience)[:RESULT_ROUNDS]
              if r.status != "draft"]
    results_audience = {"staff": "staff", "projector": "projector"}.get(audience, "phone")
    part = {"results": {str(r.id): results_for(r, results_audience) for r in recent}}
    participant = actor.participant
    if participant is not None and participant.status == "admitted":
        part["mine"] = {str(r.id): _mine(r, participant) for r in recent}
        part["voted"] = [r.id for r in recent if has_voted(r.id, participant.id)]
    return part


def _visible_rounds(workshop, audience: str) -> list[VoteRound]:
    return [r for r in rounds_of(workshop) if audience == "staff" or r.status != "draft"]
