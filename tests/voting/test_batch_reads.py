"""A batch's voters are locked and their marks read once for the batch (voting/prefetch.py).

The writer is held back until every vote of the scenario waits, so they all share one batch:
votes that read for themselves (a voter or an op id twice in the batch) must see the writes
of the votes before them, and everything else must get exactly what reading alone gives.
"""

from __future__ import annotations

import contextlib
import threading
import time
import uuid

import pytest
import sqlalchemy as sa

from tests.voting.concurrency import command_as, make_participants
from workshop.extensions import db
from workshop.models import Participant
from workshop.models.voting import Ballot
from workshop.voting import ballots
from workshop.voting.group_commit import writer


def _one_batch(app, commands: list) -> list[dict]:
    """Run every command in the writer's next batch, in this order; their acks in order."""
    with app.app_context():
        held = writer()
    _wait(held.idle, "the writer never finished the set-up's votes")
    with held._lock:
        held._running = True  # no writer starts while the votes queue
    acks: list = [None] * len(commands)
    threads = []
    for index, command in enumerate(commands):
        thread = threading.Thread(target=lambda i=index, c=command: acks.__setitem__(i, c()))
        thread.start()
        threads.append(thread)
        _wait(lambda n=index + 1: len(held._waiting) == n, "a vote never reached the queue")
    threading.Thread(target=held._drain, args=(app,)).start()
    for thread in threads:
        thread.join(30)
    return acks


def _wait(condition, failure: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, failure
        time.sleep(0.002)


def _dots(app, room, person, point, value, op=None):
    payload = {"workshop": room.workshop["id"], "op": op or uuid.uuid4().hex,
               "round": room.dots_round, "point": room.points[point], "value": value}
    return lambda: command_as(app, ("p", person), "cast_vote", payload)


def _current(app, round_id) -> dict:
    with app.app_context():
        rows = db.session.execute(sa.select(Ballot.participant_id, sa.func.sum(Ballot.value))
                                  .where(Ballot.round_id == round_id,
                                         Ballot.is_current.is_(True))
                                  .group_by(Ballot.participant_id)).all()
    return dict(rows)


def test_one_batch_of_votes_shares_its_reads_and_keeps_every_rule(app, room, monkeypatch):
    people = make_participants(app, room.workshop["id"], 9)
    alone, twice, resender, same_op = people[0:3], people[3], people[4], people[5]
    owner, borrower, changer = people[6:9]
    room.dots_round = room.open_round("dots", budget=3)
    resent = uuid.uuid4().hex
    first = _dots(app, room, resender, 0, 2, op=resent)()
    assert first["ok"], first
    assert _dots(app, room, changer, 1, 1)()["ok"]
    removed = make_participants(app, room.workshop["id"], 1)[0]
    with app.app_context():
        db.session.get(Participant, removed).status = "removed"
        db.session.commit()
    own_reads = []
    monkeypatch.setattr(ballots, "marks_and_op", _counting(ballots.marks_and_op, own_reads))
    doubled = uuid.uuid4().hex
    with _ballot_inserts(app) as inserts:
        acks = _one_batch(app, [
            _dots(app, room, changer, 1, 3),  # replaces its mark: retired in the batch
            *(_dots(app, room, person, 0, 1) for person in alone),
            _dots(app, room, twice, 0, 2), _dots(app, room, twice, 1, 2),  # 4 > budget 3
            _dots(app, room, resender, 0, 2, op=resent),  # committed before: a duplicate
            _dots(app, room, same_op, 1, 1, op=doubled),
            _dots(app, room, same_op, 1, 1, op=doubled),
            _dots(app, room, removed, 0, 1),
            _dots(app, room, owner, 0, 1, op=resent + "x"),
            _dots(app, room, borrower, 0, 1, op=resent + "x"),
        ])
    # PostgreSQL: new marks wait until a vote reads ballots itself. Written: the three lone
    # voters' before the doubled voter's first read, its first mark before its second read,
    # the doubled op's first mark before its resend's read, the owner's before the borrower's.
    assert len(inserts) == (0 if _sqlite(app) else 4)
    acks = acks[1:]
    assert [a["ok"] for a in acks] == [True] * 3 + [True, False, True, True, True, False,
                                                    True, False]
    assert acks[10]["error"] == "op_conflict"
    assert acks[4]["error"] == "budget_exceeded"
    assert acks[5]["result"].get("dup")
    assert acks[7]["result"].get("dup")
    assert acks[8]["error"] in ("bad_token", "removed")
    assert _current(app, room.dots_round) == {**dict.fromkeys(alone, 1), twice: 2, resender: 2,
                                              same_op: 1, owner: 1, changer: 3}
    assert len(own_reads) == 6  # a voter or an op id twice in the batch: they read alone


def test_rankings_in_one_batch_answer_with_their_stored_ids(app, room):
    people = make_participants(app, room.workshop["id"], 4)
    round_id = room.open_round("ranking", top_k=3)
    orders = [room.points[:3], room.points[2::-1], room.points[1:3], []]

    def ranking(person, order):
        payload = {"workshop": room.workshop["id"], "op": uuid.uuid4().hex, "round": round_id,
                   "ranking": order}
        return lambda: command_as(app, ("p", person), "cast_ranking", payload)

    acks = _one_batch(app, [ranking(p, order) for p, order in zip(people, orders, strict=True)])
    assert all(a["ok"] for a in acks), acks
    with app.app_context():
        rows = db.session.execute(sa.select(Ballot.participant_id, Ballot.id, Ballot.point_id,
                                            Ballot.value).where(Ballot.round_id == round_id,
                                                                Ballot.is_current.is_(True))
                                  .order_by(Ballot.value)).all()
    for person, order, ack in zip(people, orders, acks, strict=True):
        mine = [r for r in rows if r.participant_id == person]
        assert [r.point_id for r in mine if r.value is not None] == order
        assert ack["result"]["ballot"] == max(r.id for r in mine)
        assert ack["result"]["marks"] == sorted([p, "rank", i + 1] for i, p in enumerate(order))


def _sqlite(app) -> bool:
    with app.app_context():
        return db.engine.dialect.name == "sqlite"


@contextlib.contextmanager
def _ballot_inserts(app):
    """The statements that insert into ballot that SQLAlchemy runs (driver-level ones
    excluded; a batch's retire and insert go as one)."""
    with _statements(app, lambda s: "INSERT INTO ballot" in s) as seen:
        yield seen


@contextlib.contextmanager
def _statements(app, keep=lambda statement: True):
    """The statements SQLAlchemy runs on every engine of the app (the writer's own too)."""
    with app.app_context():
        engines = list(db.engines.values())  # the vote writer's own engine among them
    seen: list[str] = []

    def note(conn, cursor, statement, *args):
        if keep(statement):
            seen.append(statement)

    for engine in engines:
        sa.event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        for engine in engines:
            sa.event.remove(engine, "before_cursor_execute", note)


def _counting(function, calls: list):
    def counted(*args):
        calls.append(args)
        return function(*args)
    return counted


def test_the_writer_uses_connections_of_its_own_on_a_database_server(app, room):
    """A reconnect storm holds the requests' pool; the writer must not wait in line for it."""
    from flask import g

    with app.app_context():
        shared = db.session.get_bind()
        g.own_connections = True
        own = db.session.get_bind()
        db.session.remove()
    if _sqlite(app):
        assert own is shared
    else:
        assert own is not shared
        assert own.url == shared.url
        assert own.pool.size() == 2
    round_id = room.open_round("dots", budget=3)
    phone = room.phone()
    checkouts: list = []

    def note(*args):
        checkouts.append(1)

    sa.event.listen(own, "checkout", note)
    try:
        assert room.vote(phone, round_id, point=room.points[0], delta=1)["ok"]
    finally:
        sa.event.remove(own, "checkout", note)
    assert _current(app, round_id) == {_participant_id(app, room.workshop["id"]): 1}
    assert checkouts  # the vote's batch ran on the writer's engine (the shared one on SQLite)


def _participant_id(app, workshop_id: int) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(Participant.id).where(
            Participant.workshop_id == workshop_id))


def test_a_batch_reads_all_its_rounds_in_one_statement(app, room):
    from workshop.voting.locking import read_round, read_rounds

    rounds = []
    for _ in range(3):
        rounds.append(room.open_round("dots", budget=3))
        room.staff("close_round", round=rounds[-1])
    statements: list[str] = []

    def note(conn, cursor, statement, *args):
        if "FROM vote_round" in statement:
            statements.append(statement)

    with app.app_context():
        sa.event.listen(db.engine, "before_cursor_execute", note)
        try:
            read_rounds([rounds[2], rounds[0], 999_999, rounds[1], rounds[0]])
            states = [read_round(r) for r in rounds]  # held: no statement more
            assert read_round(999_999) is None
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", note)
            db.session.rollback()
    assert len(statements) == 1
    assert [s.id for s in states] == rounds
    assert {s.status for s in states} == {"closed"}
    assert "ORDER BY vote_round.id" in statements[0]
    assert ("FOR SHARE" in statements[0]) is (not _sqlite(app))


def test_a_batch_takes_its_ids_with_the_lock_and_retires_and_inserts_in_one_go(app, room):
    """PostgreSQL: the writer waits on every round trip; a batch of changed votes costs the
    lock (with the new ballot ids), the rounds, the marks and one write, then the commit."""
    if _sqlite(app):
        pytest.skip("SQLite writes in process: no round trips to save")
    people = make_participants(app, room.workshop["id"], 3)
    room.dots_round = room.open_round("dots", budget=3)
    for person in people:
        assert _dots(app, room, person, 0, 1)()["ok"]
    with _statements(app) as statements:
        acks = _one_batch(app, [_dots(app, room, person, 0, 2) for person in people])
    seen = [" ".join(statement.split())[:60] for statement in statements]
    assert all(ack["ok"] for ack in acks), acks
    assert _current(app, room.dots_round) == dict.fromkeys(people, 2)
    writes = [s for s in seen if "ballot" in s and s.startswith(("UPDATE", "INSERT"))]
    assert writes == [s for s in seen if s.startswith("UPDATE ballot SET is_current = false")]
    assert len(writes) == 1, seen  # the retire and the insert, one query string
    assert not [s for s in seen if "nextval" in s and "participant" not in s], seen
