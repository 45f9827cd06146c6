"""Running commands from many threads at once, each with its own app context and connection."""

from __future__ import annotations

import secrets
import threading

import sqlalchemy as sa

from workshop.actors import Actor
from workshop.extensions import db
from workshop.models import Discipline, Participant, User
from workshop.realtime.commands import run_command


def make_participants(app, workshop_id: int, count: int, discipline="transport") -> list[int]:
    """Admitted participants written straight to the table (joining is tested elsewhere)."""
    with app.app_context():
        discipline_id = db.session.scalar(sa.select(Discipline.id)
                                          .where(Discipline.key == discipline))
        people = [Participant(workshop_id=workshop_id, display_name=f"P{i}", status="admitted",
                              discipline_id=discipline_id, token_hash=secrets.token_hex(32))
                  for i in range(count)]
        db.session.add_all(people)
        db.session.commit()
        return [p.id for p in people]


def command_as(app, actor_spec: tuple[str, int], name: str, payload: dict) -> dict:
    """Run one command as a participant ("p", id) or a user ("u", id), as a socket event would."""
    with app.test_request_context():
        kind, ident = actor_spec
        if kind == "p":
            actor = Actor(participant=db.session.get(Participant, ident))
        else:
            actor = Actor(user=db.session.get(User, ident))
        try:
            return run_command(actor, name, payload)
        finally:
            db.session.remove()


def run_together(jobs: list) -> list:
    """Start every job at the same moment (a barrier) and return their results in order."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(index, job):
        barrier.wait()
        try:
            results[index] = job()
        except Exception as error:  # reported to the test, never swallowed
            results[index] = error

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results
