"""Exports carry text exactly as stored, in both languages: no digit or letter rewriting."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.text.corpus import CORPUS, stored
from workshop.extensions import db
from workshop.minutes import workspace
from workshop.minutes.archive import collect
from workshop.minutes.versions import ensure_draft
from workshop.models import Workshop

from .factory import actor, add_participant, add_point, add_round

TITLES = [stored(e) for e in CORPUS[:14]]  # digits of both kinds, %, signs, phones, dates
SUMMARY = "میانگین ۳٫۸۹ و 3.89؛ ايجاد پارك 🌳\nAPI باز برای Google Maps"


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_results_csv_and_json_keep_titles_as_stored(env, ctx, lang):
    from workshop.models.voting import VoteRound
    from workshop.voting.exports import export_json, neutralise, results_csv

    wid = env["workshop"]
    voter = add_participant(wid, "سارا")
    points = [add_point(wid, t) for t in TITLES]
    round_id = add_round(wid, "approval", points, {voter: dict.fromkeys(points, 1)})
    voting_round = db.session.get(VoteRound, round_id)
    cells = {cell for row in csv.reader(io.StringIO(results_csv(voting_round, lang)))
             for cell in row}
    assert {neutralise(t) for t in TITLES} <= cells  # only the formula guard's quote added
    dumped = json.loads(json.dumps(export_json(voting_round, lang), ensure_ascii=False))
    assert {p["title"] for p in dumped["results"]["points"]} == set(TITLES)


def test_minutes_archive_keeps_the_summary_as_typed(env, ctx):
    me = actor(env["secretary"])
    workspace.edit(me, env["workshop"], {"kind": "summary", "text": SUMMARY, "base": 0})
    workshop = db.session.get(Workshop, env["workshop"])
    data = collect(workshop, ensure_draft(me, workshop))
    assert json.loads(json.dumps(data, ensure_ascii=False))["summary"] == SUMMARY
