"""Attendance written by the group-commit writer: arrivals, other tabs, leaves, quick returns."""

from __future__ import annotations

import threading
import time

import sqlalchemy as sa

from tests.helpers import events
from workshop.extensions import db


def _attendance(app, workshop_id: int) -> tuple:
    from workshop.models import Participant

    with app.app_context():
        row = db.session.execute(sa.select(Participant.joined_at, Participant.left_at).where(
            Participant.workshop_id == workshop_id)).one()
        db.session.remove()
        return row


def _snapshot(sock) -> dict:
    return [e for e in events(sock) if e["name"] == "snapshot"][0]["args"][0]


def _counted(sock, total: int, deadline: float = 30) -> bool:
    """Whether a presence broadcast with this total reaches the socket (it is coalesced)."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if total in [e["args"][0]["total"] for e in events(sock, "presence")]:
            return True
        time.sleep(0.02)
    return False


def test_an_arrival_is_durable_when_connect_completes(app, make_workshop, join_phone, live):
    w = make_workshop()
    http = join_phone(w)
    live(http, w).disconnect("/live")
    phone = live(http, w)  # back: the snapshot first, then the arrival's commit and broadcast
    assert _counted(phone, 1)
    joined, left = _attendance(app, w["id"])
    assert joined is not None
    assert left is None


def test_closing_one_of_two_tabs_keeps_the_phone_in_the_room(app, make_workshop, join_phone,
                                                              live):
    w = make_workshop()
    http = join_phone(w)
    first, second = live(http, w), live(http, w)
    first.disconnect("/live")
    assert _attendance(app, w["id"])[1] is None
    second.disconnect("/live")
    assert _attendance(app, w["id"])[1] is not None


def test_a_return_clears_the_leave_and_keeps_the_first_arrival(app, make_workshop, join_phone,
                                                                live):
    w = make_workshop()
    http = join_phone(w)
    live(http, w).disconnect("/live")
    joined, left = _attendance(app, w["id"])
    back = live(http, w)
    assert _counted(back, 1)
    assert _attendance(app, w["id"]) == (joined, None)


def test_returns_at_once_share_commits(app, make_workshop, join_phone, live, monkeypatch):
    """Twenty phones coming back together (the Wi-Fi is back) share transactions."""
    from workshop.voting import group_commit

    w = make_workshop()
    phones = [join_phone(w, name=f"گوشی {i}") for i in range(20)]
    for http in phones:  # each was here and left
        live(http, w).disconnect("/live")
    commits, real = [], group_commit.commit
    monkeypatch.setattr(group_commit, "commit", lambda *a: commits.append(1) or real(*a))
    gate = threading.Barrier(len(phones))

    def connect(http):
        gate.wait()
        live(http, w)

    threads = [threading.Thread(target=connect, args=(p,)) for p in phones]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    from workshop.models import Participant

    with app.app_context():
        here = db.session.scalar(sa.select(sa.func.count()).where(
            Participant.workshop_id == w["id"], Participant.left_at.is_(None),
            Participant.joined_at.is_not(None)))
        db.session.remove()
    assert here == 20
    assert 1 <= len(commits) < 20


def _moves_in_one_batch(app, participant_ids: list[int], moves: list[tuple[int, bool]]) -> list:
    """Note arrivals (True) and leaves (False) in one transaction; the statements it ran."""
    from workshop.joining import presence

    statements = []

    def seen(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("UPDATE PARTICIPANT"):
            statements.append(statement)

    with app.app_context():
        for index, arrived in moves:
            presence._note(participant_ids[index], arrived=arrived)
        sa.event.listen(db.engine, "before_cursor_execute", seen)
        try:
            db.session.commit()
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", seen)
            db.session.remove()
    return statements


def test_a_batch_writes_its_arrivals_and_leaves_as_one_by_one_writes_would(app, make_workshop,
                                                                          join_phone):
    from workshop.models import Participant

    w = make_workshop()
    for i in range(4):
        join_phone(w, name=f"گوشی {i}")
    with app.app_context():
        ids = list(db.session.scalars(sa.select(Participant.id).where(
            Participant.workshop_id == w["id"]).order_by(Participant.id)))
        db.session.remove()
    _moves_in_one_batch(app, ids, [(0, True), (1, True)])  # phones 0 and 1 are in the room
    statements = _moves_in_one_batch(app, ids, [
        (0, False), (0, True),  # left and came back: in the room
        (1, True), (1, False),  # already in, then left: out
        (2, True), (2, False),  # first arrival, then left: arrival kept, out
        (3, True), (3, True)])  # first arrival (twice): in
    assert len(statements) == 2  # one for the arrivals, one for the leaves
    with app.app_context():
        rows = {r.id: r for r in db.session.execute(sa.select(
            Participant.id, Participant.joined_at, Participant.left_at).where(
            Participant.id.in_(ids)))}
        db.session.remove()
    assert [rows[p].joined_at is not None for p in ids] == [True] * 4
    assert [rows[p].left_at is None for p in ids] == [True, False, False, True]
