"""Real server: a phone that loses its connection gets the server's state back on reconnect."""

import pytest

pytestmark = pytest.mark.server


@pytest.fixture
def live_server(live_server_module):
    """The tests of this module share one server; each uses its own workshop and clients."""
    yield live_server_module
    live_server_module.close_clients()

# server_time differs between two reads; presence is live, not versioned: a connect does not
# wait for its arrival's commit, and the presence broadcast after it brings the count.
VOLATILE = ("server_time", "presence")


def _stable(snapshot: dict) -> dict:
    """A snapshot without the fields that differ between two reads of the same state."""
    return {k: v for k, v in snapshot.items() if k not in VOLATILE}


def test_reconnected_phone_gets_a_snapshot_equal_to_the_server_state(live_server):
    staff = live_server.staff()
    workshop = live_server.create_workshop(staff)
    console = live_server.socket(staff, workshop, "console")
    phone_web = live_server.join(workshop, name="Sara")
    phone = live_server.socket(phone_web, workshop, "phone", reconnect=True)
    first = phone.wait_for("snapshot")
    assert first["workshop"]["stage"] == "lobby"

    seen = phone.count("presence")
    phone.drop()
    phone.wait_for("__disconnect__")
    ack = console.command("move_stage", {"stage": "propose", "countdown": 300})
    assert ack["ok"], ack
    again = phone.wait_for("snapshot", after=1, timeout=10)

    assert again["workshop"]["stage"] == "propose"
    assert again["v"] > first["v"]
    fresh = live_server.socket(phone_web, workshop, "phone").wait_for("snapshot")
    assert _stable(again) == _stable(fresh)
    assert _stable(phone.snapshot()) == _stable(fresh)
    if again["presence"]["total"] != 1:  # the arrival's broadcast follows the snapshot
        phone.wait_for("presence", after=seen, predicate=lambda counts: counts["total"] == 1)


def test_reconnected_console_sees_what_another_console_sees(live_server):
    staff = live_server.staff()
    workshop = live_server.create_workshop(staff)
    console = live_server.socket(staff, workshop, "console", reconnect=True)
    console.wait_for("snapshot")
    live_server.join(workshop, name="Ali")
    console.drop()
    console.wait_for("__disconnect__")
    other = live_server.socket(staff, workshop, "console")
    assert other.command("move_stage", {"stage": "propose"})["ok"]
    again = console.wait_for("snapshot", after=1)
    assert _stable(again)["workshop"] == _stable(other.snapshot())["workshop"]
    assert [p["name"] for p in again["roster"]] == ["Ali"]
