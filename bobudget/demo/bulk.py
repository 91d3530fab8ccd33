"""Writing many demo rows fast: the driver's executemany on SQLite, COPY on PostgreSQL.

SQLAlchemy's own executemany turns every row's parameters through the compiled statement,
which took longer than making the rows. Here each column's bind processor (the same that
SQLAlchemy would apply: a vocabulary word to its string, a timestamp to SQLite's text) is
looked up once per table and applied in one pass; the driver gets plain tuples.

Core and driver inserts bypass the ORM's change-trail events (bobudget.db.change_trail): a
demo's rows were made by no user, so none is recorded; the demo itself is, in the audit log.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Table

_Processor = Callable[[Any], Any] | None


class BulkWriter:
    """Appends rows (dicts with every column) to tables, in the connection's transaction."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._dialect = connection.dialect
        self._copy = self._dialect.name == "postgresql" and self._dialect.driver == "psycopg"
        self._plans: dict[str, tuple[list[str], list[_Processor], str]] = {}

    def write(self, table: Table, rows: Sequence[dict[str, Any]]) -> None:
        if not rows:
            return
        keys, processors, statement = self._plan(table)
        tuples = [_values(row, keys, processors) for row in rows]
        dbapi = self._connection.connection
        cursor = dbapi.cursor()
        try:
            if self._copy:
                with cursor.copy(statement) as copy:
                    for values in tuples:
                        copy.write_row(values)
            else:
                cursor.executemany(statement, tuples)
        finally:
            cursor.close()

    def _plan(self, table: Table) -> tuple[list[str], list[_Processor], str]:
        plan = self._plans.get(table.name)
        if plan is None:
            columns = list(table.columns)
            keys = [column.key for column in columns]
            processors: list[_Processor] = [
                column.type.dialect_impl(self._dialect).bind_processor(self._dialect)
                for column in columns
            ]
            quote = self._dialect.identifier_preparer.quote
            names = ", ".join(quote(column.name) for column in columns)
            if self._copy:
                statement = f"COPY {quote(table.name)} ({names}) FROM STDIN"
            else:
                marks = ", ".join(
                    "?" if self._dialect.paramstyle == "qmark" else "%s" for _ in keys
                )
                statement = f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})"
            plan = self._plans[table.name] = (keys, processors, statement)
        return plan


def _values(row: dict[str, Any], keys: list[str], processors: list[_Processor]) -> tuple[Any, ...]:
    return tuple(
        value if process is None or value is None else process(value)
        for value, process in zip((row[key] for key in keys), processors, strict=True)
    )
