"""A phone's snapshot: its own marks and "voted" for each recent round, read all at once."""

from __future__ import annotations

from workshop.voting.few import FEW


def _snapshot(room, phone) -> dict:
    return room.command(phone, "snapshot")["result"]["voting"]


def test_mine_and_voted_per_round_named_anonymous_open_and_closed(room):
    phone, other = room.phone(), room.phone(name="Ali", discipline="health")
    a, b = room.points[:2]
    named = room.open_round("dots", budget=3)
    assert room.vote(phone, named, point=a, value=2)["ok"]
    room.staff("close_round", round=named)
    hidden = room.open_round("dots", budget=3, anonymous=True)
    assert room.vote(phone, hidden, point=b, value=1)["ok"]
    room.staff("close_round", round=hidden)
    live = room.open_round("dots", budget=3, anonymous=True)
    assert room.vote(other, live, point=a, value=1)["ok"]
    assert room.vote(phone, live, point=b, value=3)["ok"]

    voting = _snapshot(room, phone)
    mine = voting["mine"]
    assert mine[str(named)]["marks"] == [[a, "", 2]]
    assert mine[str(named)]["left"] == 1
    assert mine[str(hidden)] is None  # an anonymous round forgets its marks when it closes
    assert mine[str(live)]["marks"] == [[b, "", 3]]
    assert mine[str(live)]["left"] == 0
    assert sorted(voting["voted"]) == sorted([named, hidden, live])
    assert {int(k): r["through"] > 0 for k, r in voting["results"].items()} == {
        named: True, hidden: True, live: True}
    others = _snapshot(room, other)
    assert others["mine"][str(named)]["marks"] == []
    assert others["voted"] == [live]


def test_only_the_newest_rounds_travel_and_older_ones_stay_out(app, room):
    app.config["SOCKET_COMMANDS_PER_SECOND"] = 10_000  # set-up: many rounds in a row
    phone = room.phone()
    rounds = []
    for _ in range(FEW + 2):
        rounds.append(room.open_round("dots", budget=1))
        assert room.vote(phone, rounds[-1], point=room.points[0], value=1)["ok"]
        room.staff("close_round", round=rounds[-1])
    voting = _snapshot(room, phone)
    newest = {str(r) for r in rounds[-FEW:]}
    assert set(voting["results"]) == newest
    assert set(voting["mine"]) == newest
    assert sorted(voting["voted"]) == sorted(rounds[-FEW:])


def test_snapshot_results_leave_the_round_to_the_round_list(room):
    phone = room.phone()
    round_id = room.open_round("dots", budget=3)
    assert room.vote(phone, round_id, point=room.points[0], value=2)["ok"]
    for sock in (phone, room.console):
        voting = _snapshot(room, sock)
        results = voting["results"][str(round_id)]
        assert "round" not in results  # it travelled twice: in the round list and here
        assert [r["id"] for r in voting["rounds"]] == [round_id]
        assert results["points"][0]["raw"] == 2
    live = room.command(phone, "round_results", round=round_id)["result"]
    assert live["round"]["id"] == round_id  # a query and the live events still carry it
