"""Voting fixtures: a workshop with focus points, a facilitator console and voting phones."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from tests.helpers import events, op, payload
from workshop.extensions import db

POINT_TITLES = ("پیاده‌راه چهارباغ", "Bike lanes on Hakim Nezami", "حمل‌ونقل عمومی شبانه",
                "Green roofs", "بازار محلی")


def add_points(app, workshop_id: int, titles=POINT_TITLES) -> list[int]:
    """Visible focus points written straight to the table (the focus feature owns the UI)."""
    from workshop.models.focus import FocusPoint

    with app.app_context():
        points = [FocusPoint(workshop_id=workshop_id, title=t, position=i)
                  for i, t in enumerate(titles)]
        db.session.add_all(points)
        db.session.commit()
        return [p.id for p in points]


@dataclass
class Room:
    """A workshop ready for voting: its ids, the console socket and a way to add phones."""

    workshop: dict
    points: list[int]
    console: object
    live: object
    join_phone: object
    phones: list = field(default_factory=list)

    def command(self, sock, name: str, **args) -> dict:
        return sock.emit(name, {"workshop": self.workshop["id"], "op": args.pop("op", None) or op(),
                                **args}, namespace="/live", callback=True)

    def staff(self, name: str, **args) -> dict:
        ack = self.command(self.console, name, **args)
        assert ack["ok"], ack
        return ack["result"]

    def phone(self, name="مریم", discipline="transport"):
        client = self.join_phone(self.workshop, name=name, discipline=discipline)
        sock = self.live(client, self.workshop, "phone")
        self.phones.append(sock)
        return sock

    def open_round(self, method: str, **settings) -> int:
        created = self.staff("create_round", method=method, title=f"{method} round", **settings)
        round_id = created["round"]["id"]
        self.staff("open_round", round=round_id)
        return round_id

    def vote(self, sock, round_id: int, **args) -> dict:
        return self.command(sock, "cast_vote", round=round_id, **args)


@pytest.fixture
def room(app, client, make_user, login, make_workshop, join_phone, live):
    fac = make_user("facilitator")
    workshop = make_workshop(fac)
    login(client, fac)
    console = live(client, workshop, "console")
    return Room(workshop, add_points(app, workshop["id"]), console, live, join_phone)


def last(sock, name):
    got = events(sock, name)
    return payload(got[-1]) if got else None


def collect(sock, name: str) -> list:
    """Every `name` payload received so far (kept on the socket across calls)."""
    store = sock.__dict__.setdefault("_seen", [])
    store.extend(sock.get_received("/live"))
    return [payload(e) for e in store if e["name"] == name]


def wait_for(sock, name: str, predicate=lambda data: True, timeout: float = 5.0):
    """The newest `name` payload matching `predicate`, waiting for coalesced broadcasts."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        hits = [d for d in collect(sock, name) if predicate(d)]
        if hits:
            return hits[-1]
        if time.monotonic() > deadline:
            raise AssertionError(f"no matching {name!r} within {timeout}s")
        time.sleep(0.02)


@pytest.fixture(autouse=True)
def _quiet_broadcasts():
    """Drop the refreshes still pending and let one being sent finish, so no thread queries the
    next test's database (waiting out the phones' 1 s windows cost ~2 s a test)."""
    import time

    from workshop.joining.presence import presence_broadcasts
    from workshop.voting import broadcast

    yield
    broadcast.forget_pending()
    presence_broadcasts.forget()
    deadline = time.monotonic() + 10
    while broadcast.sending() or presence_broadcasts.sending():
        assert time.monotonic() < deadline, "a results refresh never finished"
        time.sleep(0.005)
