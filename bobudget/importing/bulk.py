"""Bulk writes for the import: many rows per statement, each still audited and trailed.

The import writes its rows in multi-row INSERT statements (up to a thousand rows each), not
as ORM objects: a hundred thousand rows would otherwise each be an object in memory and a
trip through the session's flush. What the flush would have done for each row is done here,
per batch: who and when (`created_by`, `updated_by`, the version), the change trail (one row
per written row with its values, for the person it belongs to, as bobudget.db.change_trail
writes it), the import's audit entries (ids only), and what the unit of work announces to
the screens at commit. Values pass through each column's own SQLAlchemy type (its bind
processor), so they are stored exactly as the ORM stores them.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any, cast

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Date,
    LargeBinary,
    Table,
    TextClause,
    bindparam,
    text,
    update,
)
from sqlalchemy.engine import Dialect

from bobudget.db.change_trail import TECHNICAL_COLUMNS
from bobudget.db.changes import NOT_A_CHANGE, ChangeSet
from bobudget.db.uow import IMPORT_AUDIT_ACTION
from bobudget.kernel.errors import ConflictError
from bobudget.model import AuditEntry, ChangeTrail
from bobudget.model.base import UTCDateTime, VocabType, utc_now
from bobudget.model.vocab import DataOperation

CHANGED_MEANWHILE_MESSAGE = (
    "Någon ändrade en person eller bostad i filen medan importen pågick. Den här importen "
    "sparade ingenting. Importera filen igen: det som redan finns läggs inte till två gånger."
)

_TRAIL = cast(Table, ChangeTrail.__table__)
_AUDIT = cast(Table, AuditEntry.__table__)
# Trail and audit rows are written when this many wait: few statements, little memory.
_PENDING_ROWS = 5000
# Rows per INSERT statement (a power of two), and bound values at most (SQLite allows 32 766).
# A statement's text and its prepared form stay in the driver's statement cache: a few sizes
# of modest statements, not a new one per chunk's remainder (which held 100 MB in SQLite).
_ROWS_PER_STATEMENT = 128
_VALUES_PER_STATEMENT = 8192
# The key each value is bound to in an UPDATE: a name no column has.
_KEY = "b_"


class _TableInsert:
    """How rows go into one table: its columns in order, each with its type's processor, and
    the value of each column a row does not give (who and when, else its default)."""

    def __init__(self, table: Table, connection: Connection, user: str, now: dt.datetime):
        dialect = connection.dialect
        self.table = table
        self.columns = [c for c in table.columns if c.key != "id"]
        self.processors: dict[str, Callable[[Any], Any] | None] = {
            c.key: _processor(c, dialect) for c in self.columns
        }
        self.defaults: dict[str, Any] = {}
        editable = all(name in table.c for name in ("version", "created_by", "updated_by"))
        for column in self.columns:
            default = column.default
            if editable and column.key in ("created_by", "updated_by"):
                value: Any = user
            elif editable and column.key in ("created_at", "updated_at"):
                value = now
            elif default is not None and default.is_scalar:
                value = default.arg  # type: ignore[attr-defined]
            elif default is not None and default.is_callable:
                # Called once for the whole import: none of the tables written has a default
                # that must differ per row (their timestamps are `now` above).
                value = default.arg(None)  # type: ignore[attr-defined]
            else:
                value = None
            self.defaults[column.key] = value
        self.stored_defaults = {k: self._stored(k, v) for k, v in self.defaults.items()}
        # The change trail's values of the defaults; a row's own values are added to them.
        self.trailed = frozenset(
            c.key
            for c in self.columns
            if c.name not in TECHNICAL_COLUMNS and not isinstance(c.type, LargeBinary)
        )
        self.trailed_defaults = {
            k: [None, _plain(v)]
            for k, v in self.defaults.items()
            if k in self.trailed and v is not None
        }
        self._constant_json: dict[tuple[str, ...], str] = {}
        quote = dialect.identifier_preparer.quote
        marker = "?" if dialect.paramstyle == "qmark" else "%s"
        # A JSON column is given its text, written here (see trail_json): PostgreSQL is told
        # it is JSON.
        markers = [
            f"CAST({marker} AS JSON)" if _is_json(c) and dialect.name == "postgresql" else marker
            for c in self.columns
        ]
        names = ", ".join(quote(c.name) for c in self.columns)
        self.head = f"INSERT INTO {quote(table.name)} ({names}) VALUES "
        self.row_sql = f"({', '.join(markers)})"
        most = max(1, min(_ROWS_PER_STATEMENT, _VALUES_PER_STATEMENT // len(self.columns)))
        self.per_statement = 1 << (most.bit_length() - 1)
        self.postgresql = dialect.name == "postgresql"
        # PostgreSQL: COPY, the server's own bulk load (an INSERT per row, even pipelined, costs
        # ten times as much in the driver). The ids are taken from the table's sequence first.
        self.copy = f"COPY {quote(table.name)} ({names}) FROM STDIN"
        self.copy_with_id = f"COPY {quote(table.name)} (id, {names}) FROM STDIN"
        self.next_ids: TextClause | None = None  # made on first use (next_ids_statement)

    def trail_json(self, row_id: int, row: dict[str, Any]) -> str:
        """The change trail's JSON of an inserted row: {"column": [null, value]} for each value
        that is not NULL, as json.dumps writes it (the ORM's trail goes through it too). The
        part from the defaults is the same for every row giving the same columns: made once."""
        keys = tuple(row)
        constant = self._constant_json.get(keys)
        if constant is None:
            given = set(keys)
            constant = json.dumps(
                {k: v for k, v in self.trailed_defaults.items() if k not in given}
            )[1:-1]
            self._constant_json[keys] = constant
        trailed = self.trailed
        own = json.dumps(
            {
                key: [None, _plain(value)]
                for key, value in row.items()
                if value is not None and key in trailed
            }
        )[1:-1]
        parts = [f'"id": [null, {row_id}]', own, constant]
        return "{" + ", ".join(part for part in parts if part) + "}"

    def _stored(self, key: str, value: Any) -> Any:
        process = self.processors[key]
        return value if process is None or value is None else process(value)

    def stored(self, row: dict[str, Any]) -> list[Any]:
        """The row's values as the database driver takes them, in column order."""
        values = self.stored_defaults.copy()
        processors = self.processors
        for key, value in row.items():
            process = processors[key]
            values[key] = value if process is None or value is None else process(value)
        return list(values.values())

    def next_ids_statement(self, connection: Connection) -> TextClause:
        """PostgreSQL: the statement taking the next `:n` ids of the table's sequence. The
        sequence is named in it, looked up once: pg_get_serial_sequence per id made taking
        500 000 ids cost 1.5 s instead of 0.15."""
        if self.next_ids is None:
            sequence = connection.execute(
                text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": self.table.name}
            ).scalar_one()
            name = "'" + str(sequence).replace("'", "''") + "'"
            self.next_ids = text(f"SELECT nextval({name}::regclass) FROM generate_series(1, :n)")
        return self.next_ids

    def maker(self, constant: dict[str, Any], varying: Sequence[str]) -> Callable[..., list[Any]]:
        """`stored` for rows alike but in `varying` (their values given in that order): the
        rest processed once. A trail row each written row, half a million of them."""
        base = self.stored(constant | dict.fromkeys(varying))
        keys = [c.key for c in self.columns]
        slots = [(keys.index(key), self.processors[key]) for key in varying]

        def make(*values: Any) -> list[Any]:
            row = base.copy()
            for (slot, process), value in zip(slots, values, strict=True):
                row[slot] = value if process is None or value is None else process(value)
            return row

        return make

    def run(self, connection: Connection, rows: list[list[Any]], *, returning: bool) -> list[int]:
        """Insert the stored rows; with `returning`, their new ids in the rows' order."""
        ids: list[int] = []
        if self.postgresql:
            if not returning:
                _copy(connection, self.copy, rows)
                return ids
            next_ids = self.next_ids_statement(connection)
            ids = list(connection.execute(next_ids, {"n": len(rows)}).scalars())
            given = [[row_id, *row] for row_id, row in zip(ids, rows, strict=True)]
            _copy(connection, self.copy_with_id, given)
            return ids
        for start, size in _statements(len(rows), self.per_statement):
            part = rows[start : start + size]
            sql = self.head + ", ".join([self.row_sql] * size)
            flat = tuple(value for row in part for value in row)
            if not returning:
                connection.exec_driver_sql(sql, flat)
                continue
            # The new ids rise in the order the statement's rows are inserted, which is the
            # order they are listed (the next rowid is the largest plus one, and nobody else
            # writes during this transaction). RETURNING itself promises no order: sorted, the
            # ids are in the rows' order.
            found = connection.exec_driver_sql(f"{sql} RETURNING id", flat).scalars().all()
            ids.extend(sorted(found))
        return ids


class BulkWriter:
    """Inserts and updates on the unit of work's connection, with their trail and audit."""

    def __init__(self, connection: Connection, user: str) -> None:
        self.connection = connection
        self.user = str(user)
        self.now = utc_now()
        self.tables: set[str] = set()
        self.person_ids: set[int] = set()
        self._inserts: dict[str, _TableInsert] = {}
        self._trail: list[list[Any]] = []
        self._audit: list[list[Any]] = []
        self._trail_row: Callable[..., list[Any]] | None = None
        self._audit_row: Callable[..., list[Any]] | None = None

    def insert(
        self,
        table: Table,
        rows: Sequence[dict[str, Any]],
        owners: Sequence[int | None] | None,
        audited: str | None = None,
    ) -> list[int]:
        """Insert `rows` (column → value) into `table`; their new ids, in order.

        `owners` is the person each row belongs to (None in it for a row of no one's: a
        landlord, a dwelling; None for all of it when the rows are persons, each their own);
        `audited` the audit entity, when each row gets an import entry "ny".
        """
        if not rows:
            return []
        spec = self._spec(table)
        ids = spec.run(self.connection, [spec.stored(row) for row in rows], returning=True)
        if len(ids) != len(rows):
            raise RuntimeError(f"{table.name}: {len(rows)} rows written, {len(ids)} ids returned")
        for row_id, row, owner in zip(ids, rows, ids if owners is None else owners, strict=True):
            changes = spec.trail_json(row_id, row)
            self._note(table.name, row_id, owner, DataOperation.INSERT, changes, audited, "ny")
        self.tables.add(table.name)
        self.flush()
        return ids

    def update(
        self,
        table: Table,
        changes: Sequence[tuple[int, int, dict[str, tuple[Any, Any]]]],
        owners: Sequence[int | None],
        *,
        audited: str,
        also: Sequence[dict[str, Any]] = (),
    ) -> None:
        """Update rows by (id, version, {column: (old, new)}), each only if its version is still
        the one read (else ConflictError: someone changed it meanwhile); bumps the version.

        Every row must name the same columns. `also` sets further columns per row that are not
        trailed (a search text). A row whose trailed columns changed gets a trail row and an
        audit entry "ändrad"; one where only `also` changed gets neither, as with the ORM.
        """
        if not changes:
            return
        columns = sorted(changes[0][2])
        extra = sorted(also[0]) if also else []
        statement = (
            update(table)
            .where(table.c.id == bindparam(f"{_KEY}id"))
            .where(table.c.version == bindparam(f"{_KEY}version"))
            .values(
                {c: bindparam(f"{_KEY}{c}") for c in [*columns, *extra]}
                | {
                    "version": table.c.version + 1,
                    "updated_by": self.user,
                    "updated_at": self.now,
                }
            )
        )
        params = [
            {f"{_KEY}id": row_id, f"{_KEY}version": version}
            | {f"{_KEY}{c}": values[c][1] for c in columns}
            | {f"{_KEY}{c}": v for c, v in (also[n] if also else {}).items()}
            for n, (row_id, version, values) in enumerate(changes)
        ]
        result = self.connection.execute(statement, params)
        if result.rowcount != len(params):
            raise ConflictError(CHANGED_MEANWHILE_MESSAGE, changed_by=None, changed_at=None)
        trailed = self._spec(table).trailed
        for (row_id, _version, values), owner in zip(changes, owners, strict=True):
            shown = {
                c: [_plain(old), _plain(new)]
                for c, (old, new) in values.items()
                if c in trailed and old != new
            }
            if shown:
                self._note(
                    table.name,
                    row_id,
                    owner,
                    DataOperation.UPDATE,
                    json.dumps(shown),
                    audited,
                    "ändrad",
                )
        self.tables.add(table.name)
        self.flush()

    def flush(self, *, force: bool = False) -> None:
        """Write the trail and audit rows waiting (all of them when `force`)."""
        if self._trail and (force or len(self._trail) >= _PENDING_ROWS):
            self._spec(_TRAIL).run(self.connection, self._trail, returning=False)
            self._trail = []
        if self._audit and (force or len(self._audit) >= _PENDING_ROWS):
            self._spec(_AUDIT).run(self.connection, self._audit, returning=False)
            self._audit = []

    @property
    def changes(self) -> ChangeSet:
        """What was written, as the unit of work announces it at commit."""
        return ChangeSet(frozenset(self.tables - NOT_A_CHANGE), frozenset(self.person_ids))

    def _note(
        self,
        table: str,
        row_id: int,
        owner: int | None,
        operation: DataOperation,
        changes: str,
        audited: str | None,
        detail: str,
    ) -> None:
        if owner is not None:
            self.person_ids.add(owner)
        if self._trail_row is None:
            who = {"at": self.now, "username": self.user}
            self._trail_row = self._spec(_TRAIL).maker(
                who, ("table_name", "row_id", "person_id", "operation", "changes")
            )
            self._audit_row = self._spec(_AUDIT).maker(
                who | {"action": IMPORT_AUDIT_ACTION}, ("entity", "entity_id", "detail")
            )
        # Plain text: a Table's name is SQLAlchemy's str subclass, which each driver would
        # look over for a way to adapt it, row by row.
        self._trail.append(self._trail_row(str(table), row_id, owner, operation, changes))
        if audited is not None:
            assert self._audit_row is not None
            self._audit.append(self._audit_row(audited, row_id, detail))

    def _spec(self, table: Table) -> _TableInsert:
        spec = self._inserts.get(table.name)
        if spec is None:
            spec = self._inserts[table.name] = _TableInsert(
                table, self.connection, self.user, self.now
            )
        return spec


def _copy(connection: Connection, statement: str, rows: list[list[Any]]) -> None:
    """COPY the rows in on the connection's own transaction (psycopg's copy, which SQLAlchemy
    does not wrap). A failure goes through SQLAlchemy's handling as any statement's does: the
    engine's error hooks (a busy database, a refused grant) and its IntegrityError."""
    raw = connection.connection.driver_connection
    cursor = raw.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
    except connection.dialect.loaded_dbapi.Error as error:
        connection._handle_dbapi_exception(error, statement, None, cursor, None)
    finally:
        cursor.close()


def _statements(rows: int, most: int) -> Iterator[tuple[int, int]]:
    """(first row, rows) of each statement: `most` at a time, the rest in powers of two."""
    start = 0
    while start < rows:
        size = min(most, 1 << ((rows - start).bit_length() - 1))
        yield start, size
        start += size


def _plain(value: Any) -> Any:
    """A value as the change trail holds it (JSON): enums by value, dates as ISO text."""
    kind = type(value)
    if kind is str or kind is int or kind is bool:
        return value
    if kind is dt.date:
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _is_json(column: Column[Any]) -> bool:
    return isinstance(column.type, JSON)


def _processor(column: Column[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """The column type's bind processor; remembering its answers for the small vocabularies
    (statuses, kinds, yes/no, dates, the import's timestamp) that recur on every row. A JSON
    column takes its text."""
    if _is_json(column):
        return None
    process = column.type._cached_bind_processor(dialect)
    if process is None or not isinstance(column.type, VocabType | UTCDateTime | Boolean | Date):
        return process
    known: dict[Any, Any] = {}

    def remembered(value: Any) -> Any:
        found = known.get(value, known)
        if found is known:
            found = known[value] = process(value)
        return found

    return remembered
