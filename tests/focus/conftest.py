"""A live room for focus tests: a facilitator's console, a projector and two phones."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.helpers import events, op


def set_stage(app, workshop: dict, stage: str, **settings) -> None:
    """Put the workshop in a stage (and settings) directly; stage moves are tested elsewhere."""
    from workshop.extensions import db
    from workshop.models import Workshop

    with app.app_context():
        row = db.session.get(Workshop, workshop["id"])
        row.stage, row.status = stage, "live"
        row.settings = {**(row.settings or {}), **settings}
        db.session.commit()


def cmd(sock, name: str, workshop: dict, **args) -> dict:
    """Send one command with a fresh op id and return its acknowledgement."""
    return sock.emit(name, {"workshop": workshop["id"], "op": op(), **args},
                     namespace="/live", callback=True)


def drain(*socks) -> None:
    """Forget what the sockets received so far."""
    for sock in socks:
        events(sock)


@pytest.fixture
def room(app, client, make_user, login, make_workshop, join_phone, live):
    """A propose-stage workshop: console, projector, phones A (transport) and B (health)."""
    fac = make_user("facilitator")
    w = make_workshop(fac)
    set_stage(app, w, "propose")
    login(client, fac)
    http_a = join_phone(w, name="مریم", discipline="transport")
    http_b = join_phone(w, name="Ali", discipline="health")
    r = SimpleNamespace(app=app, w=w, fac=fac, client=client, http_a=http_a, http_b=http_b,
                        console=live(client, w, "console"), projector=live(client, w, "projector"),
                        a=live(http_a, w, "phone"), b=live(http_b, w, "phone"))
    drain(r.console, r.projector, r.a, r.b)
    return r


def propose(r, sock=None, title="ایجاد مسیر دوچرخه در خیابان چهارباغ", **args) -> int:
    """Propose a point from a phone and return its id."""
    ack = cmd(sock or r.a, "propose_point", r.w, title=title, **args)
    assert ack["ok"], ack
    return ack["result"]["point"]


def snapshot(sock) -> dict:
    """Ask for a fresh snapshot."""
    ack = sock.emit("snapshot", {}, namespace="/live", callback=True)
    assert ack["ok"], ack
    return ack["result"]
