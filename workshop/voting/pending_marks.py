"""A batch's new marks written in one statement just before it commits (PostgreSQL).

After `prefetch`, a vote's insert was the one round trip left per vote, and the single writer
waited on it. When a batch of two or more votes runs on PostgreSQL, ids are taken from the
ballot sequence up front (so a vote still knows its mark's id for its answer) and the rows
wait in the transaction until a read of ballots needs them or the transaction commits; then
they go in one multi-row insert. A refusal by the database (a trigger, a unique index) then
fails the whole batch, which runs again vote by vote with immediate inserts, so each refusal
is still answered as that vote's own.
"""

from __future__ import annotations

from collections import deque

import sqlalchemy as sa
import sqlalchemy.orm as so

from workshop.extensions import db
from workshop.models.voting import Ballot

_PENDING = "pending_marks"  # session.info: (transaction, {"ids": deque, "rows": list})
_IDS = sa.text("SELECT nextval(pg_get_serial_sequence('ballot', 'id')) "
               "FROM generate_series(1, :count)")
_SPARE_IDS = 16  # rankings write several marks per vote


def defer_marks(votes: int) -> None:
    """Queue this transaction's new marks (PostgreSQL only), with ids for `votes` votes."""
    session = db.session()
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        return  # in-process inserts cost no round trip
    ids = deque(_allocate(connection, votes + _SPARE_IDS))
    session.info[_PENDING] = (session.get_transaction(), {"ids": ids, "rows": []})


def queue_mark(values: dict) -> int | None:
    """Queue a mark's row; its id, or None when marks are not queued (insert it now)."""
    pending = _pending(db.session())
    if pending is None:
        return None
    if not pending["ids"]:
        pending["ids"].extend(_allocate(db.session.connection(), _SPARE_IDS))
    row = values | {"id": pending["ids"].popleft()}
    pending["rows"].append(row)
    return row["id"]


def flush_marks(session=None) -> None:
    """Write the queued marks now: before ballots are read, and before the commit."""
    pending = _pending(session or db.session())
    if pending and pending["rows"]:
        rows, pending["rows"] = pending["rows"], []
        (session or db.session()).connection().execute(sa.insert(Ballot.__table__), rows)


def _pending(session) -> dict | None:
    transaction, pending = session.info.get(_PENDING, (None, None))
    return pending if transaction is not None and transaction is session.get_transaction() \
        else None


def _allocate(connection, count: int) -> list[int]:
    return list(connection.execute(_IDS, {"count": count}).scalars())


@sa.event.listens_for(so.Session, "before_commit")
def _write_pending_marks(session) -> None:
    flush_marks(session)
    session.info.pop(_PENDING, None)
