"""Numbers from outside stay inside what the database can store (64-bit signed integers).

SQLite and PostgreSQL both keep ids and counts in 64 bits; a bigger Python int raised an
OverflowError deep in the driver (a 500 or an `internal` ack). Every boundary checks first:
URL converters, form fields and socket payloads.
"""

from __future__ import annotations

from werkzeug.routing import IntegerConverter, ValidationError

from workshop.errors import BadInput

MAX_DB_INT = 2**63 - 1
MIN_DB_INT = -(2**63)
_MAX_DEPTH = 32


def fits(value: int) -> bool:
    """Whether an int can be stored (and compared) by the database."""
    return MIN_DB_INT <= value <= MAX_DB_INT


def check_payload(value, field: str = "", depth: int = 0) -> None:
    """Refuse a socket payload holding an int the database cannot store (invalid_value)."""
    if depth > _MAX_DEPTH:
        raise BadInput(field=field or "payload")
    if type(value) is int and not fits(value):
        raise BadInput("invalid_value", field=field or "payload")
    if isinstance(value, dict):
        for key, item in value.items():
            check_payload(item, str(key), depth + 1)
    elif isinstance(value, list):
        for item in value:
            check_payload(item, field, depth + 1)


class BoundedIntConverter(IntegerConverter):
    """`<int:…>` that does not match beyond 64 bits, so the route answers 404, not 500."""

    def __init__(self, url_map, fixed_digits=0, min=None, max=MAX_DB_INT, signed=False):  # noqa: A002
        super().__init__(url_map, fixed_digits, min, max, signed)

    def to_python(self, value: str):
        if len(value.lstrip("-")) > len(str(MAX_DB_INT)):
            raise ValidationError()
        return super().to_python(value)
