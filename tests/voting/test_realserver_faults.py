"""Real server, 100 phones × 20 votes, abrupt drops and resends: stored set == acked set.

The same run with the server ignoring operation ids must find duplicates, which proves this
test can fail.
"""

import asyncio
import threading
from collections import Counter

import pytest

from tests.voting.realserver import FlakyPhone, prepare_round, run_phones, stored

pytestmark = [pytest.mark.server, pytest.mark.slow]
PHONES, VOTES, DROP_CHANCE = 100, 20, 0.08


def _run(server):
    room = prepare_round(server, points=6, method="dots", budget=100)
    phones = [FlakyPhone(server.base_url, server.join(room["workshop"], name=f"گوشی {i}")
                         .cookie_header(), room["workshop"]["id"], DROP_CHANCE)
              for i in range(PHONES)]
    # Its own thread: a browser test's Playwright may already run an event loop here.
    worker = threading.Thread(target=asyncio.run,
                              args=(run_phones(phones, room["round"], room["points"], VOTES),))
    worker.start()
    worker.join(600)
    acked = [op for p in phones for op in p.acked]
    return phones, acked, stored(server.database_url, room["round"])


def test_every_acknowledged_vote_is_stored_exactly_once(live_server):
    phones, acked, rows = _run(live_server)
    print(f"{len(acked)} acknowledged, {len(rows)} stored, {sum(p.drops for p in phones)} drops")
    assert sum(p.drops for p in phones) > 50  # the faults really happened
    assert len(acked) == PHONES * VOTES == len(set(acked))
    assert {r.op_id for r in rows} == set(acked)
    assert len(rows) == len(acked)  # no duplicates
    totals = Counter()
    for r in rows:
        if r.is_current:
            totals[r.voter_key] += r.value
    assert sorted(totals.values()) == [VOTES] * PHONES


@pytest.mark.live_env(IGNORE_OPERATION_IDS="1")
def test_the_same_run_finds_duplicates_when_op_ids_are_ignored(live_server):
    phones, acked, rows = _run(live_server)
    totals = Counter()
    for r in rows:
        if r.is_current:
            totals[r.voter_key] += r.value
    duplicates = sum(totals.values()) - len(acked)
    print(f"ignoring op ids: {duplicates} duplicates in {len(acked)} acknowledged votes, "
          f"{sum(p.drops for p in phones)} drops")
    assert len(rows) > len(acked)
    assert duplicates > 0, "the fault test could not tell a broken server from a working one"
