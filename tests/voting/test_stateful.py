"""Model-based test: random opens, closes, votes, changes, lost acks and resends.

After every step the database's tally equals a plain-Python model's and no budget is exceeded.
"""

import os
import uuid
from collections import defaultdict

import sqlalchemy as sa
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from tests.voting.concurrency import command_as, make_participants
from tests.voting.conftest import add_points
from workshop.extensions import db
from workshop.models.voting import Ballot

VOTERS, POINTS, BUDGET, MAX_YES = 3, 3, 4, 2


class Model:
    """What the database should hold for the open (or last) round."""

    def __init__(self, method: str, anonymous: bool):
        self.method, self.anonymous, self.status = method, anonymous, "open"
        self.marks: dict[tuple[int, int], int] = {}

    def expect(self, voter: int, point: int, args: dict) -> tuple[str | None, int | None]:
        """(error code or None, new value) for a vote on (voter, point)."""
        if self.status != "open":
            return "round_closed", None
        held = self.marks.get((voter, point))
        others = [v for (p, q), v in self.marks.items() if p == voter and q != point]
        if self.method == "dots":
            new = (held or 0) + args["delta"]
            if new < 0:
                return "invalid_value", None
            return ("budget_exceeded", None) if sum(others) + new > BUDGET else (None, new)
        new = args["value"]
        if new == 1 and sum(1 for v in others if v == 1) + 1 > MAX_YES:
            return "budget_exceeded", None
        return None, new

    def apply(self, voter: int, point: int, value) -> None:
        if value is None:
            self.marks.pop((voter, point), None)
        else:
            self.marks[(voter, point)] = value

    def tally(self) -> dict[int, int]:
        totals: dict[int, int] = defaultdict(int)
        for (_, point), value in self.marks.items():
            if self.method == "dots" and value:
                totals[point] += value
            elif self.method == "approval" and value == 1:
                totals[point] += 1
        return dict(totals)


def machine_for(app, room):
    voters = make_participants(app, room.workshop["id"], VOTERS)
    fac = ("u", room.workshop["facilitator"])
    wid = room.workshop["id"]

    class Voting(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            self.points = add_points(app, wid, [f"نقطه {i}" for i in range(POINTS)])
            self.round_id, self.model, self.sent = None, None, []

        def _staff(self, name, **args):
            ack = command_as(app, fac, name, {"workshop": wid, "op": uuid.uuid4().hex, **args})
            assert ack["ok"], ack
            return ack["result"]

        @precondition(lambda self: self.model is None or self.model.status == "closed")
        @rule(method=st.sampled_from(["approval", "dots"]), anonymous=st.booleans())
        def open_round(self, method, anonymous):
            rules = {"budget": BUDGET} if method == "dots" else {"max_yes": MAX_YES}
            created = self._staff("create_round", method=method, anonymous=anonymous,
                                  points=self.points, **rules)
            self.round_id = created["round"]["id"]
            self._staff("open_round", round=self.round_id)
            self.model, self.sent = Model(method, anonymous), []

        @precondition(lambda self: self.model is not None and self.model.status == "open")
        @rule()
        def close_round(self):
            result = self._staff("close_round", round=self.round_id)
            closed = {self.points.index(int(k)): v for k, v in result["tally"]["points"].items()}
            assert {k: v for k, v in closed.items() if v} == self.model.tally()
            self.model.status = "closed"

        @precondition(lambda self: self.model is not None)
        @rule(voter=st.integers(0, VOTERS - 1), point=st.integers(0, POINTS - 1),
              choice=st.sampled_from([1, -1, 0, None]), lose_ack=st.booleans())
        def vote(self, voter, point, choice, lose_ack):
            args = ({"delta": choice or 1} if self.model.method == "dots"
                    else {"value": None if choice == -1 else choice})
            payload = {"workshop": wid, "op": uuid.uuid4().hex, "round": self.round_id,
                       "point": self.points[point], **args}
            error, value = self.model.expect(voter, point, args)
            ack = command_as(app, ("p", voters[voter]), "cast_vote", payload)
            assert ack["error"] == error, (ack, error)
            if error is None:
                self.model.apply(voter, point, value)
            self.sent.append((voter, point, args, payload, ack))
            if lose_ack:  # the phone never saw the ack: it resends the same op id at once
                self._resend(len(self.sent) - 1)

        @precondition(lambda self: bool(self.sent))
        @rule(data=st.data())
        def resend_old(self, data):
            self._resend(data.draw(st.integers(0, len(self.sent) - 1)))

        def _resend(self, index):
            voter, point, args, payload, first = self.sent[index]
            if not first["ok"]:
                # A refused vote leaves no record: its resend is judged again like a new vote.
                error, value = self.model.expect(voter, point, args)
            ack = command_as(app, ("p", voters[voter]), "cast_vote", payload)
            if first["ok"]:
                assert ack["ok"], (first, ack)
                assert ack.get("dup"), (first, ack)
            else:
                assert ack["error"] == error, (ack, error)
                if error is None:
                    self.model.apply(voter, point, value)
                    self.sent[index] = (voter, point, args, payload, ack)

        def teardown(self):
            if self.model is not None and self.model.status == "open":
                self._staff("close_round", round=self.round_id)

        @invariant()
        def database_matches_model(self):
            if self.model is None:
                return
            with app.app_context():
                rows = db.session.execute(sa.select(Ballot.point_id, Ballot.value, Ballot.voter_key)
                                          .where(Ballot.round_id == self.round_id,
                                                 Ballot.is_current.is_(True))).all()
            totals, per_voter = defaultdict(int), defaultdict(int)
            for point, value, key in rows:
                counted = value if self.model.method == "dots" else int(value == 1)
                if value is not None and counted:
                    totals[self.points.index(point)] += counted
                    per_voter[key] += counted
            assert dict(totals) == self.model.tally()
            limit = BUDGET if self.model.method == "dots" else MAX_YES
            assert all(used <= limit for used in per_voter.values())

    return Voting


def test_voting_matches_a_simple_model(app, room):
    machine = machine_for(app, room)
    machine.TestCase.settings = settings(
        max_examples=int(os.environ.get("VOTING_EXAMPLES", "10")), stateful_step_count=30,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    from hypothesis.stateful import run_state_machine_as_test

    run_state_machine_as_test(machine, settings=machine.TestCase.settings)
