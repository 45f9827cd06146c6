"""The ballot a phone without JavaScript gets: the open round, this person's marks, and the
ranking each "rank it" button would send (the forms post to `voting.phone_vote`)."""

from __future__ import annotations

import uuid

from workshop.voting.marks import canonical, voter_for
from workshop.voting.rounds import rounds_of


def phone_ballot(workshop, participant) -> dict | None:
    """The open round as a server-rendered ballot, or None (no open round, not admitted)."""
    if participant is None or participant.status != "admitted":
        return None
    voting_round = next((r for r in rounds_of(workshop) if r.status == "open"), None)
    if voting_round is None:
        return None
    state = canonical(voting_round, voter_for(voting_round, participant))
    marks = {(p, c or ""): v for p, c, v in state["marks"]}
    ranked = [p for (p, c), _v in sorted(((k, v) for k, v in marks.items() if k[1] == "rank"),
                                         key=lambda kv: kv[1])]
    return {"round": voting_round, "marks": marks, "left": state["left"], "ranked": ranked,
            "op": lambda: uuid.uuid4().hex, "ranking_with": _ranking_with(voting_round, ranked)}


def _ranking_with(voting_round, ranked: list[int]):
    """For a point: the ranking to send when its button is pressed (added last, or removed)."""
    def toggle(point_id: int) -> str:
        if point_id in ranked:
            order = [p for p in ranked if p != point_id]
        else:
            order = (ranked + [point_id])[: voting_round.top_k or len(ranked) + 1]
        return ",".join(str(p) for p in order)
    return toggle
