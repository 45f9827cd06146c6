"""Who is in the room: attendance times on connect/disconnect, and coalesced counts."""

from __future__ import annotations

from workshop.extensions import db, socketio
from workshop.models import Participant, Workshop, utcnow
from workshop.realtime.coalesce import broadcasts
from workshop.realtime.publish import after_commit
from workshop.realtime.rooms import room_for, staff_room
from workshop.transaction import commit


def presence_changed(workshop_id: int) -> None:
    """After this transaction commits, refresh the counts on every screen (coalesced)."""
    after_commit(lambda: broadcasts.touch(f"presence:{workshop_id}",
                                          lambda: emit_presence(workshop_id)))


def emit_presence(workshop_id: int) -> None:
    """Send the current counts to the room and the roster to the consoles."""
    from workshop.joining.snapshot import presence, roster

    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        return
    counts = presence(workshop)
    socketio.emit("presence", counts, to=room_for(workshop_id), namespace="/live")
    socketio.emit("presence", counts | {"roster": roster(workshop)},
                  to=staff_room(workshop_id), namespace="/live")


def mark_connected(participant: Participant) -> None:
    """A phone's socket opened: the participant is in the room (again)."""
    if participant.joined_at is not None and participant.left_at is None:
        return  # another tab, or back before the old socket was noticed gone: nothing changed
    participant.joined_at = participant.joined_at or utcnow()
    participant.left_at = None
    presence_changed(participant.workshop_id)
    commit()


def mark_disconnected(participant_id: int, still_connected: bool) -> None:
    """A phone's last socket closed: note when they left (cleared if they come back)."""
    participant = db.session.get(Participant, participant_id)
    if participant is None or still_connected:
        return
    participant.left_at = utcnow()
    presence_changed(participant.workshop_id)
    commit()
