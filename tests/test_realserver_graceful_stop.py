"""SIGTERM mid-burst: every vote in flight is committed and acknowledged, or not acknowledged.

40 phones vote as fast as their acks allow; the server gets SIGTERM in the middle, exits by
itself, and a new process starts on the same port and database. The phones reconnect and
resend what was never acknowledged (same operation ids). The votes stored when the first
process ended are exactly those it acknowledged, and at the end acked == stored, once each.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import threading
import time

import pytest
import socketio

from tests.live_server import LiveServer
from tests.live_setup import ROOT, server_env
from tests.voting.realserver import NAMESPACE, FlakyPhone, prepare_round, run_phones, stored

pytestmark = [pytest.mark.server, pytest.mark.slow]
PHONES, VOTES = 30, 12
ENV = {"LOG_LEVEL": "INFO"}


class Epoch:
    """Which server process the phones are talking to (1 until the restart is up)."""

    value = 1


class ReturningPhone(FlakyPhone):
    """A phone that never drops by itself and keeps trying to reconnect while no server is up."""

    def __init__(self, *args):
        super().__init__(*args, drop_chance=0)
        self.first_server_acks: list[str] = []
        self.told_to_reconnect = 0

    async def connect(self) -> None:
        give_up = time.monotonic() + 60
        while True:
            self.client = socketio.AsyncClient(reconnection=False)
            self.client.on("server_stopping", self._stopping, namespace=NAMESPACE)
            try:
                await self.client.connect(
                    self.base_url, headers={"Cookie": self.cookie, "Origin": self.base_url},
                    auth={"workshop": self.workshop_id, "view": "phone"},
                    namespaces=[NAMESPACE], transports=["websocket"], wait_timeout=10)
                return
            except socketio.exceptions.ConnectionError:
                await self._discard()
                if time.monotonic() > give_up:
                    raise
                await asyncio.sleep(0.2)

    async def _discard(self) -> None:
        """A refused attempt leaves its HTTP session open; close it."""
        http = self.client.eio.http
        if http is not None and not http.closed:
            await http.close()

    async def _stopping(self, data=None) -> None:
        self.told_to_reconnect += 1

    async def vote(self, payload: dict) -> dict:
        ack = await super().vote(payload)
        if Epoch.value == 1 and not ack.get("dup"):
            self.first_server_acks.append(payload["op"])
        return ack


def _restart(old: LiveServer) -> LiveServer:
    """A new `python run.py` on the stopped one's port and database."""
    server = LiveServer(old.port, old.database_url, old.log_path.with_suffix(".restarted.log"))
    env = server_env(old.database_url, {"PORT": str(old.port), **ENV})
    with server.log_path.open("wb") as log:
        server.process = subprocess.Popen(
            [sys.executable, "run.py"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, env=env, start_new_session=True)
    server.wait_ready(60)
    return server


def _until(done, timeout: float) -> None:
    end = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.01)


@pytest.mark.live_env(**ENV)
def test_sigterm_mid_burst_loses_no_acknowledged_vote(live_server):
    room = prepare_round(live_server, points=6, method="dots", budget=100)
    phones = [ReturningPhone(live_server.base_url,
                             live_server.join(room["workshop"], name=f"گوشی {i}").cookie_header(),
                             room["workshop"]["id"]) for i in range(PHONES)]
    worker = threading.Thread(target=asyncio.run,
                              args=(run_phones(phones, room["round"], room["points"], VOTES),))
    worker.start()
    _until(lambda: sum(len(p.acked) for p in phones) >= PHONES * VOTES // 3, 120)
    live_server.process.send_signal(signal.SIGTERM)  # mid-burst
    assert live_server.process.wait(30) == 0  # it stopped by itself
    at_stop = {r.op_id for r in stored(live_server.database_url, room["round"])}
    restarted = _restart(live_server)
    try:
        Epoch.value = 2
        worker.join(300)
        assert not worker.is_alive()
        acked = [op for p in phones for op in p.acked]
        rows = stored(live_server.database_url, room["round"])
    finally:
        restarted.stop()
    first = {op for p in phones for op in p.first_server_acks}
    log = live_server.log()
    print(f"{len(at_stop)} stored at the stop, {len(first)} acknowledged by the first process; "
          f"{log.strip().splitlines()[-1]}")
    assert "stopped gracefully" in log
    assert "drained" in log
    assert at_stop == first  # committed <=> acknowledged, at the moment the process ended
    assert 0 < len(at_stop) < PHONES * VOTES
    assert sum(p.told_to_reconnect for p in phones) > 0
    assert len(acked) == PHONES * VOTES == len(set(acked))
    assert sorted(r.op_id for r in rows) == sorted(acked)  # acked == stored, once each
