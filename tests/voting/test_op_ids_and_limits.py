"""Issue 11 §5 and §8: one op-id rule for votes; the command rate limit spans all sockets."""

from __future__ import annotations

import uuid


def test_same_op_id_with_another_vote_value_is_op_conflict(app, room):
    round_id = room.open_round("scores")
    sock = room.phone()
    same = uuid.uuid4().hex
    args = {"point": room.points[0], "criterion": "importance", "op": same}
    assert room.vote(sock, round_id, value=4, **args)["ok"]
    assert room.vote(sock, round_id, value=4, **args)["dup"] is True
    assert room.vote(sock, round_id, value=2, **args)["error"] == "op_conflict"


def test_rate_limit_counts_all_sockets_of_a_participant(app, room):
    app.config["SOCKET_COMMANDS_PER_SECOND"] = 6
    round_id = room.open_round("approval")
    client = room.join_phone(room.workshop, name="Many")
    socks = [room.live(client, room.workshop, "phone") for _ in range(3)]
    acks = [room.vote(s, round_id, point=room.points[0], value=i % 2)
            for i in range(4) for s in socks]
    assert sum(1 for a in acks if a.get("error") == "rate_limited") >= 6
