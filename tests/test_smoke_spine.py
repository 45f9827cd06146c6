from tests.helpers import events, op, payload


def test_stage_moves_reach_phone_and_projector(app, client, make_user, login, make_workshop,
                                                join_phone, live):
    fac = make_user("facilitator")
    w = make_workshop(fac)
    login(client, fac)
    console = live(client, w, "console")
    snap = payload(events(console, "snapshot")[0])
    assert snap["workshop"]["stage"] == "lobby"
    phone = join_phone(w)
    phone_sock = live(phone, w, "phone")
    psnap = payload(events(phone_sock, "snapshot")[0])
    assert psnap["me"]["name"] == "مریم"
    ack = console.emit("move_stage", {"workshop": w["id"], "op": op(), "stage": "propose"},
                       namespace="/live", callback=True)
    assert ack["ok"], ack
    got = events(phone_sock, "stage_changed")
    assert payload(got[0])["stage"] == "propose"
    assert payload(got[0])["v"] == psnap["v"] + 1 or payload(got[0])["v"] > psnap["v"]
