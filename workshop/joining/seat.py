"""A phone's participant as its socket connect needs it, read with one query on the driver.

A reconnect storm authenticates a thousand phones at once; building a full ORM instance for
each costs more than the query. A connect only reads these fields (its snapshot, its rooms,
its arrival), and commands load the participant afresh under their own checks.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

import sqlalchemy as sa

from workshop.driver_sql import DriverStatement
from workshop.models import Participant
from workshop.workshops.codes import token_hash

_PARTICIPANT = Participant.__table__


class Seat(NamedTuple):
    """The participant fields a connect and its snapshot read."""

    id: int
    workshop_id: int
    display_name: str
    discipline_id: int | None
    status: str
    joined_at: datetime | None
    left_at: datetime | None


_BY_TOKEN = DriverStatement(sa.select(*(_PARTICIPANT.c[name] for name in Seat._fields)).where(
    _PARTICIPANT.c.token_hash == sa.bindparam("token_hash")), typed=True)


def seat_for_token(workshop_id: int, token: str | None) -> Seat | None:
    """The participant a phone's token belongs to, if it is one of this workshop's."""
    if not token:
        return None
    rows = _BY_TOKEN.run({"token_hash": token_hash(token)})
    seat = Seat(*rows[0]) if rows else None
    return seat if seat is not None and seat.workshop_id == workshop_id else None
