"""The workshop row for a socket connect, without the ORM's per-query work.

Every connect of a reconnect storm loads the same workshop. Loading it through the ORM cost
more than half a millisecond; the row as the driver gives it costs a tenth of that. The row is
read every time (so nothing is ever stale), and when it equals the row this process saw last,
the instance built then is merged into the session without a query; a changed row is read
once more through Core, which turns its columns into Python values.
"""

from __future__ import annotations

import copy

import sqlalchemy as sa
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from workshop.driver_sql import DriverStatement
from workshop.errors import NotFound
from workshop.extensions import db
from workshop.lru import BoundedCache
from workshop.models import Workshop
from workshop.workshops.services import checked_id

_MAPPER = sa.inspect(Workshop)
_ATTRIBUTES = [(a.key, a.columns[0]) for a in _MAPPER.column_attrs]
_ROW = sa.select(*(column for _, column in _ATTRIBUTES)).where(
    Workshop.__table__.c.id == sa.bindparam("workshop_id"))
_RAW_ROW = DriverStatement(_ROW)
_SEEN = BoundedCache(64)  # workshop id -> (row, detached instance)


def workshop_for_connect(workshop_id) -> Workshop:
    """The workshop (as `get_workshop` gives it), read as one plain row."""
    workshop_id = checked_id(workshop_id)
    held = db.session.identity_map.get(_MAPPER.identity_key_from_primary_key([workshop_id]))
    if held is not None:
        return held
    rows = _RAW_ROW.run({"workshop_id": workshop_id})
    if not rows:
        raise NotFound()
    return _attach(workshop_id, tuple(rows[0]))


def _attach(workshop_id: int, raw: tuple) -> Workshop:
    seen = _SEEN.get(workshop_id)
    if seen is None or seen[0] != raw:
        row = db.session.connection().execute(_ROW, {"workshop_id": workshop_id}).one()
        detached = Workshop(**{key: value for (key, _), value in zip(_ATTRIBUTES, row,
                                                                      strict=True)})
        make_transient_to_detached(detached)
        seen = (raw, detached)
        _SEEN.put(workshop_id, seen)
    workshop = db.session.merge(seen[1], load=False)
    # A JSON value is shared by reference: give this session its own copy to change.
    set_committed_value(workshop, "settings", copy.deepcopy(seen[1].settings))
    return workshop
