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


def add_round(workshop_id: int, method: str, point_ids: list[int], votes: dict,
              anonymous: bool = False, title: str = "دور نخست") -> int:
    """A closed round with ballots: votes = {participant_id: {point_id: value or {crit: v}}}."""
    from workshop.models import Participant
    from workshop.models.voting import DEFAULT_CRITERIA, Ballot, RoundPoint, VoteRound

    extra = {"budget": 10} if method == "dots" else {}
    if method == "ranking":
        extra = {"top_k": len(point_ids)}
    if method == "scores":
        extra = {"criteria": list(DEFAULT_CRITERIA), "matrix_x": "importance",
                 "matrix_y": "feasibility"}
    number = 1 + len(list(db.session.scalars(
        sa.select(VoteRound.id).where(VoteRound.workshop_id == workshop_id))))
    rnd = VoteRound(workshop_id=workshop_id, number=number, title=title, method=method,
                    status="draft", anonymous=anonymous, **extra)
    rnd.points = [RoundPoint(point_id=pid, position=i, title=_title(pid))
                  for i, pid in enumerate(point_ids)]
    db.session.add(rnd)
    db.session.flush()
    rnd.status = "open"
    db.session.flush()
    for participant_id, marks in votes.items():
        person = db.session.get(Participant, participant_id)
        for point_id, value in marks.items():
            for criterion, v in (value.items() if isinstance(value, dict) else [("", value)]):
                db.session.add(Ballot(
                    round_id=rnd.id, point_id=point_id, criterion=criterion, value=v,
                    voter_key=f"v{participant_id}", discipline_id=person.discipline_id,
                    participant_id=None if anonymous else participant_id))
    db.session.flush()
    rnd.status = "closed"
    rnd.closed_at = START + timedelta(minutes=100)
    db.session.commit()
    return rnd.id


def _title(point_id: int) -> str:
    from workshop.models.focus import FocusPoint

    return db.session.get(FocusPoint, point_id).title
