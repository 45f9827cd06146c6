"""Live results, coalesced after the commit: screens at most every 200 ms, phones every 1 s.

Consoles always get the full results (`round_results_full`); the projector gets them too, or
only the turnout while they are hidden; phones get `round_results` only once revealed.
Phones refresh once a second: a hall of 100 phones at five refreshes a second would spend the
venue's shared Wi-Fi (and the server's sends) on numbers nobody reads that fast; the projector
and the console, where the room watches, keep 200 ms.
A voter's other sockets hear `ballot_saved` so a second tab shows the same marks.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from functools import partial

from flask import g

from workshop.extensions import db, socketio
from workshop.models.voting import VoteRound
from workshop.realtime.coalesce import Coalescer, broadcasts
from workshop.realtime.publish import after_commit, publish_unversioned
from workshop.realtime.rooms import participant_room, projector_room, room_for, staff_room

NAMESPACE = "/live"
phone_broadcasts = Coalescer(1.0)
CADENCE = {"screens": broadcasts, "phones": phone_broadcasts}
_dirty: dict[str, dict[int, set[int]]] = {group: defaultdict(set) for group in CADENCE}
_lock = threading.Lock()


def results_changed(workshop_id: int, round_id: int) -> None:
    """Once this transaction commits, schedule coalesced results refreshes for the round."""

    def touch() -> None:
        for group, coalescer in CADENCE.items():
            with _lock:
                _dirty[group][workshop_id].add(round_id)
            coalescer.touch(f"results-{group}:{workshop_id}",
                            partial(emit_results, workshop_id, group))

    after_commit(touch)


def forget_pending() -> None:
    """Drop every results refresh not yet sent (a test's database is about to go)."""
    for coalescer in CADENCE.values():
        coalescer.forget()
    with _lock:
        for pending in _dirty.values():
            pending.clear()


def sending() -> bool:
    """Whether a results refresh is being computed or sent right now."""
    return any(coalescer.sending() for coalescer in CADENCE.values())


def emit_results(workshop_id: int, group: str) -> None:
    """Send `group` ("screens" or "phones") fresh results of every round changed since its
    last refresh."""
    with _lock:
        round_ids = sorted(_dirty[group].pop(workshop_id, set()))
    for round_id in round_ids:
        voting_round = db.session.get(VoteRound, round_id)
        if voting_round is not None:
            SENDERS[group](voting_round)


def emit_round(voting_round: VoteRound) -> None:
    """One round's results to each audience, as much as it may see."""
    emit_to_screens(voting_round)
    emit_to_phones(voting_round)


def emit_to_screens(voting_round: VoteRound) -> None:
    """The full results to the consoles and (as far as shown) the projector."""
    from workshop.voting.results import results_by_audience

    workshop_id = voting_round.workshop_id
    views = results_by_audience(voting_round, ("staff", "projector"))
    _emit("round_results_full", views["staff"], staff_room(workshop_id))
    _emit("round_results_full", views["projector"], projector_room(workshop_id))


def emit_to_phones(voting_round: VoteRound) -> None:
    """The phones' results, once they are revealed."""
    from workshop.voting.results import results_by_audience

    if not voting_round.results_hidden:
        view = results_by_audience(voting_round, ("phone",))["phone"]
        _emit("round_results", view, room_for(voting_round.workshop_id))


def _emit(name: str, payload: dict, room: str) -> None:
    socketio.emit(name, payload, to=room, namespace=NAMESPACE)


SENDERS = {"screens": emit_to_screens, "phones": emit_to_phones}


def ballot_saved(participant_id: int, state: dict) -> None:
    """After commit, the voter's other tabs learn their current marks (the ack tells this one)."""
    publish_unversioned("ballot_saved", participant_room(participant_id), dict(state),
                        skip_sid=g.get("sender_sid"))
