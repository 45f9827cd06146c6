"""Casting, changing and resending votes in every method, over the real socket commands."""

import sqlalchemy as sa

from tests.helpers import op
from workshop.extensions import db
from workshop.models.voting import Ballot, RoundTurnout


def _ballots(app, round_id):
    with app.app_context():
        return list(db.session.scalars(sa.select(Ballot).where(Ballot.round_id == round_id)
                                        .order_by(Ballot.id)))


def test_approval_yes_no_change_and_max_yes(room):
    round_id = room.open_round("approval", max_yes=2)
    phone = room.phone()
    a, b, c = room.points[:3]
    assert room.vote(phone, round_id, point=a, value=1)["result"]["left"] == 1
    assert room.vote(phone, round_id, point=b, value=1)["result"]["left"] == 0
    refused = room.vote(phone, round_id, point=c, value=1)
    assert refused["error"] == "budget_exceeded"
    assert refused["message"]
    changed = room.vote(phone, round_id, point=a, value=0)
    assert changed["result"]["marks"] == [[a, "", 0], [b, "", 1]]
    assert room.vote(phone, round_id, point=c, value=1)["ok"]
    cleared = room.vote(phone, round_id, point=c, value=None)
    assert [m[0] for m in cleared["result"]["marks"]] == [a, b]


def test_dots_budget_cap_and_deltas(room):
    round_id = room.open_round("dots", budget=4, per_point_cap=2)
    phone = room.phone()
    a, b, c = room.points[:3]
    assert room.vote(phone, round_id, point=a, delta=1)["ok"]
    assert room.vote(phone, round_id, point=a, delta=1)["ok"]
    assert room.vote(phone, round_id, point=a, delta=1)["error"] == "budget_exceeded"  # cap
    assert room.vote(phone, round_id, point=b, value=2)["result"]["left"] == 0
    assert room.vote(phone, round_id, point=c, delta=1)["error"] == "budget_exceeded"
    assert room.vote(phone, round_id, point=b, delta=-1)["result"]["left"] == 1
    assert room.vote(phone, round_id, point=c, delta=-1)["error"] == "invalid_value"


def test_scores_per_criterion_and_scale(room):
    round_id = room.open_round("scores")
    phone = room.phone()
    a = room.points[0]
    assert room.vote(phone, round_id, point=a, criterion="importance", value=5)["ok"]
    assert room.vote(phone, round_id, point=a, criterion="feasibility", value=1)["ok"]
    assert room.vote(phone, round_id, point=a, criterion="importance", value=6)["error"] \
        == "invalid_value"
    assert room.vote(phone, round_id, point=a, criterion="beauty", value=3)["error"] == "not_found"
    marks = room.vote(phone, round_id, point=a, criterion="urgency", value=3)["result"]["marks"]
    assert sorted(m[1] for m in marks) == ["feasibility", "importance", "urgency"]


def test_ranking_top_k_and_invalid_rankings(room):
    round_id = room.open_round("ranking", top_k=3)
    phone = room.phone()
    a, b, c, d = room.points[:4]
    ack = room.command(phone, "cast_ranking", round=round_id, ranking=[c, a, b])
    assert ack["ok"]
    assert ack["result"]["marks"] == [[a, "rank", 2], [b, "rank", 3], [c, "rank", 1]]
    for bad in ([a, a], [a, b, c, d], [999999], "a,b", [True], [[a]]):
        refused = room.command(phone, "cast_ranking", round=round_id, ranking=bad)
        assert refused["error"] in ("invalid_ranking", "invalid_value"), (bad, refused)
    ack = room.command(phone, "cast_ranking", round=round_id, ranking=[b])
    assert ack["result"]["marks"] == [[b, "rank", 1]]


def test_resent_op_is_a_duplicate_and_changes_nothing(app, room):
    round_id = room.open_round("dots", budget=5)
    phone = room.phone()
    same = op()
    first = room.vote(phone, round_id, point=room.points[0], delta=1, op=same)
    again = room.vote(phone, round_id, point=room.points[0], delta=1, op=same)
    assert first["ok"]
    assert again["ok"]
    assert again.get("dup") is True
    assert again["result"]["marks"] == first["result"]["marks"]
    other = room.vote(phone, round_id, point=room.points[1], delta=1, op=same)
    assert other["error"] == "op_conflict"
    assert [b.op_id for b in _ballots(app, round_id)] == [same]


def test_anonymous_round_links_no_ballot_to_a_person(app, room):
    round_id = room.open_round("approval", anonymous=True)
    phones = [room.phone(name=f"P{i}", discipline="transport") for i in range(3)]
    lone = room.phone(name="Lone", discipline="health")
    for sock in [*phones, lone]:
        resent = op()
        assert room.vote(sock, round_id, point=room.points[0], value=1, op=resent)["ok"]
        assert room.vote(sock, round_id, point=room.points[0], value=1, op=resent)["dup"]
    rows = _ballots(app, round_id)
    assert all(b.participant_id is None and b.cast_at is None for b in rows)
    assert all(b.voter_key.startswith("a:") for b in rows)
    with app.app_context():
        from workshop.models import Operation

        kinds = set(db.session.scalars(sa.select(Operation.command)))
        assert "cast_vote" not in kinds  # no operation record links a person to a mark
        turnout = db.session.get(RoundTurnout, round_id)
        assert turnout.voter_ids == sorted(turnout.voter_ids)
        assert turnout.voters == 4
    closed = room.staff("close_round", round=round_id)
    assert closed["tally"]["marks"] == 4
    after = _ballots(app, round_id)
    assert all(b.voter_key.startswith("x:") for b in after)
    assert {b.discipline_id for b in after} == {None}  # 3 transport + 1 health < 3: all folded


def test_stale_change_is_acknowledged_not_applied(room):
    round_id = room.open_round("approval")
    phone = room.phone()
    a = room.points[0]
    assert room.vote(phone, round_id, point=a, value=1, seq=5)["ok"]
    stale = room.vote(phone, round_id, point=a, value=0, seq=4)
    assert stale["ok"]
    assert stale["result"]["stale"] is True
    assert stale["result"]["marks"] == [[a, "", 1]]


def test_votes_refused_outside_an_open_round_and_for_strangers(room, make_workshop, join_phone,
                                                                live):
    created = room.staff("create_round", method="approval")
    round_id = created["round"]["id"]
    phone = room.phone()
    assert room.vote(phone, round_id, point=room.points[0], value=1)["error"] == "round_not_open"
    room.staff("open_round", round=round_id)
    room.staff("close_round", round=round_id)
    assert room.vote(phone, round_id, point=room.points[0], value=1)["error"] == "round_closed"
    other = make_workshop()
    stranger = live(join_phone(other), other, "phone")
    ack = stranger.emit("cast_vote", {"workshop": other["id"], "op": op(), "round": round_id,
                                      "point": room.points[0], "value": 1},
                        namespace="/live", callback=True)
    assert ack["error"] == "not_found"


def test_bad_payload_values_are_refused(room):
    round_id = room.open_round("dots", budget=10)
    phone = room.phone()
    for value in (-1, 1.5, "3", True, 2**31, 2**63, float("nan"), [1], {"a": 1}):
        ack = room.vote(phone, round_id, point=room.points[0], value=value)
        assert ack["error"] in ("invalid_value", "budget_exceeded"), (value, ack)
    assert room.vote(phone, round_id, point="1", value=1)["error"] == "invalid_value"
    ack = room.vote(phone, round_id, point=room.points[0], participant_id=1, weight=100, value=1)
    assert ack["ok"]  # extra keys never change who votes or how much
    assert ack["result"]["marks"] == [[room.points[0], "", 1]]


def test_participant_cannot_run_rounds(room):
    phone = room.phone()
    ack = room.command(phone, "create_round", method="approval")
    assert ack["error"] in ("forbidden", "not_found")


def test_marks_written_on_the_driver_read_back_as_core_would_store_them(app, room):
    """The vote's raw DBAPI writes go through each column type's own bind processor."""
    from datetime import UTC, datetime, timedelta

    round_id = room.open_round("dots", budget=5)
    phone = room.phone()
    assert room.vote(phone, round_id, point=room.points[0], delta=1, seq=7)["ok"]
    assert room.vote(phone, round_id, point=room.points[0], delta=1, seq=8)["ok"]
    old, new = _ballots(app, round_id)
    assert (old.is_current, new.is_current) == (False, True)
    assert (old.value, new.value, new.seq, new.criterion) == (1, 2, 8, "")
    assert new.cast_at.tzinfo is not None
    assert abs(datetime.now(UTC) - new.cast_at) < timedelta(minutes=1)
