"""Building workshops with attendance, a timeline, points and annotations for minutes tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from workshop.actors import Actor
from workshop.extensions import db
from workshop.models import Discipline, Participant, StageChange, User, Workshop

START = datetime(2026, 11, 21, 6, 0, tzinfo=UTC)  # 09:30 in Tehran


def actor(user_id: int) -> Actor:
    return Actor(user=db.session.get(User, user_id))


def discipline_ids() -> dict[str, int]:
    return {d.key: d.id for d in db.session.scalars(sa.select(Discipline))}


def add_participant(workshop_id: int, name: str, discipline: str = "transport",
                    joined: int | None = 0, left: int | None = None, organisation: str = "",
                    status: str = "admitted") -> int:
    """A participant who joined `joined` minutes after START and left at `left` (or stayed)."""
    p = Participant(workshop_id=workshop_id, display_name=name, organisation=organisation,
                    discipline_id=discipline_ids()[discipline], status=status,
                    joined_at=None if joined is None else START + timedelta(minutes=joined),
                    left_at=None if left is None else START + timedelta(minutes=left))
    db.session.add(p)
    db.session.commit()
    return p.id


def run_timeline(workshop_id: int, stages=("propose", "discuss", "vote", "results", "closed"),
                 step: int = 30) -> None:
    """Stage changes from the lobby to `closed`, `step` minutes apart, starting at START."""
    workshop = db.session.get(Workshop, workshop_id)
    previous = "lobby"
    for i, stage in enumerate(stages):
        db.session.add(StageChange(workshop_id=workshop_id, from_stage=previous, to_stage=stage,
                                   at=START + timedelta(minutes=i * step)))
        previous = stage
    workshop.stage = previous
    workshop.status = "closed" if previous == "closed" else "live"
    db.session.commit()


def add_point(workshop_id: int, title: str, author_id: int | None = None,
              discipline: str = "transport", anonymous: bool = False) -> int:
    from workshop.models.focus import FocusPoint

    point = FocusPoint(workshop_id=workshop_id, title=title, author_id=author_id,
                       discipline_id=discipline_ids()[discipline], anonymous=anonymous)
    db.session.add(point)
    db.session.commit()
    return point.id


def add_annotation(workshop_id: int, point_id: int, body: str, kind: str = "support",
                   author_id: int | None = None, pinned: bool = False,
                   parent_id: int | None = None, discipline: str = "transport") -> int:
    from workshop.models.annotation import Annotation

    note = Annotation(workshop_id=workshop_id, point_id=point_id, origin_point_id=point_id,
                      parent_id=parent_id, author_id=author_id, kind=kind, body=body,
                      pinned=pinned, discipline_id=discipline_ids()[discipline])
    db.session.add(note)
    db.session.commit()
    return note.id
