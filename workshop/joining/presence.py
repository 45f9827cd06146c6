"""Who is in the room: attendance times on connect/disconnect, and coalesced counts.

Arrivals and leaves are written by the group-commit writer (`voting/group_commit.py`), in the
same batches as votes: a reconnect storm of a thousand phones costs a few commits, not a
thousand. A batch's arrivals are written in one statement and its leaves in one more, just
before it commits (one round trip per phone was most of a storm batch's time). Applied in that
order, they end where one-by-one writes would: a phone that left and came back is in the room,
one that came and left is out (with its arrival noted), one that was already in stays as it was.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlalchemy.orm as so

from workshop.extensions import db, socketio
from workshop.models import Participant, Workshop, utcnow
from workshop.per_transaction import collected, take_collected
from workshop.realtime.coalesce import Coalescer
from workshop.realtime.publish import after_commit
from workshop.realtime.rooms import participant_room, room_for, staff_room
from workshop.voting.group_commit import write_soon, write_together

_PARTICIPANT = Participant.__table__
# Head counts need not move five times a second: when a room's Wi-Fi comes back, a thousand
# arrivals would otherwise send the room (and the consoles' whole roster) 5 updates a second.
presence_broadcasts = Coalescer(1.0)
_NOW = sa.bindparam("now", type_=_PARTICIPANT.c.joined_at.type)
_IDS = sa.bindparam("ids", expanding=True)
_ARRIVE = (sa.update(_PARTICIPANT)
           .where(_PARTICIPANT.c.id.in_(_IDS),
                  sa.or_(_PARTICIPANT.c.joined_at.is_(None), _PARTICIPANT.c.left_at.is_not(None)))
           .values(joined_at=sa.func.coalesce(_PARTICIPANT.c.joined_at, _NOW),
                   left_at=None)
           .returning(_PARTICIPANT.c.workshop_id))
_LEAVE = (sa.update(_PARTICIPANT)
          .where(_PARTICIPANT.c.id.in_(_IDS), _PARTICIPANT.c.left_at.is_(None))
          .values(left_at=_NOW)
          .returning(_PARTICIPANT.c.workshop_id))
_MOVES = "attendance"  # this transaction's {participant id: [arrived at all, left last]}


def presence_changed(workshop_id: int) -> None:
    """After this transaction commits, refresh the counts on every screen (coalesced)."""
    from workshop.joining.snapshot import forget_presence

    def refresh():
        forget_presence(workshop_id)
        presence_broadcasts.touch(f"presence:{workshop_id}", lambda: emit_presence(workshop_id))

    after_commit(refresh)


def emit_presence(workshop_id: int) -> None:
    """Send the current counts to the room and the roster to the consoles."""
    from workshop.joining.snapshot import counted_public_presence, headcount, presence, roster

    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        return
    socketio.emit("presence", counted_public_presence(workshop), to=room_for(workshop_id),
                  namespace="/live")
    socketio.emit("presence", presence(workshop) | {"roster": roster(workshop),
                                                    "headcount": headcount(workshop)},
                  to=staff_room(workshop_id), namespace="/live")


def mark_connected(participant: Participant) -> None:
    """A phone's socket opened: the participant is in the room (again) from the next commit.

    The connect does not wait for it: the count follows in the coalesced presence broadcast
    that this write's commit triggers (a storm of returns must not wait on fsyncs).
    """
    if participant.joined_at is not None and participant.left_at is None:
        return  # another tab, or back before the old socket was noticed gone: nothing changed
    pid = participant.id
    write_soon(lambda: _note(pid, arrived=True))


def mark_disconnected(participant_id: int, sid: str) -> None:
    """A phone's socket closed: if it was its last one, note when they left."""
    def leave():
        if not _other_sockets(participant_id, sid):
            _note(participant_id, arrived=False)

    write_together(leave, sid)


def _other_sockets(participant_id: int, sid: str) -> bool:
    """Does this participant still have a socket open here (looked at when the leave is written)?"""
    manager = socketio.server.manager
    return any(s != sid for s, _ in manager.get_participants("/live",
                                                            participant_room(participant_id)))


def _note(participant_id: int, arrived: bool) -> None:
    """Note an arrival or a leave for this batch's two attendance statements."""
    moves = collected(_MOVES).setdefault(participant_id, [False, False])
    moves[0] = moves[0] or arrived
    moves[1] = not arrived


@sa.event.listens_for(so.Session, "before_commit")
def _write_attendance(session) -> None:
    moves = take_collected(session, _MOVES)
    if not moves:
        return
    connection, now = session.connection(), utcnow()
    changed = set()
    for statement, ids in ((_ARRIVE, [p for p, (came, _) in moves.items() if came]),
                           (_LEAVE, [p for p, (_, left) in moves.items() if left])):
        if ids:
            changed.update(connection.execute(statement, {"ids": sorted(ids), "now": now})
                           .scalars())
    for workshop_id in sorted(changed):
        presence_changed(workshop_id)
