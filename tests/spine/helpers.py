"""Helpers for the spine's tests: database fingerprints, actors and socket commands."""

from __future__ import annotations

import sqlalchemy as sa

from tests.helpers import op
from workshop.extensions import db

# Refusals keep their operation record on purpose (a resend gets the same answer).
NOT_STATE = ("operation",)


def fingerprint(app) -> dict[str, list[str]]:
    """Every row of every table (except operation records): equal means nothing changed."""
    with app.app_context():
        state = {}
        for table in db.metadata.sorted_tables:
            if table.name in NOT_STATE:
                continue
            rows = db.session.execute(sa.select(table)).all()
            state[table.name] = sorted(repr(tuple(row)) for row in rows)
        db.session.remove()
        return state


def send(sock, command: str, workshop: dict | int, **args) -> dict:
    """Emit a command with a fresh op id and return its acknowledgement."""
    workshop_id = workshop["id"] if isinstance(workshop, dict) else workshop
    payload = {"workshop": workshop_id, "op": op(), **args}
    return sock.emit(command, payload, namespace="/live", callback=True)


def user_actor(user_id: int):
    """A staff Actor for calling services directly (inside an app context)."""
    from workshop.actors import Actor
    from workshop.models import User

    return Actor(user=db.session.get(User, user_id))


def participant(participant_id: int):
    from workshop.models import Participant

    return db.session.get(Participant, participant_id)


def participants(app, workshop_id: int) -> list[dict]:
    """The workshop's participants as plain rows, oldest first."""
    from workshop.models import Participant

    with app.app_context():
        stmt = (sa.select(Participant).where(Participant.workshop_id == workshop_id)
                .order_by(Participant.id))
        rows = [{"id": p.id, "name": p.display_name, "status": p.status,
                 "token_hash": p.token_hash, "organisation": p.organisation}
                for p in db.session.scalars(stmt)]
        db.session.remove()
        return rows
