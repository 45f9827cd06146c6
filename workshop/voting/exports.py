"""CSV and JSON exports of a round's ballots and results (spreadsheet formulas neutralised).

Anonymous rounds export pseudonyms (V01, V02 ...) in a random order and the same folded
discipline groups as the results, so an export reveals no more than the screen.
"""

from __future__ import annotations

import csv
import io

import sqlalchemy as sa

from workshop.extensions import db
from workshop.models import Discipline, Participant
from workshop.models.voting import Ballot, VoteRound
from workshop.voting.results import load_marks, results_for
from workshop.voting.tally import fold_small_groups

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")


def neutralise(value) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (ASVS 1.2.10)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv(rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return "\ufeff" + buffer.getvalue()  # the BOM makes spreadsheet apps read UTF-8 Persian


def _names(ids, model) -> dict:
    ids = [i for i in set(ids) if i is not None]
    if not ids:
        return {}
    return {row.id: row for row in db.session.scalars(sa.select(model).where(model.id.in_(ids)))}


def ballot_rows(voting_round: VoteRound, lang: str) -> list[dict]:
    """Every stored mark (history included), as much as the round's anonymity allows."""
    rows = list(db.session.scalars(sa.select(Ballot).where(Ballot.round_id == voting_round.id)
                                   .order_by(Ballot.id)))
    titles = {p.point_id: p.title for p in voting_round.points}
    people = _names([r.participant_id for r in rows], Participant)
    disciplines = _names([r.discipline_id for r in rows], Discipline)
    voters, folded = _pseudonyms(voting_round, rows)
    return [{
        "point_id": r.point_id, "point": titles.get(r.point_id, ""), "criterion": r.criterion,
        "value": r.value, "current": r.is_current,
        "voter": voters.get(r.voter_key) or people[r.participant_id].display_name,
        "discipline": _discipline_name(r.discipline_id, folded, disciplines, lang),
        "cast_at": r.cast_at.isoformat() if r.cast_at else None,
    } for r in rows]


def _pseudonyms(voting_round: VoteRound, rows: list[Ballot]) -> tuple[dict, set]:
    if not voting_round.anonymous:
        return {}, set()
    keys = sorted({r.voter_key for r in rows})  # keyed hashes: sorted order is random order
    _, voters, _ = load_marks(voting_round)
    counts: dict = {}
    for discipline in voters.values():
        counts[discipline] = counts.get(discipline, 0) + 1
    return {k: f"V{i:02d}" for i, k in enumerate(keys, start=1)}, fold_small_groups(counts)


def _discipline_name(discipline_id, folded: set, disciplines: dict, lang: str) -> str:
    if discipline_id is None or discipline_id in folded:
        return "سایر و گروه‌های کوچک" if lang == "fa" else "Others and small groups"
    d = disciplines[discipline_id]
    return d.name_fa if lang == "fa" else d.name_en


BALLOT_HEADER = ("point_id", "point", "criterion", "value", "current", "voter", "discipline",
                 "cast_at")


def ballots_csv(voting_round: VoteRound, lang: str) -> str:
    """The ballot table of one round as CSV."""
    rows = ballot_rows(voting_round, lang)
    return _csv([list(BALLOT_HEADER)] + [[r[k] for k in BALLOT_HEADER] for r in rows])


RESULT_HEADER = ("rank", "tied", "point_id", "point", "raw", "balanced", "balanced_rank",
                 "share", "consensus", "consensus_gmean", "polarised")


def results_csv(voting_round: VoteRound, lang: str) -> str:
    """The results of one round as CSV: one line per point, one column per discipline group."""
    results = results_for(voting_round, "staff")
    groups = [g["name_fa"] if lang == "fa" else g["name_en"] for g in results["groups"]]
    extra = _extra_columns(results)
    header = [*RESULT_HEADER, *extra, *groups]
    lines = [[p.get("title") if k == "point" else p.get("id") if k == "point_id" else p.get(k)
              for k in RESULT_HEADER] + [_extra(p, k) for k in extra] + p["support"]
             for p in results["points"]]
    return _csv([header, *lines])


def _extra_columns(results: dict) -> list[str]:
    method = results["round"]["method"]
    if method == "approval":
        return ["yes", "no"]
    if method == "ranking":
        return ["first", "schulze_rank", "schulze_tied"]
    if method == "scores":
        return [f"mean:{c['key']}" for c in results["round"]["rules"]["criteria"]]
    return []


def _extra(point: dict, column: str):
    if column.startswith("mean:"):
        return point.get("criteria", {}).get(column[5:])
    return point.get(column, 0 if column in ("yes", "no", "first") else None)


def export_json(voting_round: VoteRound, lang: str) -> dict:
    """Results and ballots together, for archives and re-analysis."""
    return {"results": results_for(voting_round, "staff"),
            "ballots": ballot_rows(voting_round, lang)}
