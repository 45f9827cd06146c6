"""Live results, coalesced: at most one refresh per workshop per 200 ms, after the commit.

Consoles always get the full results (`round_results_full`); the projector gets them too, or
only the turnout while they are hidden; phones get `round_results` only once revealed.
A voter's other sockets hear `ballot_saved` so a second tab shows the same marks.
"""

from __future__ import annotations

import threading
from collections import defaultdict

from flask import g

from workshop.extensions import db, socketio
from workshop.models.voting import VoteRound
from workshop.realtime.coalesce import broadcasts
from workshop.realtime.publish import after_commit, publish_unversioned
from workshop.realtime.rooms import participant_room, projector_room, room_for, staff_room

NAMESPACE = "/live"
_dirty: dict[int, set[int]] = defaultdict(set)
_lock = threading.Lock()


def results_changed(workshop_id: int, round_id: int) -> None:
    """Once this transaction commits, schedule a coalesced results refresh for the round."""

    def touch() -> None:
        with _lock:
            _dirty[workshop_id].add(round_id)
        broadcasts.touch(f"results:{workshop_id}", lambda: emit_results(workshop_id))

    after_commit(touch)


def emit_results(workshop_id: int) -> None:
    """Send fresh results of every round that changed since the last refresh."""
    with _lock:
        round_ids = sorted(_dirty.pop(workshop_id, set()))
    for round_id in round_ids:
        voting_round = db.session.get(VoteRound, round_id)
        if voting_round is not None:
            emit_round(voting_round)


def emit_round(voting_round: VoteRound) -> None:
    """One round's results to each audience, as much as it may see."""
    from workshop.voting.results import results_by_audience

    workshop_id = voting_round.workshop_id
    views = results_by_audience(voting_round, ("staff", "projector", "phone"))
    _emit("round_results_full", views["staff"], staff_room(workshop_id))
    _emit("round_results_full", views["projector"], projector_room(workshop_id))
    if not voting_round.results_hidden:
        _emit("round_results", views["phone"], room_for(workshop_id))


def _emit(name: str, payload: dict, room: str) -> None:
    socketio.emit(name, payload, to=room, namespace=NAMESPACE)


def ballot_saved(participant_id: int, state: dict) -> None:
    """After commit, the voter's other tabs learn their current marks (the ack tells this one)."""
    publish_unversioned("ballot_saved", participant_room(participant_id), dict(state),
                        skip_sid=g.get("sender_sid"))
