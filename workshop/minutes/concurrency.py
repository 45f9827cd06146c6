"""Optimistic concurrency: a change applies only to the revision its writer saw.

Two secretaries typing at once never overwrite each other silently: the second write finds
a newer revision and is refused with `conflict`, carrying both texts so the loser can choose.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from workshop.errors import InvalidState, NotFound, WorkshopError
from workshop.extensions import db
from workshop.text.normalize import validate_int

MAX_REVISION = 2**31 - 1


def base_revision(change: dict) -> int:
    """The revision the client's edit started from (0 for something new)."""
    return validate_int(change.get("base"), field="base", min_value=0, max_value=MAX_REVISION,
                        strict=True)


def conflict(kind: str, row_id, mine: str, theirs: str, revision: int) -> WorkshopError:
    """The refusal the slower writer gets: both texts and the revision to build on."""
    return InvalidState("conflict", kind=kind, id=row_id if row_id is not None else "",
                         mine=mine, theirs=theirs, revision=revision)


def compare_and_set(model, row_id: int, base: int, values: dict, *, kind: str, mine: str,
                    theirs: Callable[[object], str], column: str = "revision") -> int:
    """Write `values` only if the row is still at `base`; returns the new revision."""
    rev = getattr(model, column)
    stmt = (sa.update(model).where(model.id == row_id, rev == base)
            .values(**values, **{column: rev + 1}).returning(rev)
            .execution_options(synchronize_session=False))
    new = db.session.execute(stmt).scalar_one_or_none()
    if new is not None:
        return new
    current = db.session.get(model, row_id, populate_existing=True)
    if current is None:
        raise NotFound()
    if theirs(current) == mine:  # a resent save that already landed: nothing to choose
        return getattr(current, column)
    raise conflict(kind, row_id, mine, theirs(current), getattr(current, column))


def delete_if_unchanged(model, row_id: int, base: int, *, kind: str, mine: str,
                        theirs: Callable[[object], str]) -> None:
    """Delete a row only if nobody changed it since the deleting client saw it."""
    stmt = (sa.delete(model).where(model.id == row_id, model.revision == base)
            .execution_options(synchronize_session=False))
    if db.session.execute(stmt).rowcount:
        return
    current = db.session.get(model, row_id, populate_existing=True)
    if current is None:
        raise NotFound()
    raise conflict(kind, row_id, mine, theirs(current), current.revision)


def owned_row(model, row_id, version_id: int):
    """A child row of this version, or not_found (ids from clients are untrusted)."""
    if type(row_id) is not int:
        raise NotFound()
    row = db.session.get(model, row_id, populate_existing=True)
    if row is None or row.version_id != version_id:
        raise NotFound()
    return row
