"""A batch's mark changes written in two statements just before it commits (PostgreSQL).

After `prefetch`, a vote's writes (retiring the mark it replaces, inserting the new one) were
the round trips left per vote, and the single writer waited on them. When a batch of two or
more votes runs on PostgreSQL, ids are taken from the ballot sequence up front (a vote still
knows its mark's id for its answer) and the changes wait in the transaction until a read of
ballots needs them or the transaction commits: then every replaced mark is retired in one
update and the new rows go in one multi-row insert. A refusal by the database (a trigger, a
unique index) then fails the whole batch, which runs again vote by vote with immediate
writes, so each refusal is still answered as that vote's own.
"""

from __future__ import annotations

from collections import deque

import sqlalchemy as sa
import sqlalchemy.orm as so

from workshop.extensions import db
from workshop.models.voting import Ballot
from workshop.per_transaction import collected, current, take_collected

_PENDING = "pending_marks"  # this transaction's {"ids", "retired", "rows"}
_IDS = sa.text("SELECT nextval(pg_get_serial_sequence('ballot', 'id')) "
               "FROM generate_series(1, :count)")
RETIRE_MARKS = (sa.update(Ballot.__table__)  # several marks at once (also marks.retire)
                .where(Ballot.id.in_(sa.bindparam("ids", expanding=True)))
                .values(is_current=False))
_SPARE_IDS = 16  # rankings write several marks per vote


def defer_marks(votes: int) -> None:
    """Queue this transaction's new marks (PostgreSQL only), with ids for `votes` votes."""
    session = db.session()
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        return  # in-process inserts cost no round trip
    ids = deque(_allocate(connection, votes + _SPARE_IDS))
    collected(_PENDING).update(ids=ids, retired=[], rows=[])


def queue_retired(mark_ids: list[int]) -> bool:
    """Queue marks to retire; False when marks are not queued (retire them now)."""
    pending = current(db.session(), _PENDING)
    if pending is not None:
        pending["retired"].extend(mark_ids)
    return pending is not None


def queue_mark(values: dict) -> int | None:
    """Queue a mark's row; its id, or None when marks are not queued (insert it now)."""
    pending = current(db.session(), _PENDING)
    if pending is None:
        return None
    if not pending["ids"]:
        pending["ids"].extend(_allocate(db.session.connection(), _SPARE_IDS))
    row = values | {"id": pending["ids"].popleft()}
    pending["rows"].append(row)
    return row["id"]


def flush_marks(session=None) -> None:
    """Write the queued changes now: before ballots are read, and before the commit.

    Retired first: a voter's new current mark may take the place of one being retired."""
    session = session or db.session()
    pending = current(session, _PENDING)
    if not pending:
        return
    retired, pending["retired"] = pending["retired"], []
    rows, pending["rows"] = pending["rows"], []
    if retired:
        session.connection().execute(RETIRE_MARKS, {"ids": retired})
    if rows:
        session.connection().execute(sa.insert(Ballot.__table__), rows)


def _allocate(connection, count: int) -> list[int]:
    return list(connection.execute(_IDS, {"count": count}).scalars())


@sa.event.listens_for(so.Session, "before_commit")
def _write_pending_marks(session) -> None:
    flush_marks(session)
    take_collected(session, _PENDING)
