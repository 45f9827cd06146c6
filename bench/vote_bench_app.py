"""Preparing the real app for the vote benchmark: server, workshop, points, phones, rounds."""

from __future__ import annotations

import secrets
import uuid
from pathlib import Path

import sqlalchemy as sa

from tests.live_server import Databases, LiveServer, start_server

PHONE_ENV = {"SOCKET_PING_INTERVAL": "25", "SOCKET_PING_TIMEOUT": "20"}


def start_app(tmp: Path, sync: str = "FULL") -> tuple[LiveServer, Databases]:
    """`python run.py` (gevent) on a fresh migrated SQLite database."""
    databases = Databases(tmp, None)
    server = start_server(databases.new(), PHONE_ENV | {"SQLITE_SYNCHRONOUS": sync}, tmp)
    return server, databases


def add_phones(database_url: str, workshop_id: int, count: int) -> list[str]:
    """Admitted participants with known tokens (joining is not what this measures): cookies."""
    from config import DevelopmentConfig
    from workshop import create_app
    from workshop.extensions import db
    from workshop.models import Discipline, Participant
    from workshop.workshops.codes import token_hash

    config = type("BenchConfig", (DevelopmentConfig,), {"SQLALCHEMY_DATABASE_URI": database_url})
    app = create_app(config)
    cookies = []
    with app.app_context():
        disciplines = list(db.session.scalars(sa.select(Discipline.id)))
        for i in range(count):
            token = secrets.token_urlsafe(32)
            db.session.add(Participant(workshop_id=workshop_id, display_name=f"گوشی {i}",
                                       discipline_id=disciplines[i % len(disciplines)],
                                       status="admitted", token_hash=token_hash(token)))
            cookies.append(f"hmp_{workshop_id}={token}")
        db.session.commit()
        db.engine.dispose()
    return cookies


class VotingRoom:
    """A workshop with focus points; opens a fresh dots round for every scenario."""

    def __init__(self, server: LiveServer, points: int = 8):
        self.server = server
        self.staff = server.staff()
        self.workshop = server.create_workshop(self.staff)
        self.console = server.socket(self.staff, self.workshop, "console")
        assert self.console.command("move_stage", {"stage": "propose"})["ok"]
        proposer = server.socket(server.join(self.workshop, name="Proposer"), self.workshop)
        self.points = [self._propose(proposer, i) for i in range(points)]
        assert self.console.command("move_stage", {"stage": "discuss"})["ok"]
        assert self.console.command("move_stage", {"stage": "vote"})["ok"]
        self.round = None

    @staticmethod
    def _propose(proposer, i: int) -> int:
        ack = proposer.command("propose_point", {"title": f"نقطهٔ {i} {uuid.uuid4().hex[:8]}"})
        assert ack["ok"], ack
        return ack["result"]["point"]

    def new_round(self) -> int:
        """Close the open round (if any) and open a new dots round with results visible."""
        if not self.console.connected:  # a long load phase may have starved its pings
            self.console.close()
            self.console = self.server.socket(self.staff, self.workshop, "console")
        if self.round is not None:
            assert self.console.command("close_round", {"round": self.round})["ok"]
        created = self.console.command("create_round", {
            "method": "dots", "budget": 100, "points": self.points, "results_hidden": False})
        assert created["ok"], created
        self.round = created["result"]["round"]["id"]
        assert self.console.command("open_round", {"round": self.round})["ok"]
        return self.round

    def stored_ops(self) -> list[str]:
        """Operation ids of every ballot row of the current round."""
        engine = sa.create_engine(self.server.database_url)
        try:
            with engine.connect() as conn:
                return list(conn.execute(sa.text("SELECT op_id FROM ballot WHERE round_id = :r"),
                                         {"r": self.round}).scalars())
        finally:
            engine.dispose()
