"""Helpers for voting against a real server: a prepared round and phones that drop and resend."""

from __future__ import annotations

import asyncio
import random
import uuid
from dataclasses import dataclass, field

import socketio
import sqlalchemy as sa

NAMESPACE = "/live"


def prepare_round(server, points: int, method: str = "dots", language: str = "fa",
                  **rules) -> dict:
    """A workshop (in `language`) with proposed points and an open round; returns ids and the
    console socket."""
    email = server.create_user()
    staff = server.login(email)
    workshop = server.create_workshop(staff, language=language)
    console = server.socket(staff, workshop, "console")
    assert console.command("move_stage", {"stage": "propose"})["ok"]
    proposer = server.socket(server.join(workshop, name="Proposer"), workshop, "phone")
    ids = []
    for i in range(points):
        title = f"نقطهٔ تمرکز شمارهٔ {i} — {uuid.uuid4().hex[:6]}"
        ack = proposer.command("propose_point", {"title": title})
        assert ack["ok"], ack
        ids.append(ack["result"]["point"])
    created = console.command("create_round", {"method": method, "points": ids, **rules})
    assert created["ok"], created
    round_id = created["result"]["round"]["id"]
    assert console.command("open_round", {"round": round_id})["ok"]
    return {"workshop": workshop, "round": round_id, "points": ids, "console": console,
            "email": email}


@dataclass
class FlakyPhone:
    """One phone: sends votes one after another, sometimes cutting its own connection mid-vote."""

    base_url: str
    cookie: str
    workshop_id: int
    drop_chance: float
    acked: list[str] = field(default_factory=list)
    drops: int = 0
    resends: int = 0
    client: socketio.AsyncClient | None = None

    async def connect(self) -> None:
        self.client = socketio.AsyncClient(reconnection=False)
        # aiohttp (AsyncClient) sends no Origin of its own, a browser page does.
        await self.client.connect(self.base_url, headers={"Cookie": self.cookie,
                                                          "Origin": self.base_url},
                                  auth={"workshop": self.workshop_id, "view": "phone"},
                                  namespaces=[NAMESPACE], transports=["websocket"],
                                  wait_timeout=10)

    async def _cut(self) -> None:
        """Lose the connection without a goodbye (the server only sees the socket die)."""
        self.drops += 1
        try:
            await self.client.eio.disconnect(abort=True)
        finally:
            await self.client.disconnect()
            await self.connect()

    async def vote(self, payload: dict) -> dict:
        """Send until acknowledged, resending the same op id after every drop."""
        while True:
            call = asyncio.ensure_future(self.client.call("cast_vote", payload,
                                                          namespace=NAMESPACE, timeout=4))
            if random.random() < self.drop_chance:
                await asyncio.sleep(random.uniform(0, 0.004))
                await self._cut()
                call.cancel()  # its ack (if any) went down with the old connection: resend
                self.resends += 1
                continue
            try:
                ack = await call
            except (socketio.exceptions.TimeoutError, socketio.exceptions.BadNamespaceError,
                    socketio.exceptions.DisconnectedError):
                self.resends += 1
                if not self.client.connected:
                    await self.connect()
                continue
            if ack.get("error") == "rate_limited":
                await asyncio.sleep(0.2)
                continue
            return ack


async def run_phones(phones: list[FlakyPhone], round_id: int, points: list[int],
                     votes: int) -> None:
    """Every phone casts `votes` one-dot votes on random points, all phones at once."""
    await asyncio.gather(*(p.connect() for p in phones))

    async def one(phone: FlakyPhone) -> None:
        for _ in range(votes):
            op = uuid.uuid4().hex
            payload = {"workshop": phone.workshop_id, "op": op, "round": round_id,
                       "point": random.choice(points), "delta": 1}
            ack = await phone.vote(payload)
            assert ack["ok"], ack
            phone.acked.append(op)
        await phone.client.disconnect()

    await asyncio.gather(*(one(p) for p in phones))


def stored(database_url: str, round_id: int) -> list:
    """(op_id, voter_key, value, is_current) of every ballot row of the round."""
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text(
                "SELECT op_id, voter_key, value, is_current FROM ballot WHERE round_id = :r"),
                {"r": round_id}).all()
    finally:
        engine.dispose()
