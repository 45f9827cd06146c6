"""The hottest statements (the vote path, a phone's connect), run straight on the DBAPI cursor.

In the burst profile about 60 % of the vote writer's time was SQLAlchemy's per-execution
machinery (execution context, parameter and result wrapping) around about 14 % of actual
database work. These are ordinary prebuilt Core statements, compiled once per dialect by
SQLAlchemy itself; every parameter still goes through its column type's bind processor, so the
stored bytes are what Core would store. They run on the session's own connection, inside its
transaction. Rows come back as the driver gives them (no result processors), unless the
statement is built `typed=True`: then each column goes through its type's result processor, as
Core would give it (dates, JSON).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from workshop.extensions import db


class DriverStatement:
    """A Core statement compiled once per dialect and executed on the raw DBAPI cursor."""

    def __init__(self, statement: sa.Executable, typed: bool = False):
        self.statement = statement
        self.typed = typed
        self._compiled: dict[str, tuple] = {}
        self._processors: dict[str, list] = {}

    def _for(self, dialect) -> tuple:
        """(sql, parameter names in order or None for named style, bind processors)."""
        compiled = self._compiled.get(dialect.name)
        if compiled is None:
            done = self.statement.compile(dialect=dialect)
            processors = {name: bind.type.bind_processor(dialect)
                          for name, bind in done.binds.items()}
            fixed = {name: bind.effective_value for name, bind in done.binds.items()
                     if not bind.required}  # literals such as is_current=False
            order = done.positiontup if done.positional else None
            compiled = (done.string, order, processors, fixed)
            self._compiled[dialect.name] = compiled
        return compiled

    def _typed(self, dialect, rows: list) -> list[tuple]:
        """Rows with each column as its SQLAlchemy type reads it."""
        processors = self._processors.get(dialect.name)
        if processors is None:
            processors = [column.type.dialect_impl(dialect).result_processor(dialect, None)
                          for column in self.statement.selected_columns]
            self._processors[dialect.name] = processors
        return [tuple(value if process is None else process(value)
                      for process, value in zip(processors, row, strict=True)) for row in rows]

    @staticmethod
    def _parameters(order, processors: dict, values: dict):
        processed = {}
        for name, value in values.items():
            processor = processors.get(name)
            processed[name] = processor(value) if processor is not None else value
        return tuple(processed[name] for name in order) if order is not None else processed

    def run(self, values: dict) -> Sequence[tuple]:
        """Execute in the session's transaction; the rows (empty for writes without RETURNING).

        A refusal by a constraint or trigger is raised as SQLAlchemy's IntegrityError, as Core
        would raise it.
        """
        connection = db.session.connection()
        dialect = connection.dialect
        sql, order, processors, fixed = self._for(dialect)
        parameters = self._parameters(order, processors, {**fixed, **values})
        cursor = connection.connection.dbapi_connection.cursor()
        try:
            cursor.execute(sql, parameters)
            if cursor.description is None:
                return ()
            rows = cursor.fetchall()
            return self._typed(dialect, rows) if self.typed else rows
        except dialect.loaded_dbapi.IntegrityError as error:
            raise sa.exc.IntegrityError(sql, parameters, error) from error
        finally:
            cursor.close()
