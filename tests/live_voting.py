"""Voting against real servers: a workshop with an open round, and phones that vote like the
app's phone page (an unacknowledged vote is resent with the same operation id)."""

from __future__ import annotations

import threading
import time
import uuid

import socketio
import sqlalchemy as sa

from tests.cluster import create_workshop


def voting_workshop(server, phones: int) -> tuple:
    """A workshop in the vote stage with an open dots round on `server` (a LiveServer, or
    nginx in front of several): (console, workshop, round id, point ids, phone browsers)."""
    staff = server.staff()
    workshop = create_workshop(server, staff)
    console = server.socket(staff, workshop, "console")
    assert console.command("move_stage", {"stage": "propose"})["ok"]
    proposer = server.socket(server.join(workshop, name="Proposer"), workshop)
    points = []
    for i in range(4):
        ack = proposer.command("propose_point", {"title": f"نقطهٔ {i} {uuid.uuid4().hex[:6]}"})
        assert ack["ok"], ack
        points.append(ack["result"]["point"])
    for stage in ("discuss", "vote"):
        assert console.command("move_stage", {"stage": stage})["ok"]
    created = console.command("create_round", {"method": "dots", "budget": 100,
                                               "points": points, "results_hidden": False})
    assert created["ok"], created
    round_id = created["result"]["round"]["id"]
    assert console.command("open_round", {"round": round_id})["ok"]
    browsers = [server.join(workshop, name=f"Phone {i}") for i in range(phones)]
    return console, workshop, round_id, points, browsers


def stored_ops(database_url: str, round_id: int) -> list[str]:
    """The operation ids of every ballot row of a round."""
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(sa.text("SELECT op_id FROM ballot WHERE round_id = :r"),
                                     {"r": round_id}).scalars())
    finally:
        engine.dispose()


# A person taps a few times a second at most; the server refuses more than
# SOCKET_COMMANDS_PER_SECOND (20) a second from one participant, and a fast server acks at once.
PACE_S = 0.06


class VotingPhone(threading.Thread):
    """Votes until `target` votes are acked or `stop` is set; resends an unacked vote with
    the same operation id, as the phone page does after a reconnect."""

    def __init__(self, sock, round_id: int, points: list[int], target: int = 10_000,
                 seconds: float = 60):
        super().__init__(daemon=True)
        self.sock, self.round_id, self.points, self.target = sock, round_id, points, target
        self.deadline = time.monotonic() + seconds
        self.acked: list[tuple[str, float]] = []  # (op, time.monotonic() of the ack)
        self.resends = 0
        self.stop = threading.Event()

    @property
    def ops(self) -> list[str]:
        return [op for op, _ in self.acked]

    def run(self) -> None:
        while len(self.acked) < self.target and not self.stop.is_set():
            if not self._vote(uuid.uuid4().hex):
                return

    def _vote(self, op: str) -> bool:
        n, points = len(self.acked), len(self.points)
        # A dot on each point, then each taken back, and again: never over the budget.
        args = {"round": self.round_id, "point": self.points[n % points],
                "delta": 1 if (n // points) % 2 == 0 else -1}
        while time.monotonic() < self.deadline:
            try:
                ack = self.sock.command("cast_vote", args, op=op, timeout=3)
            except (socketio.exceptions.SocketIOError, TimeoutError):
                self.resends += 1
                time.sleep(0.1)  # reconnecting: resend once the socket is back
                continue
            if ack.get("error") == "rate_limited":  # refused, nothing written: resend later
                time.sleep(0.2)
                continue
            assert ack["ok"], ack
            self.acked.append((op, time.monotonic()))
            time.sleep(PACE_S)
            return True
        return False
