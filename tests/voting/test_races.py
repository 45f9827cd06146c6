"""Real concurrency: threads with their own DB connections racing for a budget or a close."""

import uuid

import sqlalchemy as sa

from tests.voting.concurrency import command_as, make_participants, run_together
from workshop.extensions import db
from workshop.models.voting import Ballot

REPEATS = 4


def _dots_used(app, round_id):
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(Ballot.value), 0)).where(
            Ballot.round_id == round_id, Ballot.is_current.is_(True)))


def test_two_sockets_cannot_overspend_a_dot_budget(app, room):
    (participant,) = make_participants(app, room.workshop["id"], 1)
    for _ in range(REPEATS):
        round_id = room.open_round("dots", budget=10)
        jobs = [
            (lambda i=i, round_id=round_id: command_as(app, ("p", participant), "cast_vote", {
                "workshop": room.workshop["id"], "op": uuid.uuid4().hex, "round": round_id,
                "point": room.points[i % len(room.points)], "delta": 1}))
            for i in range(15)
        ]
        acks = run_together(jobs)
        assert all(isinstance(a, dict) for a in acks), acks
        assert sum(1 for a in acks if a["ok"]) == 10, acks
        assert sorted(a["error"] for a in acks if not a["ok"]) == ["budget_exceeded"] * 5
        assert _dots_used(app, round_id) == 10
        room.staff("close_round", round=round_id)


def test_votes_racing_the_close(app, room):
    voters = make_participants(app, room.workshop["id"], 50)
    fac = ("u", room.workshop["facilitator"])
    for _ in range(2):
        round_id = room.open_round("approval")
        votes = [(lambda p=p, round_id=round_id: command_as(app, ("p", p), "cast_vote", {
            "workshop": room.workshop["id"], "op": uuid.uuid4().hex, "round": round_id,
            "point": room.points[0], "value": 1})) for p in voters]
        closes = [(lambda round_id=round_id: command_as(app, fac, "close_round", {
            "workshop": room.workshop["id"], "op": uuid.uuid4().hex, "round": round_id}))
            for _ in range(5)]
        acks = run_together(votes[:25] + closes + votes[25:])
        vote_acks, close_acks = acks[:25] + acks[30:], acks[25:30]
        assert all(a["ok"] or a["error"] == "round_closed" for a in vote_acks), vote_acks
        saved = sum(1 for a in vote_acks if a["ok"])
        tallies = [a["result"]["tally"] for a in close_acks]
        assert all(a["ok"] for a in close_acks), close_acks
        assert all(t == tallies[0] for t in tallies)
        assert tallies[0]["marks"] == saved == tallies[0]["points"][str(room.points[0])]
        with app.app_context():
            stored = db.session.scalar(sa.select(sa.func.count())
                                       .where(Ballot.round_id == round_id))
        assert stored == saved


def test_a_write_refused_by_the_database_spoils_no_other_vote(app, room, monkeypatch):
    """With the Python budget check off, the triggers refuse mid-batch; batches run again."""
    from workshop.voting import ballots

    monkeypatch.setattr(ballots, "_check_limits", lambda *args: None)
    voters = make_participants(app, room.workshop["id"], 3)
    round_id = room.open_round("dots", budget=3)
    jobs = [(lambda p=voters[i % 3], i=i: command_as(app, ("p", p), "cast_vote", {
        "workshop": room.workshop["id"], "op": uuid.uuid4().hex, "round": round_id,
        "point": room.points[i % len(room.points)], "delta": 1})) for i in range(15)]
    acks = run_together(jobs)
    assert all(isinstance(a, dict) for a in acks), acks
    assert sum(1 for a in acks if a["ok"]) == 9, acks
    assert sorted(a["error"] for a in acks if not a["ok"]) == ["budget_exceeded"] * 6
    assert _dots_used(app, round_id) == 9
