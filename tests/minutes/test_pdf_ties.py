"""The minutes write a shared place as a tie ("tied first: …" / «مشترکاً اول: …»), in both
languages, with every line still in correct visual order (issue 15)."""

from __future__ import annotations

import pytest

from tests.voting.test_schulze import ISSUE_PROFILE, _parse
from workshop.extensions import db
from workshop.minutes.archive import collect
from workshop.minutes.pdf import build_minutes_pdf, minutes_labels
from workshop.minutes.versions import ensure_draft
from workshop.models import Workshop

from .factory import actor, add_participant, add_point, add_round, run_timeline
from .pdf_check import mismatches, recording, save_pngs

TITLES = ("پیاده‌راه", "Metro", "دوچرخه", "Trees", "بازار", "Buses")
CONTROLS = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069\u200e\u200f"))


def _rounds(env) -> None:
    """A ranking round with the issue's profile (2 and 5 tie for Schulze first place, 1 and 4
    share fourth on Borda) and an approval round where 1 and 2 tie for first."""
    wid = env["workshop"]
    run_timeline(wid)
    people = [add_participant(wid, f"نفر {i}") for i in range(6)]
    points = [add_point(wid, title) for title in TITLES]
    votes = {people[i]: {points[n - 1]: {"rank": r} for r, n in enumerate(_parse(v), start=1)}
             for i, v in enumerate(ISSUE_PROFILE)}
    add_round(wid, "ranking", points, votes, title="رتبه‌بندی")
    add_round(wid, "approval", points[:3], {p: {points[0]: 1, points[1]: 1} for p in people},
              title="Approval")


@pytest.mark.parametrize(("lang", "tied_first", "schulze", "shared"), [
    ("fa", "مشترکاً اول:", "مشترکاً اول به روش شولتسه:", "(مشترک)"),
    ("en", "Tied first:", "Tied first by the Schulze method:", "(tied)"),
])
def test_minutes_write_ties_as_ties(env, app, ctx, tmp_path, lang, tied_first, schulze, shared):
    _rounds(env)
    me = actor(env["secretary"])
    workshop = db.session.get(Workshop, env["workshop"])
    data = collect(workshop, ensure_draft(me, workshop))
    with recording() as lines:
        pdf = build_minutes_pdf(data, lang, minutes_labels(lang), "ab" * 32)
    path = tmp_path / f"ties-{lang}.pdf"
    path.write_bytes(pdf)
    assert mismatches(path, lines) == []
    drawn = [line.logical.translate(CONTROLS) for line in lines]
    schulze_line = next(text for text in drawn if text.startswith(schulze))
    assert [t for t in TITLES if t in schulze_line] == [TITLES[1], TITLES[4]]
    approval_line = next(text for text in drawn if text.startswith(tied_first))
    assert [t for t in TITLES if t in approval_line] == [TITLES[0], TITLES[1]]
    assert sum(text.endswith(shared) for text in drawn) >= 2 + 2 + 4  # table rank cells
    save_pngs(path, f"minutes-ties-{lang}")
