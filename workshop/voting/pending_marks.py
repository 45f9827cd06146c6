"""A batch's mark changes written in two statements just before it commits (PostgreSQL).

After `prefetch`, a vote's writes (retiring the mark it replaces, inserting the new one) were
the round trips left per vote, and the single writer waited on them. When a batch of two or
more votes runs on PostgreSQL, ids are taken from the ballot sequence up front (a vote still
knows its mark's id for its answer) and the changes wait in the transaction until a read of
ballots needs them or the transaction commits: then every replaced mark is retired in one
update and the new rows go in one multi-row insert, both sent as one query string (one round
trip; the server runs them in order, the retire first). The ids come with the batch's voter
lock (`prefetch`), so taking them costs no round trip of its own either. A refusal by the
database (a trigger, a unique index) then fails the whole batch, which runs again vote by vote
with immediate writes, so each refusal is still answered as that vote's own.
"""

from __future__ import annotations

from collections import deque

import sqlalchemy as sa
import sqlalchemy.orm as so

from workshop.extensions import db
from workshop.models.voting import Ballot
from workshop.per_transaction import collected, current, take_collected

_PENDING = "pending_marks"  # this transaction's {"ids", "retired", "rows"}
# `id_count` new ballot ids as one array column: the voter lock's statement carries it (an
# InitPlan, run once); alone it is the fallback when the lock found no voter.
NEW_IDS = (sa.select(sa.func.array_agg(sa.func.nextval(sa.func.pg_get_serial_sequence(
    "ballot", "id")))).select_from(sa.func.generate_series(1, sa.bindparam("id_count")))
    .scalar_subquery().label("new_ids"))
_IDS = sa.select(NEW_IDS)
_BALLOTS = Ballot.__table__
RETIRE_MARKS = (sa.update(Ballot.__table__)  # several marks at once (also marks.retire)
                .where(Ballot.id.in_(sa.bindparam("ids", expanding=True)))
                .values(is_current=False))
_SPARE_IDS = 16  # rankings write several marks per vote


def ids_needed(votes: int) -> int:
    """Ids to take for a batch of `votes` votes (rankings write several marks per vote)."""
    return votes + _SPARE_IDS


def defer_marks(votes: int, ids: list[int] | None = None) -> None:
    """Queue this transaction's new marks (PostgreSQL only), with ids for `votes` votes
    (`ids`: taken already)."""
    session = db.session()
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        return  # in-process inserts cost no round trip
    ids = deque(ids or _allocate(connection, ids_needed(votes)))
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
    if retired and rows:
        _retire_and_insert(session.connection(), retired, rows)
    elif retired:
        session.connection().execute(RETIRE_MARKS, {"ids": retired})
    elif rows:
        session.connection().execute(sa.insert(_BALLOTS), rows)


def _retire_and_insert(connection, retired: list[int], rows: list[dict]) -> None:
    """Retire and insert in one round trip: psycopg2 binds on the client and sends the two
    statements as one query string, which the server runs in order."""
    columns = list(rows[0])
    processors = _bind_processors(connection.dialect)
    parameters = {"retired": list(retired)}
    tuples = []
    for index, row in enumerate(rows):
        names = [f"{name}_{index}" for name in columns]
        parameters.update(zip(names, _processed(row, processors), strict=True))
        tuples.append("(" + ", ".join(f"%({name})s" for name in names) + ")")
    connection.exec_driver_sql(
        f"UPDATE {_BALLOTS.name} SET is_current = false WHERE id = ANY(%(retired)s); "
        f"INSERT INTO {_BALLOTS.name} ({', '.join(columns)}) VALUES {', '.join(tuples)}",
        parameters)


_PROCESSORS: dict[str, dict] = {}


def _bind_processors(dialect) -> dict:
    """Each ballot column's bind processor for this dialect (as Core would apply it)."""
    found = _PROCESSORS.get(dialect.name)
    if found is None:
        found = {column.name: column.type.dialect_impl(dialect).bind_processor(dialect)
                 for column in _BALLOTS.columns}
        _PROCESSORS[dialect.name] = found
    return found


def _processed(row: dict, processors: dict) -> list:
    return [value if processors[name] is None else processors[name](value)
            for name, value in row.items()]


def _allocate(connection, count: int) -> list[int]:
    return connection.execute(_IDS, {"id_count": count}).scalar()


@sa.event.listens_for(so.Session, "before_commit")
def _write_pending_marks(session) -> None:
    flush_marks(session)
    take_collected(session, _PENDING)
