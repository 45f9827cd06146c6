"""Column helpers shared by every model."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
import sqlalchemy.orm as so


def utcnow() -> datetime:
    """The current time as an aware UTC datetime (we store UTC everywhere)."""
    return datetime.now(UTC)


class UTCDateTime(sa.TypeDecorator):
    """Stores aware datetimes as UTC and always returns them aware (SQLite drops the zone)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class BilingualName:
    """A name kept in Persian and English; readers get the one in their language."""

    name_fa: so.Mapped[str] = so.mapped_column(sa.String(120))
    name_en: so.Mapped[str] = so.mapped_column(sa.String(120))

    def name(self, lang: str) -> str:
        """The name in the reader's language."""
        return self.name_fa if lang == "fa" else self.name_en
