"""A round's results, recomputed from the stored ballots (shape documented in docs/results.md).

`round_results(round_id, audience)` is the one entry point: the console, the projector,
phones, exports and the minutes PDF all read the same numbers.
"""

from __future__ import annotations

import sqlalchemy as sa

from workshop.driver_sql import DriverStatement
from workshop.extensions import db
from workshop.lru import BoundedCache
from workshop.models import Discipline, utcnow
from workshop.models.voting import Ballot, VoteRound
from workshop.realtime.encoded import share
from workshop.voting import tally
from workshop.voting.few import few_binds, few_values
from workshop.voting.live_marks import RoundMarks, round_marks
from workshop.voting.serialize import round_info, round_points

AUDIENCES = ("staff", "minutes", "projector", "phone")
_CACHE = BoundedCache(64)
_VIEWS = BoundedCache(128)


def load_marks(voting_round: VoteRound,
               state: RoundMarks | None = None) -> tuple[list[tally.Mark], dict, int]:
    """Current non-empty marks, each voter's discipline (as of their newest row, so retracted
    marks count: they voted), and the newest ballot id (`state`: read already)."""
    state = round_marks(voting_round) if state is None else state
    return state.marks(), dict(state.voters), state.through


def _groups(voting_round: VoteRound, voters: dict) -> tuple[dict, dict]:
    """Voter -> shown group, and group -> voters (small groups folded when anonymous)."""
    counts: dict = {}
    for discipline in voters.values():
        counts[discipline] = counts.get(discipline, 0) + 1
    folded = tally.fold_small_groups(counts) if voting_round.anonymous else set()
    groups = tally.group_voters(voters, folded)
    sizes: dict = {}
    for group in groups.values():
        sizes[group] = sizes.get(group, 0) + 1
    return groups, sizes


def _group_rows(sizes: dict) -> list[dict]:
    """The shown groups in programme order, "other" last."""
    names = {d.id: d for d in db.session.scalars(
        sa.select(Discipline).where(Discipline.id.in_([g for g in sizes if g is not None])))}
    ordered = sorted((g for g in sizes if g is not None), key=lambda g: (names[g].position, g))
    rows = [{"key": f"d{g}", "discipline_id": g, "name_fa": names[g].name_fa,
             "name_en": names[g].name_en, "voters": sizes[g]} for g in ordered]
    if tally.OTHER in sizes:
        rows.append({"key": "other", "discipline_id": None, "name_fa": "سایر و گروه‌های کوچک",
                     "name_en": "Others and small groups", "voters": sizes[tally.OTHER]})
    return rows


def _point_rows(voting_round: VoteRound, marks, groups, sizes, group_rows) -> list[dict]:
    method, top_k = voting_round.method, voting_round.top_k
    scale = (voting_round.score_min, voting_round.score_max)
    raw = tally.raw_scores(method, marks, top_k)
    fair = tally.balanced(method, marks, groups, sizes, top_k)
    backers = tally.supporters(method, marks, scale)
    total = sum(sizes.values())
    rows = []
    for point in round_points(voting_round):
        point_id = point["id"]
        per_group = tally.shares(backers.get(point_id, set()), groups, sizes)
        low, gmean = tally.consensus(per_group)
        rows.append({
            **point, "raw": _round(raw.get(point_id, 0.0)),
            "balanced": _round(fair.get(point_id, 0.0)),
            "share": _round(len(backers.get(point_id, ())) / total) if total else None,
            "consensus": _round(low), "consensus_gmean": _round(gmean),
            "polarised": tally.polarised(per_group, sizes),
            "support": [_round(per_group.get(g["discipline_id"])) for g in group_rows],
        })
    _method_details(voting_round, marks, rows)
    return _ranked(rows)


def _method_details(voting_round: VoteRound, marks, rows: list[dict]) -> None:
    """Numbers that only make sense for one method (yes/no, firsts, criteria, Schulze)."""
    method = voting_round.method
    if method in ("approval", "ranking"):
        _counts(method, marks, rows)
    if method == "scores":
        means = tally.criterion_means(marks)
        for row in rows:
            row["criteria"] = {k: _round(v) for k, v in means.get(row["id"], {}).items()}
    if method == "ranking":
        ranks = tally.schulze_ranks(marks, [r["id"] for r in rows])
        shared = tally.tied(ranks)
        for row in rows:
            row["schulze_rank"], row["schulze_tied"] = ranks[row["id"]], row["id"] in shared


def _counts(method: str, marks, rows: list[dict]) -> None:
    """Approval: explicit yes and no marks; ranking: how many put the point first."""
    keys = ("yes", "no") if method == "approval" else ("first",)
    by_point = {r["id"]: r for r in rows}
    for row in rows:
        row.update(dict.fromkeys(keys, 0))
    for m in marks:
        row = by_point.get(m.point)
        if row is not None and method == "approval":
            row["yes" if m.value == 1 else "no"] += 1
        elif row is not None and m.value == 1:
            row["first"] += 1


def _ranked(rows: list[dict]) -> list[dict]:
    """Order by the headline number; equal numbers share a rank and are marked `tied` (the
    ballot position only orders the tied rows on screen, it never breaks the tie)."""
    ranks = tally.tie_ranks({r["id"]: r["raw"] for r in rows})
    fair = tally.tie_ranks({r["id"]: r["balanced"] for r in rows})
    shared = tally.tied(ranks)
    rows.sort(key=lambda r: (ranks[r["id"]], r["position"], r["id"]))
    for row in rows:
        row["rank"], row["tied"] = ranks[row["id"]], row["id"] in shared
        row["balanced_rank"] = fair[row["id"]]
    return rows


def _round(value):
    return None if value is None else round(float(value), 4)


def _matrix(voting_round: VoteRound, points: list[dict]) -> dict | None:
    """Scores rounds: each point placed by the means of two criteria (the 2×2 matrix)."""
    x, y = voting_round.matrix_x, voting_round.matrix_y
    if voting_round.method != "scores" or not x or not y:
        return None
    mid = (voting_round.score_min + voting_round.score_max) / 2
    cells = []
    for p in points:
        px, py = p.get("criteria", {}).get(x), p.get("criteria", {}).get(y)
        quadrant = None if px is None or py is None else (
            ("high" if px >= mid else "low") + "_x_" + ("high" if py >= mid else "low") + "_y")
        cells.append({"id": p["id"], "x": px, "y": py, "quadrant": quadrant})
    return {"x": x, "y": y, "mid": mid, "min": voting_round.score_min,
            "max": voting_round.score_max, "points": cells}


def compute(voting_round: VoteRound, state: RoundMarks | None = None) -> dict:
    """Every number of the round, recomputed from its stored ballots (`state`: its marks,
    read already)."""
    marks, voters, through = load_marks(voting_round, state)
    groups, sizes = _groups(voting_round, voters)
    group_rows = _group_rows(sizes)
    points = _point_rows(voting_round, marks, groups, sizes, group_rows)
    raw_order = [p["id"] for p in points]
    fair_order = [p["id"] for p in sorted(points, key=lambda p: (p["balanced_rank"],
                                                                   p["position"]))]
    return {
        "round": round_info(voting_round), "hidden": False, "voters": len(voters),
        "marks": len(marks), "through": through, "groups": group_rows, "points": points,
        "matrix": _matrix(voting_round, points), "balanced_differs": raw_order != fair_order,
        "computed_at": utcnow().isoformat(),
    }


_THROUGH = sa.select(sa.func.max(Ballot.id)).where(Ballot.round_id == sa.bindparam("round_id"))
# One index entry per round (ix_ballot_round_through): a correlated MAX per round, never a
# GROUP BY, which would read every ballot of the rounds.
_ROUNDS, _BALLOTS = VoteRound.__table__, Ballot.__table__
_THROUGH_FEW = DriverStatement(sa.select(_ROUNDS.c.id, sa.select(sa.func.max(_BALLOTS.c.id))
                               .where(_BALLOTS.c.round_id == _ROUNDS.c.id).scalar_subquery())
                               .where(_ROUNDS.c.id.in_(few_binds("r"))))


def throughs(round_ids: list[int]) -> dict[int, int]:
    """The newest ballot id of each round (at most FEW), in one query (0: none yet)."""
    found = dict(_THROUGH_FEW.run(few_values("r", round_ids, 0))) if round_ids else {}
    return {round_id: found.get(round_id) or 0 for round_id in round_ids}


def _cached(voting_round: VoteRound, through: int | None = None) -> tuple[tuple, dict]:
    """The round's results and what they derive from, recomputed only when a ballot or the
    round itself changed."""
    state = None
    if through is None and voting_round.status == "open":
        state = round_marks(voting_round)  # a live refresh: its rows say how far it is
        through = state.through
    elif through is None:
        through = db.session.connection().execute(
            _THROUGH, {"round_id": voting_round.id}).scalar() or 0
    key = (voting_round.id, voting_round.opened_at, through, voting_round.status,
           voting_round.results_hidden,
           voting_round.title, voting_round.matrix_x, voting_round.matrix_y)
    return key, _CACHE.get_or_build(key, lambda: compute(_in_session(voting_round), state))


def _in_session(voting_round: VoteRound) -> VoteRound:
    """compute() loads the round's points: a snapshot's read-only copy is merged first."""
    if sa.inspect(voting_round).session is not None:
        return voting_round
    return db.session.merge(voting_round, load=False)


def visible_to(voting_round: VoteRound, audience: str) -> bool:
    """Staff always see results; the projector and phones only once they are not hidden."""
    return audience in ("staff", "minutes") or not voting_round.results_hidden


def results_for(voting_round: VoteRound, audience: str, through: int | None = None) -> dict:
    """The round's results as `audience` may see them (`through`: its newest ballot id, when
    the caller read it already)."""
    return _cached_view(voting_round, *_cached(voting_round, through), audience)


def snapshot_results(voting_round: VoteRound, audience: str, through: int) -> dict:
    """As `results_for`, without the round itself: a snapshot's round list carries it, and a
    phone's reconnect carried each round twice (a sixth of its snapshot); clients re-attach it.
    """
    key, full = _cached(voting_round, through)
    view = _cached_view(voting_round, key, full, audience)
    return _VIEWS.get_or_build((key, audience, "no round"), lambda: share(
        {k: v for k, v in view.items() if k != "round"}))


def results_by_audience(voting_round: VoteRound, audiences) -> dict[str, dict]:
    """The results as each audience may see them, from one computation (a live refresh)."""
    key, full = _cached(voting_round)
    return {audience: _cached_view(voting_round, key, full, audience) for audience in audiences}


def _cached_view(voting_round: VoteRound, key: tuple, full: dict, audience: str) -> dict:
    """One view per audience and computation: a room's snapshots share it (and its JSON)."""
    return _VIEWS.get_or_build(
        (key, audience), lambda: share(_view(voting_round, full, audience)))


def _view(voting_round: VoteRound, full: dict, audience: str) -> dict:
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    if not visible_to(voting_round, audience):
        return {"round": full["round"], "hidden": True, "voters": full["voters"],
                "through": full["through"]}
    if audience == "phone":  # phones get the ranking, not the per-discipline detail
        points = [{k: v for k, v in p.items() if k != "support"} for p in full["points"]]
        return {k: v for k, v in full.items() if k != "groups"} | {"points": points}
    return full


def round_results(round_id: int, audience: str = "staff") -> dict:
    """Public API: the results of round `round_id` for an audience (see docs/results.md)."""
    voting_round = db.session.get(VoteRound, round_id)
    if voting_round is None:
        raise LookupError(f"no voting round {round_id}")
    return results_for(voting_round, audience)


def final_tally(voting_round: VoteRound) -> dict:
    """The compact tally a close returns: headline number per point and the marks counted."""
    full = compute(voting_round)
    return {"points": {str(p["id"]): p["raw"] for p in full["points"]}, "marks": full["marks"],
            "voters": full["voters"]}
