"""Issue 11 §1: after an anonymous round closes, nothing stored links a mark to a person.

Twenty voters go through a named, an anonymous and a named round. Every voter behaves in the
way that helps an attacker most: they vote in the same order in every round, and their phone
numbers its changes with one counter that runs on across rounds (the old phone did). An
attacker who holds the whole database then tries every stored column of the closed anonymous
round; no analysis may link more voters than chance would.
"""

from __future__ import annotations

import random
import uuid

import sqlalchemy as sa

from tests.voting.concurrency import command_as, make_participants
from workshop.extensions import db
from workshop.models.voting import Ballot

VOTERS = 20
# Guessing 20 voters blindly matches ~Poisson(1) of them: P(4+) is about 2 %, too often for a
# test; P(7+) is about 1 in 12,000. The old code linked 16-18 of 20, far above either.
CHANCE_CEILING = 6


def _round(room, anonymous: bool) -> int:
    return room.open_round("scores", anonymous=anonymous)


def _vote_everyone(app, room, round_id, voters, counters, rng):
    for person in voters:  # the same order in every round: the worst case for insertion order
        for _change in range(2):
            counters[person] += 1
            ack = command_as(app, ("p", person), "cast_vote", {
                "workshop": room.workshop["id"], "op": uuid.uuid4().hex, "round": round_id,
                "point": rng.choice(room.points), "criterion": "importance",
                "value": rng.randint(1, 5), "seq": counters[person]})
            assert ack["ok"], ack


def _rows(app, round_id) -> list[dict]:
    with app.app_context():
        table = Ballot.__table__
        result = db.session.execute(sa.select(table).where(table.c.round_id == round_id))
        return [dict(row._mapping) for row in result]


def _named_profile(rows) -> dict:
    """Per person in a named round: their ids, sequence numbers and first position."""
    profile: dict = {}
    order = sorted(rows, key=lambda r: r["id"])
    for position, row in enumerate(order):
        entry = profile.setdefault(row["participant_id"], {"ids": [], "seq": [], "pos": position})
        entry["ids"].append(row["id"])
        entry["seq"].append(row["seq"] or 0)
    return profile


def _groups(rows) -> dict:
    """The anonymous round's rows grouped the only way the table allows: by voter key."""
    groups: dict = {}
    for row in rows:
        groups.setdefault(row["voter_key"], []).append(row)
    return groups


def _guess_by_seq(groups, before, after) -> dict:
    """A voter's numbers fall between their last named-round number and their next one."""
    guesses = {}
    for key, rows in groups.items():
        seqs = [r["seq"] for r in rows if r["seq"] is not None]
        fits = [p for p in before if seqs and max(before[p]["seq"]) < min(seqs)
                and max(seqs) < min(after[p]["seq"])]
        guesses[key] = fits[0] if len(fits) == 1 else None
    return guesses


def _guess_by_order(groups, before) -> dict:
    """The n-th voter to appear in the anonymous round is the n-th of the named round."""
    firsts = sorted(groups, key=lambda k: min(r["id"] for r in groups[k]))
    people = sorted(before, key=lambda p: before[p]["pos"])
    return dict(zip(firsts, people, strict=False))


def _guess_by_identity(groups) -> dict:
    """Columns that would name the person outright (participant, op id, time)."""
    guesses = {}
    for key, rows in groups.items():
        named = {r["participant_id"] for r in rows} - {None}
        guesses[key] = named.pop() if len(named) == 1 else None
    return guesses


def _results(app, round_id) -> list:
    from workshop.voting.results import round_results

    with app.app_context():
        points = round_results(round_id)["points"]
        return sorted(repr(sorted(p.items())) for p in points)


def _truth(app, round_id, voters) -> dict:
    """Which voter each key belonged to: only knowable while the round was open."""
    from workshop.models.voting import VoteRound
    from workshop.voting.marks import voter_for

    with app.app_context():
        voting_round = db.session.get(VoteRound, round_id)
        return {voter_for(voting_round, type("P", (), {"id": p, "discipline_id": None})).key: p
                for p in voters}


def test_closed_anonymous_round_links_no_voter_better_than_chance(app, room):
    rng = random.Random(11)
    voters = make_participants(app, room.workshop["id"], VOTERS)
    counters = {p: rng.randrange(0, 10_000, 10) for p in voters}  # phones with a past
    rounds = []
    for anonymous in (False, True, False):
        round_id = _round(room, anonymous)
        _vote_everyone(app, room, round_id, voters, counters, rng)
        if anonymous:
            open_rows = _rows(app, round_id)
            truth_keys = _truth(app, round_id, voters)
            owner_of_row = {r["id"]: truth_keys[r["voter_key"]] for r in open_rows}
            results_open = _results(app, round_id)
        room.staff("close_round", round=round_id)
        rounds.append(round_id)
    named_before, secret, named_after = (_rows(app, r) for r in rounds)
    before, after = _named_profile(named_before), _named_profile(named_after)
    groups = _groups(secret)
    assert len(groups) == VOTERS
    # Ground truth after close: marks carry no owner; map each closed key to its owner through
    # the one thing that survives, the marks themselves, known only to the test.
    owner = _owners_by_content(open_rows, owner_of_row, groups)
    for name, guesses in (("seq", _guess_by_seq(groups, before, after)),
                          ("order", _guess_by_order(groups, before)),
                          ("identity", _guess_by_identity(groups))):
        right = sum(1 for key, person in guesses.items() if person and owner[key] == person)
        assert right <= CHANCE_CEILING, f"{name} links {right} of {VOTERS} voters"
    for row in secret:
        assert row["op_id"] is None
        assert row["seq"] is None
        assert row["cast_at"] is None
        assert row["participant_id"] is None
        assert row["is_current"]
    assert _results(app, rounds[1]) == results_open  # closing changed no number
    assert sum(1 for person in owner.values() if person) >= VOTERS - 3  # the test has teeth


def _owners_by_content(open_rows, owner_of_row, groups) -> dict:
    """Closed key -> person, by matching each closed group's current marks to an open voter's."""
    current: dict = {}
    for row in open_rows:
        if row["is_current"]:
            current.setdefault(owner_of_row[row["id"]], set()).add(
                (row["point_id"], row["criterion"], row["value"]))
    owners = {}
    for key, rows in groups.items():
        marks = {(r["point_id"], r["criterion"], r["value"]) for r in rows if r["is_current"]}
        matches = [p for p, held in current.items() if held == marks]
        owners[key] = matches[0] if len(matches) == 1 else None
    return owners
