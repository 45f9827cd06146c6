"""One round's results, with its ties, are the same on SQLite and PostgreSQL (this file runs in
both passes of `make test` against the same expected numbers) and in the CSV and JSON exports."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.voting.conftest import add_points
from tests.voting.test_schulze import ISSUE_PROFILE, _parse
from workshop.voting.results import round_results


def _rank_issue_profile(room, round_id: int) -> None:
    """The issue's 6-voter ranking profile; point n is the room's n-th point."""
    for i, vote in enumerate(ISSUE_PROFILE):
        ranking = [room.points[n - 1] for n in _parse(vote)]
        ack = room.command(room.phone(name=f"R{i}"), "cast_ranking", round=round_id,
                           ranking=ranking)
        assert ack["ok"], ack


def _approval(room, round_id: int) -> None:
    p = room.points
    for i, yes in enumerate(([p[0], p[1]], [p[0], p[1]], [p[2]])):
        phone = room.phone(name=f"A{i}")
        for point in yes:
            assert room.vote(phone, round_id, point=point, value=1)["ok"]


def _dots(room, round_id: int) -> None:
    p = room.points
    for i, spread in enumerate(((p[0], p[0], p[1]), (p[1], p[1], p[0]))):
        phone = room.phone(name=f"D{i}")
        for point in spread:
            assert room.vote(phone, round_id, point=point, delta=1)["ok"]


def _scores(room, round_id: int) -> None:
    p = room.points
    phone = room.phone(name="S0")
    for point, value in ((p[0], 5), (p[1], 5), (p[2], 2)):
        assert room.vote(phone, round_id, point=point, criterion="importance",
                         value=value)["ok"]


# (method, settings, cast, expected (point number, rank, tied, raw[, schulze_rank, tied]))
CASES = [
    ("ranking", {"top_k": 6}, _rank_issue_profile,
     [(5, 1, False, 22, 1, True), (2, 2, False, 20, 1, True), (3, 3, False, 16, 3, True),
      (1, 4, True, 14, 3, True), (4, 4, True, 14, 5, False), (6, 6, False, 13, 6, False)]),
    ("approval", {}, _approval,
     [(1, 1, True, 2), (2, 1, True, 2), (3, 3, False, 1), (4, 4, True, 0), (5, 4, True, 0),
      (6, 4, True, 0)]),
    ("dots", {"budget": 3}, _dots,
     [(1, 1, True, 3), (2, 1, True, 3), (3, 3, True, 0), (4, 3, True, 0), (5, 3, True, 0),
      (6, 3, True, 0)]),
    ("scores", {}, _scores,
     [(1, 1, True, 5), (2, 1, True, 5), (3, 3, False, 2), (4, 4, True, 0), (5, 4, True, 0),
      (6, 4, True, 0)]),
]


def _csv_rows(client, url: str) -> list[dict]:
    body = client.get(url).get_data(as_text=True).lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(body)))


def _as_cell(value) -> str:
    return "" if value is None else str(value)


@pytest.mark.parametrize(("method", "settings", "cast", "expected"), CASES,
                         ids=[c[0] for c in CASES])
def test_results_and_ties_equal_in_every_export(app, room, client, method, settings, cast,
                                                 expected):
    room.points += add_points(app, room.workshop["id"], ("ششمین نقطه",))
    round_id = room.open_round(method, **settings)
    cast(room, round_id)
    room.staff("close_round", round=round_id)
    with app.app_context():
        results = round_results(round_id, "staff")
        phone = round_results(round_id, "phone")
    number = {point: n for n, point in enumerate(room.points, start=1)}
    shown = [(number[p["id"]], p["rank"], p["tied"], p["raw"])
             + ((p["schulze_rank"], p["schulze_tied"]) if method == "ranking" else ())
             for p in results["points"]]
    assert sorted(shown) == sorted(expected)  # the order within a tie is only the ballot's
    assert [p["rank"] for p in results["points"]] == sorted(p["rank"] for p in results["points"])
    assert [(p["id"], p["rank"], p["tied"]) for p in phone["points"]] == \
        [(p["id"], p["rank"], p["tied"]) for p in results["points"]]

    base = f"/staff/workshops/{room.workshop['id']}/rounds/{round_id}"
    page = client.get(base).get_data(as_text=True)  # the staff results page says "Tied" too
    assert page.count('class="badge tied"') == sum(
        p["tied"] + p.get("schulze_tied", False) for p in results["points"])
    exported = json.loads(client.get(f"{base}/export.json").get_data(as_text=True))["results"]
    assert {k: v for k, v in exported.items() if k != "computed_at"} == \
        {k: v for k, v in results.items() if k != "computed_at"}
    rows = _csv_rows(client, f"{base}/export.csv")
    columns = [c for c in rows[0] if c in results["points"][0] and c != "point"]
    assert {"rank", "tied", "raw", "balanced_rank", "polarised"} <= set(columns)
    if method == "ranking":
        assert {"schulze_rank", "schulze_tied", "first"} <= set(columns)
    assert [{c: row[c] for c in columns} | {"point_id": row["point_id"]} for row in rows] == \
        [{c: _as_cell(p[c]) for c in columns} | {"point_id": str(p["id"])}
         for p in results["points"]]
