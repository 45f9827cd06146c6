from tests.voting.conftest import last


def test_dots_round_roundtrip(room):
    round_id = room.open_round("dots", budget=3)
    client = room.join_phone(room.workshop, name="مریم", discipline="transport")
    phone, other_tab = (room.live(client, room.workshop, "phone") for _ in range(2))
    ack = room.vote(phone, round_id, point=room.points[0], delta=1)
    assert ack["ok"], ack
    assert ack["result"]["left"] == 2
    assert ack["result"]["marks"] == [[room.points[0], "", 1]]
    assert last(other_tab, "ballot_saved")["left"] == 2
    assert last(phone, "ballot_saved") is None  # the ack already told the sending tab
