"""The current marks of an open round, kept up to date from the ballot rows added since.

Results are refreshed up to five times a second while a round is open, and reading every
ballot row each time grew with the round (9 ms at 6,000 rows on the test machine, blocking
every socket meanwhile). Every change appends a row, and the newest row for a (voter, point,
criterion) is the current one, so only rows after the last one seen need reading. A count of
the rows already seen catches a row that committed late with a lower id (possible on
PostgreSQL); then everything is read again. Closed rounds are always read whole: closing
re-keys anonymous voters and folds small disciplines in place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from workshop.extensions import db
from workshop.lru import BoundedCache
from workshop.models.voting import Ballot
from workshop.voting import tally


@dataclass(frozen=True)
class RoundMarks:
    """Every row of a round up to `through`, reduced to the newest value per mark."""

    through: int = 0
    rows: int = 0
    latest: dict = field(default_factory=dict)  # (voter_key, point, criterion) -> Mark | None
    voters: dict = field(default_factory=dict)  # voter_key -> discipline of their newest row

    def marks(self) -> list[tally.Mark]:
        """The current non-empty marks."""
        return [mark for mark in self.latest.values() if mark is not None]


_ROWS_AFTER = (
    sa.select(Ballot.id, Ballot.point_id, Ballot.criterion, Ballot.value, Ballot.voter_key,
              Ballot.discipline_id)
    .where(Ballot.round_id == sa.bindparam("round_id"), Ballot.id > sa.bindparam("after"))
    .order_by(Ballot.id)
)
_ROWS_SEEN = sa.select(sa.func.count()).where(Ballot.round_id == sa.bindparam("round_id"),
                                              Ballot.id <= sa.bindparam("through"))
_CACHE = BoundedCache(16)


def _extend(state: RoundMarks, round_id: int) -> RoundMarks:
    """A new state with the rows committed after `state.through` applied in id order."""
    rows = db.session.connection().execute(
        _ROWS_AFTER, {"round_id": round_id, "after": state.through}).all()
    if not rows:
        return state
    latest, voters = dict(state.latest), dict(state.voters)
    for row in rows:
        latest[(row.voter_key, row.point_id, row.criterion)] = None if row.value is None else \
            tally.Mark(row.point_id, row.criterion, row.value, row.voter_key)
        voters[row.voter_key] = row.discipline_id
    return RoundMarks(rows[-1].id, state.rows + len(rows), latest, voters)


def _still_whole(state: RoundMarks, round_id: int) -> bool:
    """No row with an id we already passed has appeared since (a late commit)."""
    if not state.through:
        return True
    seen = db.session.connection().execute(
        _ROWS_SEEN, {"round_id": round_id, "through": state.through}).scalar()
    return seen == state.rows


def round_marks(voting_round) -> RoundMarks:
    """The round's marks as stored now (incrementally while it is open)."""
    if voting_round.status != "open":
        return _extend(RoundMarks(), voting_round.id)
    key = (voting_round.id, voting_round.opened_at)  # opened_at: ids reused by a new database
    state = _CACHE.get(key, RoundMarks())
    if not _still_whole(state, voting_round.id):
        state = RoundMarks()
    state = _extend(state, voting_round.id)
    _CACHE.put(key, state)
    return state
