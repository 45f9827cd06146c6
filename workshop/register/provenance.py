"""What stands behind a register item: its points and workshops, the rounds that voted on
them (support normalised per round), each discipline's stance, and its evidence."""

from __future__ import annotations

from collections import Counter, defaultdict

import sqlalchemy as sa

from workshop.extensions import db
from workshop.models import Participant, Workshop
from workshop.models.annotation import Annotation
from workshop.models.focus import FocusPoint
from workshop.models.register import RegisterLink
from workshop.models.voting import RoundPoint, VoteRound
from workshop.voting import tally
from workshop.voting.results import load_marks

from . import arith

STANCE_KINDS = ("support", "concern")
CHUNK = 5000  # ids per IN list: SQLite refuses more than 32,766 parameters in one statement


def chunked(ids, query) -> list:
    """Rows of `query(chunk)` for every CHUNK of ids (a whole programme has 30,000 points)."""
    ids = list(ids)
    return [row for n in range(0, len(ids), CHUNK)
            for row in db.session.execute(query(ids[n:n + CHUNK])).all()]


def points_by_item(item_ids: list[int]) -> dict[int, set[int]]:
    """Item -> its linked points and the workshop points merged into them."""
    rows = db.session.execute(sa.select(RegisterLink.item_id, RegisterLink.point_id).where(
        RegisterLink.item_id.in_(item_ids), RegisterLink.undone_at.is_(None))).all()
    out: dict[int, set[int]] = defaultdict(set)
    owner = {}
    for item_id, point_id in rows:
        out[item_id].add(point_id)
        owner[point_id] = item_id
    if owner:
        children = chunked(owner, lambda ids: sa.select(
            FocusPoint.id, FocusPoint.merged_into_id).where(
            FocusPoint.merged_into_id.in_(ids), FocusPoint.status == "merged"))
        for child, parent in children:
            out[owner[parent]].add(child)
    return out


def _annotation_counts(points: dict[int, set[int]]) -> dict[int, dict]:
    """Item -> discipline -> Counter of support/concern annotations."""
    owner = {p: i for i, ps in points.items() for p in ps}
    out: dict[int, dict] = defaultdict(lambda: defaultdict(Counter))
    if not owner:
        return out
    def query(ids):
        return sa.select(Annotation.point_id, Annotation.discipline_id, Annotation.kind,
                         sa.func.count()).where(
            Annotation.point_id.in_(ids), Annotation.status == "visible",
            Annotation.kind.in_(STANCE_KINDS)).group_by(
            Annotation.point_id, Annotation.discipline_id, Annotation.kind)

    for point_id, discipline, kind, n in chunked(owner, query):
        out[owner[point_id]][discipline][kind] += n
    return out


def _present(points: dict[int, set[int]]) -> dict[int, set[int]]:
    """Item -> disciplines that took part in the workshops behind it."""
    owner = {p: i for i, ps in points.items() for p in ps}
    if not owner:
        return {}
    pw = chunked(owner, lambda ids: sa.select(FocusPoint.id, FocusPoint.workshop_id).where(
        FocusPoint.id.in_(ids)))
    workshops: dict[int, set[int]] = defaultdict(set)
    for point_id, workshop_id in pw:
        workshops[workshop_id].add(owner[point_id])
    found = db.session.execute(sa.select(Participant.workshop_id, Participant.discipline_id)
                               .where(Participant.workshop_id.in_(list(workshops)),
                                      Participant.status == "admitted").distinct()).all()
    out: dict[int, set[int]] = defaultdict(set)
    for workshop_id, discipline in found:
        for item_id in workshops[workshop_id]:
            out[item_id].add(discipline)
    return out


def _voters(voting_round: VoteRound, voters: dict) -> dict:
    """Voter -> discipline, small groups folded away in anonymous rounds (k-anonymity)."""
    if not voting_round.anonymous:
        return voters
    folded = tally.fold_small_groups(Counter(voters.values()))
    return tally.group_voters(voters, folded)


def _rounds(points: set[int]) -> list[VoteRound]:
    """Opened rounds that had any of these points on their ballot, in workshop order."""
    if not points:
        return []
    ids = {r for (r,) in chunked(points, lambda chunk: sa.select(RoundPoint.round_id).where(
        RoundPoint.point_id.in_(chunk)).distinct())}
    return list(db.session.scalars(sa.select(VoteRound).where(
        VoteRound.id.in_(list(ids)), VoteRound.status != "draft")
        .order_by(VoteRound.workshop_id, VoteRound.number)))


def _round_row(voting_round: VoteRound, marks, voters: dict, points: set[int]) -> dict:
    scale = (voting_round.score_min, voting_round.score_max)
    share, backers = arith.item_support(voting_round.method, marks, scale, len(voters), points)
    return {"round": voting_round, "voters": len(voters), "support": share,
            "supporters": len(backers),
            "disciplines": arith.discipline_shares(backers, _voters(voting_round, voters))}


def round_rows(points: set[int]) -> list[dict]:
    """Each opened round that had any of these points: normalised support and shares."""
    rows = []
    for voting_round in _rounds(points):
        marks, voters, _through = load_marks(voting_round)
        rows.append(_round_row(voting_round, marks, voters, points))
    return rows


def rounds_by_item(points: dict[int, set[int]]) -> dict[int, list[dict]]:
    """Item -> its round rows, reading each round's marks once for all items."""
    owner: dict[int, set[int]] = defaultdict(set)
    for item_id, item_points in points.items():
        for p in item_points:
            owner[p].add(item_id)
    out: dict[int, list[dict]] = defaultdict(list)
    for voting_round in _rounds(set(owner)):
        marks, voters, _through = load_marks(voting_round)
        on_ballot = {p.point_id for p in voting_round.points}
        for item_id in {i for p in on_ballot & set(owner) for i in owner[p]}:
            out[item_id].append(_round_row(voting_round, marks, voters, points[item_id]))
    return out


def stance_rows(item_ids: list[int], disciplines: list[int], with_votes: bool = True,
                points: dict | None = None, rounds: dict | None = None) -> dict[int, dict]:
    """Item -> discipline -> {stance, support, concern} (the coverage matrix rows).

    Callers that already hold the items' points and round rows pass them in.
    """
    points = points_by_item(item_ids) if points is None else points
    notes, present = _annotation_counts(points), _present(points)
    if rounds is None:
        rounds = rounds_by_item(points) if with_votes else {}
    out = {}
    for item_id in item_ids:
        votes = arith.vote_signals([r["disciplines"] for r in rounds.get(item_id, [])])
        out[item_id] = arith.stances(disciplines, notes.get(item_id, {}), votes,
                                     present.get(item_id, set()))
    return out


def evidence(points: set[int]) -> list[Annotation]:
    """Visible evidence annotations on the item's points, oldest first."""
    if not points:
        return []
    return list(db.session.scalars(sa.select(Annotation).where(
        Annotation.point_id.in_(list(points)), Annotation.kind == "evidence",
        Annotation.status == "visible").order_by(Annotation.created_at)))


def workshops_behind(points: set[int]) -> list[tuple[Workshop, list[FocusPoint]]]:
    """The workshops and points behind an item, in workshop order."""
    if not points:
        return []
    rows = db.session.execute(sa.select(FocusPoint, Workshop).join(Workshop).where(
        FocusPoint.id.in_(list(points))).order_by(Workshop.scheduled_at, Workshop.id,
                                                   FocusPoint.id)).all()
    grouped: dict[int, tuple] = {}
    for point, workshop in rows:
        grouped.setdefault(workshop.id, (workshop, []))[1].append(point)
    return list(grouped.values())


def workshops_of_points(points: set[int]) -> dict[int, int]:
    """Point -> its workshop."""
    if not points:
        return {}
    return dict(chunked(points, lambda ids: sa.select(FocusPoint.id, FocusPoint.workshop_id)
                        .where(FocusPoint.id.in_(ids))))
