"""Issue 11: every socket event and every route, fuzzed with Hypothesis (a few examples here;
bench/bench_fuzz.py runs at least 2,000 per event)."""

from __future__ import annotations

import os

import pytest

from tests.fuzzing import build_rig, fuzz_route, fuzz_socket_event, route_cases
from workshop.realtime.commands import COMMANDS, QUERIES

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "4"))
EVENTS = sorted({*COMMANDS, *QUERIES, "snapshot"})


@pytest.fixture
def rig(app):
    return build_rig(app)


def test_every_socket_event_answers_clearly(rig):
    for event in EVENTS:
        fuzz_socket_event(rig, event, EXAMPLES)
    assert rig.counts["socket"] >= len(EVENTS) * EXAMPLES


def test_every_route_answers_without_5xx(app, rig):
    cases = list(route_cases(app))
    for rule, methods in cases:
        fuzz_route(rig, rule, methods, EXAMPLES)
    assert rig.counts["http"] >= len(cases)
