"""Ties as people see them (issue 15): the issue's ranking profile on the projector, a phone and
the console. Points 2 and 5 tie for first by Schulze, 1 and 4 share fourth place by Borda;
every screen says so from the data. Screenshots go to test-artifacts/voting/."""

from __future__ import annotations

import pytest

from tests.browser import *  # noqa: F403  (the fixtures)
from tests.browser import assert_clean, join_workshop, log_in
from tests.live_server import PASSWORD
from tests.voting.realserver import prepare_round
from tests.voting.test_schulze import ISSUE_PROFILE, _parse

pytestmark = pytest.mark.browser
ARTIFACT_AREA = "voting"
TIED = ("مشترک", "Tied")  # the screen's language: the workshop's on projector and phones
SCHULZE_TIED = ("رتبهٔ شولتسه ۱، مشترک", "Schulze rank 1, tied")


def _vote_issue_profile(server, room) -> None:
    for i, vote in enumerate(ISSUE_PROFILE):
        voter = server.socket(server.join(room["workshop"], name=f"R{i}"), room["workshop"])
        ranking = [room["points"][n - 1] for n in _parse(vote)]
        assert voter.command("cast_ranking", {"round": room["round"], "ranking": ranking})["ok"]


def _ties_shown(page, points: list[int]) -> None:
    """Rows may be paged out of view on the projector: check what they hold, not visibility."""
    rows = page.locator("[data-role=vote-results] .result-row")
    row = {n: rows.and_(page.locator(f"[data-point='{points[n - 1]}']")) for n in range(1, 7)}
    for n in (2, 5):  # Schulze winners, tied
        badge = row[n].locator(".badge.schulze.tied")
        badge.wait_for(state="attached")
        assert badge.text_content() in SCHULZE_TIED
    for n in (1, 4):  # equal Borda points: the same rank, marked tied
        assert row[n].locator(".badge.tied:not(.schulze)").text_content() in TIED
    assert row[1].locator(".rank").text_content() == row[4].locator(".rank").text_content()
    assert row[6].locator(".badge.tied").count() == 0
    assert row[3].locator(".badge.tied:not(.schulze)").count() == 0


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_ties_on_projector_phone_and_console(lang, live_server, phone_page, desktop_page, shot):
    room = prepare_round(live_server, points=6, method="ranking", top_k=6, results_hidden=False,
                         language=lang)
    _vote_issue_profile(live_server, room)
    wid = room["workshop"]["id"]
    projector = desktop_page(lang, live_server.base_url)
    log_in(projector, room["email"], PASSWORD)
    projector.goto(f"/staff/workshops/{wid}/projector")
    _ties_shown(projector, room["points"])
    shot(projector, f"{lang}-projector-ties")
    console = projector.context.new_page()
    console.goto(f"{live_server.base_url}/staff/workshops/{wid}")
    _ties_shown(console, room["points"])
    phone = join_workshop(phone_page(lang, live_server.base_url), room["workshop"]["code"],
                          "Tara", 1, "#phone")
    _ties_shown(phone, room["points"])
    shot(phone, f"{lang}-phone-ties")
    for page in (projector, console, phone):
        assert_clean(page)
