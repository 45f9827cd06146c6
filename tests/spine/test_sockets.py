"""The /live protocol with Flask-SocketIO's test client: isolation, permission, op ids, versions."""

from __future__ import annotations

import pytest

from tests.helpers import events, op, payload
from tests.spine.helpers import fingerprint, send, user_actor
from workshop.errors import WorkshopError
from workshop.workshops.stages import move_stage


@pytest.fixture
def room(app, client, make_user, login, make_workshop, join_phone, live):
    """A workshop with a logged-in facilitator console and one phone on /live."""
    fac = make_user("facilitator")
    w = make_workshop(fac)
    login(client, fac)
    console = live(client, w, "console")
    phone_http = join_phone(w)
    phone = live(phone_http, w, "phone")
    return {"w": w, "fac": fac, "console": console, "phone": phone, "phone_http": phone_http}


def _drain(*socks):
    for sock in socks:
        sock.get_received("/live")


def test_a_participant_never_receives_events_of_another_workshop(room, make_workshop,
                                                                  join_phone, live, client):
    other = make_workshop(room["fac"])
    other_phone = live(join_phone(other, name="Bijan"), other, "phone")
    other_console = live(client, other, "console")
    _drain(room["phone"], other_phone)
    assert send(other_console, "move_stage", other, stage="propose")["ok"]
    assert send(room["console"], "set_countdown", room["w"], seconds=90)["ok"]
    mine = [e for e in events(room["phone"]) if e["name"] != "presence"]
    theirs = [e for e in events(other_phone) if e["name"] != "presence"]
    assert [payload(e)["stage"] for e in mine] == ["lobby"]
    assert [payload(e)["stage"] for e in theirs] == ["propose"]


@pytest.mark.parametrize(("name", "args"), [
    ("move_stage", {"stage": "propose"}),
    ("set_countdown", {"seconds": 60}),
    ("invite_participant", {"name": "Eve", "discipline_id": 1}),
    ("admit_participant", {"participant": 1}),
    ("remove_participant", {"participant": 1}),
])
def test_a_participant_socket_cannot_call_facilitator_commands(app, room, name, args):
    before = fingerprint(app)
    ack = send(room["phone"], name, room["w"], **args)
    assert ack["ok"] is False
    assert ack["error"] == "forbidden"
    assert ack["message"] == "شما اجازهٔ انجام این کار را ندارید."
    assert fingerprint(app) == before


def test_a_facilitator_of_a_cannot_move_b(app, room, make_workshop):
    b = make_workshop()  # another facilitator's workshop
    before = fingerprint(app)
    ack = send(room["console"], "move_stage", b, stage="propose")
    assert ack["error"] == "not_found"
    assert fingerprint(app) == before
    with app.app_context(), pytest.raises(WorkshopError) as refused:
        move_stage(user_actor(room["fac"]), b["id"], "propose")
    assert refused.value.code == "not_found"


def test_a_participant_of_a_sending_to_b_gets_not_found(app, room, make_workshop):
    b = make_workshop(room["fac"])
    before = fingerprint(app)
    ack = send(room["phone"], "move_stage", b, stage="propose")
    assert ack["error"] == "not_found"
    assert fingerprint(app) == before


def test_a_resent_operation_id_replays_the_outcome_and_changes_nothing(app, room):
    data = {"workshop": room["w"]["id"], "op": op(), "stage": "propose", "countdown": 120}
    first = room["console"].emit("move_stage", data, namespace="/live", callback=True)
    assert first["ok"]
    assert "dup" not in first
    after_first = fingerprint(app)
    _drain(room["phone"])
    again = room["console"].emit("move_stage", data, namespace="/live", callback=True)
    assert again == first | {"dup": True}
    assert fingerprint(app) == after_first
    assert events(room["phone"], "stage_changed") == []


def test_a_resent_refusal_is_replayed_not_retried(app, room):
    data = {"workshop": room["w"]["id"], "op": op(), "stage": "vote"}
    first = room["console"].emit("move_stage", data, namespace="/live", callback=True)
    assert first["error"] == "invalid_transition"
    again = room["console"].emit("move_stage", data, namespace="/live", callback=True)
    assert again["error"] == "invalid_transition"
    assert again["dup"] is True


def test_same_operation_id_with_another_payload_is_op_conflict(app, room):
    op_id = op()
    sent = {"workshop": room["w"]["id"], "op": op_id, "stage": "propose"}
    assert room["console"].emit("move_stage", sent, namespace="/live", callback=True)["ok"]
    before = fingerprint(app)
    other = sent | {"stage": "lobby"}
    ack = room["console"].emit("move_stage", other, namespace="/live", callback=True)
    assert ack["error"] == "op_conflict"
    assert fingerprint(app) == before


@pytest.mark.parametrize("bad", [None, [], "move", {"workshop": 1}, {"op": "short"},
                                 {"op": "x" * 65}, {"op": "bad op id!"}])
def test_malformed_payloads_are_bad_payload(app, room, bad):
    before = fingerprint(app)
    ack = room["console"].emit("move_stage", bad, namespace="/live", callback=True)
    assert ack["ok"] is False
    assert ack["error"] in ("bad_payload", "not_found")
    assert fingerprint(app) == before


def test_versions_increase_by_one_and_a_snapshot_closes_a_gap(room):
    snap = payload(events(room["phone"], "snapshot")[-1])
    for stage in ("propose", "discuss"):
        assert send(room["console"], "move_stage", room["w"], stage=stage)["ok"]
    versions = [payload(e)["v"] for e in events(room["phone"], "stage_changed")]
    assert versions == [snap["v"] + 1, snap["v"] + 2]
    fresh = room["phone"].emit("snapshot", {}, namespace="/live", callback=True)
    assert fresh["ok"]
    assert fresh["result"]["v"] == snap["v"] + 2
    assert fresh["result"]["workshop"]["stage"] == "discuss"


def test_phone_and_projector_snapshots_hide_staff_data(room, client, live):
    phone = payload(events(room["phone"], "snapshot")[-1])
    projector = payload(events(live(client, room["w"], "projector"), "snapshot")[-1])
    console = room["console"].emit("snapshot", {}, namespace="/live", callback=True)["result"]
    assert phone["roster"] is None
    assert projector["roster"] is None
    assert console["roster"][0]["name"] == "مریم"
    assert "join_code" not in phone["workshop"]  # a phone already joined; it needs no code
    assert projector["workshop"]["join_code"] == room["w"]["code"]
    assert "allowed_moves" in console["workshop"]
    assert "allowed_moves" not in projector["workshop"]
    assert phone["me"]["name"] == "مریم"


def test_a_removed_participant_is_disconnected_and_the_token_stops_working(app, room, live):
    me = payload(events(room["phone"], "snapshot")[-1])["me"]["id"]
    ack = send(room["console"], "remove_participant", room["w"], participant=me)
    assert ack["ok"]
    assert not room["phone"].is_connected("/live")
    again = live(room["phone_http"], room["w"], "phone")
    assert not again.is_connected("/live")
    assert room["phone_http"].get(f"/w/{room['w']['id']}/phone").status_code == 302


def test_connect_without_a_token_or_login_is_refused(app, room, live):
    stranger = live(app.test_client(), room["w"], "phone")
    assert not stranger.is_connected("/live")
    anonymous_console = live(app.test_client(), room["w"], "console")
    assert not anonymous_console.is_connected("/live")


def test_logout_closes_the_facilitators_sockets(room, client):
    client.post("/logout")
    assert not room["console"].is_connected("/live")
