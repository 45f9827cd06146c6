"""Build a filled-in programme: the `flask demo programme` command, tests and the benchmark.

Rows are written in bulk (the services are tested on their own); ballots go in while their
round is open, as the voting triggers demand, and the round is closed afterwards.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from workshop.extensions import db
from workshop.models import Discipline, Participant, Program, ProgramPhase, Workshop
from workshop.models.annotation import Annotation
from workshop.models.focus import FocusPoint
from workshop.models.register import ProgramPart, RegisterItem, RegisterLink, RequiredDiscipline
from workshop.models.voting import Ballot, RoundPoint, RoundTurnout, VoteRound
from workshop.programs.seed import DISCIPLINES, PHASES
from workshop.workshops.codes import new_join_code

from .seed_text import ASPECTS, PARTS, TOPICS, VERBS

START = datetime(2026, 3, 21, 6, 0, tzinfo=UTC)  # 1 Farvardin 1405, 09:30 in Isfahan
REQUIRED = ("urban_economics", "transport", "environment", "health", "startups",
            "private_sector")


@dataclass
class Shape:
    """How big a programme to build."""

    workshops_per_phase: int = 4
    points: int = 40
    participants: int = 14
    rounds: int = 1
    ballot_points: int = 10
    link_share: float = 0.8  # of the points of closed workshops
    open_workshops: int = 2  # the last ones stay planned
    items_per_topic: int = 1  # register items per topic and part (the benchmark wants more)
    districts: bool = False  # name a district in each title: far more distinct wordings


def _program(name_fa: str, name_en: str) -> Program:
    program = Program(name_fa=name_fa, name_en=name_en)
    for n, (key, fa, en) in enumerate(PHASES):
        program.phases.append(ProgramPhase(key=key, name_fa=fa, name_en=en, position=n))
    for n, (key, fa, en) in enumerate(DISCIPLINES):
        program.disciplines.append(Discipline(key=key, name_fa=fa, name_en=en, position=n))
    db.session.add(program)
    db.session.flush()
    for n, (key, fa, en) in enumerate(PARTS):
        db.session.add(ProgramPart(program_id=program.id, key=key, name_fa=fa, name_en=en,
                                   position=n))
    db.session.add_all(RequiredDiscipline(program_id=program.id, discipline_id=d.id)
                       for d in program.disciplines if d.key in REQUIRED)
    db.session.flush()
    return program


def title(rng: random.Random, topic: int, districts: bool = False) -> str:
    """A Persian point title on a topic; the same topic reads alike across workshops."""
    text = f"{rng.choice(VERBS)} {TOPICS[topic]} {rng.choice(ASPECTS)}".strip()
    return f"{text} در منطقهٔ {rng.randrange(1, 16)}" if districts else text


def _workshops(program: Program, shape: Shape, creator_id: int | None) -> list[Workshop]:
    parts = list(db.session.scalars(sa.select(ProgramPart.id).where(
        ProgramPart.program_id == program.id).order_by(ProgramPart.position)))
    out = []
    total = len(program.phases) * shape.workshops_per_phase
    for n in range(total):
        phase = program.phases[n // shape.workshops_per_phase]
        closed = n < total - shape.open_workshops
        out.append(Workshop(
            program_id=program.id, phase_id=phase.id, part_id=parts[n % len(parts)],
            kind="expert_meeting" if n % 3 == 2 else "co_thinking",
            title=f"{phase.name_fa} — {TOPICS[n % len(TOPICS)]}", join_code=new_join_code(),
            scheduled_at=START + timedelta(days=14 * n), status="closed" if closed else "scheduled",
            stage="closed" if closed else "lobby", created_by_id=creator_id, settings={}))
    db.session.add_all(out)
    db.session.flush()
    return out


def _people(workshop: Workshop, program: Program, shape: Shape, rng) -> list[Participant]:
    people = [Participant(workshop_id=workshop.id, display_name=f"P{workshop.id}-{i}",
                          discipline_id=rng.choice(program.disciplines).id, status="admitted",
                          joined_at=workshop.scheduled_at) for i in range(shape.participants)]
    db.session.add_all(people)
    db.session.flush()
    return people


def _points(workshop: Workshop, people, shape: Shape, rng) -> list[dict]:
    rows = [{"workshop_id": workshop.id, "author_id": p.id, "discipline_id": p.discipline_id,
             "title": title(rng, topic, shape.districts), "description": "", "status": "visible",
             "position": i, "created_at": workshop.scheduled_at,
             "updated_at": workshop.scheduled_at, "anonymous": False, "hidden_reason": "",
             "topic": topic, "part": workshop.part_id}
            for i in range(shape.points)
            for p, topic in [(rng.choice(people), rng.randrange(len(TOPICS)))]]
    insert = sa.insert(FocusPoint).returning(FocusPoint.id, sort_by_parameter_order=True)
    ids = db.session.scalars(insert, [{k: v for k, v in r.items() if k not in ("topic", "part")}
                                      for r in rows]).all()
    for row, point_id in zip(rows, ids, strict=True):
        row["id"] = point_id
    return rows


def _annotations(workshop: Workshop, people, points: list[dict], rng) -> None:
    kinds = ("support", "support", "concern", "evidence", "question")
    rows = []
    for point in points:
        for _n in range(rng.randrange(0, 3)):
            person, kind = rng.choice(people), rng.choice(kinds)
            rows.append({"workshop_id": workshop.id, "point_id": point["id"],
                         "origin_point_id": point["id"], "author_id": person.id,
                         "discipline_id": person.discipline_id, "kind": kind,
                         "body": f"{kind}: {point['title']}", "source_url": "",
                         "pinned": False, "status": "visible", "hidden_reason": "",
                         "anonymous": False, "created_at": workshop.scheduled_at,
                         "updated_at": workshop.scheduled_at})
    if rows:
        db.session.execute(sa.insert(Annotation), rows)


def _round(workshop: Workshop, number: int, people, points: list[dict], shape: Shape, rng):
    chosen = rng.sample(points, min(shape.ballot_points, len(points)))
    voting_round = VoteRound(workshop_id=workshop.id, number=number, title=f"#{number}",
                             method="approval", status="draft", criteria=[])
    voting_round.points = [RoundPoint(point_id=p["id"], position=i, title=p["title"])
                           for i, p in enumerate(chosen)]
    db.session.add(voting_round)
    db.session.flush()
    voting_round.status, voting_round.opened_at = "open", workshop.scheduled_at
    db.session.flush()
    ballots = [{"round_id": voting_round.id, "point_id": p["id"], "criterion": "", "value": 1,
                "voter_key": f"p:{person.id}", "participant_id": person.id,
                "discipline_id": person.discipline_id, "is_current": True}
               for person in people for p in chosen if rng.random() < 0.4]
    if ballots:
        db.session.execute(sa.insert(Ballot), ballots)
    voters = sorted({b["participant_id"] for b in ballots})
    db.session.add(RoundTurnout(round_id=voting_round.id, voter_ids=voters, voters=len(voters)))
    voting_round.status, voting_round.closed_at = "closed", workshop.scheduled_at
    db.session.flush()


def _register(program: Program, points: list[dict], shape: Shape, rng, by: int | None) -> None:
    """One item per topic and part, fed by most points of the closed workshops."""
    items: dict[tuple, int] = {}
    links = []
    for point in points:
        if rng.random() > shape.link_share:
            continue
        key = (point["topic"], point["part"], rng.randrange(shape.items_per_topic))
        if key not in items:
            suffix = f" — {key[2] + 1}" if shape.items_per_topic > 1 else ""
            item = RegisterItem(program_id=program.id, part_id=point["part"],
                                title=f"{VERBS[len(items) % len(VERBS)]} {TOPICS[key[0]]}{suffix}",
                                description="", phase_id=program.phases[0].id,
                                created_by_id=by, status=rng.choice(("identified", "analysed")),
                                published=len(items) % 3 == 0)
            db.session.add(item)
            db.session.flush()
            items[key] = item.id
            kind = "promote"
        else:
            kind = "link"
        links.append({"program_id": program.id, "item_id": items[key],
                      "point_id": point["id"], "kind": kind, "reason": "",
                      "by_user_id": by, "at": START, "undo_reason": ""})
    if links:
        db.session.execute(sa.insert(RegisterLink), links)


def build_programme(shape: Shape | None = None, name_fa="اصفهان ۱۴۰۵ (نمونه)",
                    name_en="Isfahan 1405 (demo)", creator_id: int | None = None,
                    seed: int = 1405) -> int:
    """Create and commit a programme with workshops, points, votes, annotations and a register."""
    shape, rng = shape or Shape(), random.Random(seed)
    program = _program(name_fa, name_en)
    fed = []
    for workshop in _workshops(program, shape, creator_id):
        if workshop.status != "closed":
            continue
        people = _people(workshop, program, shape, rng)
        points = _points(workshop, people, shape, rng)
        _annotations(workshop, people, points, rng)
        for number in range(1, shape.rounds + 1):
            _round(workshop, number, people, points, shape, rng)
        fed += points
    _register(program, fed, shape, rng, creator_id)
    db.session.commit()
    return program.id
