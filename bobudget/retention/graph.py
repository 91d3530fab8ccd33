"""Every row that hangs off a person, found through the model's foreign keys, in groups.

A row belongs to whatever its foreign keys point at; a contract points at its person and at
its household, a rent debt at its person and its contract, so following every key joins all
the persons whose records share a row into one group (union-find). The rules judge a group
as one (retention/rules.py: "not while other information about the person is still kept"),
and the purge deletes exactly the group's rows. The walk reads the schema, not a list kept by
hand: a table added later that hangs off a person is found and purged with it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Date,
    DateTime,
    String,
    Table,
    cast,
    func,
    null,
    select,
    type_coerce,
)

from bobudget.model import Base
from bobudget.persons.rules import birth_date_of

__all__ = ["LOG_TABLES", "ROOTS", "Group", "find_groups", "owned_tables"]

# Where a person's records start: the person, and the household whose decisions they share.
ROOTS = ("persons", "households")
# Logs of what was done (ids only, append-only for every application role): they are the
# record that the purge happened, not the person's records, and are left as they are.
LOG_TABLES = frozenset({"audit_entries", "access_log", "change_trail"})
# Dates that are no entry in the record.
NOT_ENTRIES = frozenset({"birth_date"})
LEDGER_TABLE = "funds_transactions"

# A row as one int: its table's number in the high bits, its id in the low. At 100 000
# households the walk holds millions of rows; a (table, id) tuple each took twice the memory.
Node = int
Progress = Callable[[int, int], None]
_ID_BITS = 40
_ID_MASK = (1 << _ID_BITS) - 1


def owned_tables() -> list[Table]:
    """The tables whose rows hang off a person or a household, parents before children."""
    owned: set[str] = set(ROOTS)
    ordered: list[Table] = []
    for table in Base.metadata.sorted_tables:
        if table.name in LOG_TABLES:
            continue
        if table.name in owned or any(
            key.column.table.name in owned and key.column.table is not table
            for key in table.foreign_keys
        ):
            owned.add(table.name)
            ordered.append(table)
    return ordered


@dataclass
class Group:
    """Persons who share records, and every row of theirs per table."""

    rows: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    last_entry: dt.date | None = None
    last_ledger_entry: dt.date | None = None

    @property
    def person_ids(self) -> tuple[int, ...]:
        return tuple(sorted(self.rows.get("persons", ())))

    @property
    def row_count(self) -> int:
        return sum(len(ids) for ids in self.rows.values())


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Node, Node] = {}

    def find(self, node: Node) -> Node:
        parent = self.parent.setdefault(node, node)
        root = node
        while parent != root:
            root, parent = parent, self.parent[parent]
        while self.parent[node] != root:  # path compression
            self.parent[node], node = root, self.parent[node]
        return root

    def union(self, a: Node, b: Node) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[root_b] = root_a


def _latest_of(columns: list[Column[Any]], dialect: str) -> ColumnElement[Any]:
    """The row's latest date, worked out by the database: a million ledger rows then cross
    into Python as one plain value each, not three timestamps to convert.

    SQLite keeps dates and timestamps as ISO text, so the first ten characters compare as
    dates; its max() of several arguments is NULL if any is, hence the "". PostgreSQL's
    GREATEST leaves NULLs out by itself.
    """
    if dialect == "sqlite":
        parts: list[ColumnElement[Any]] = [
            func.coalesce(func.substr(type_coerce(c, String), 1, 10), "") for c in columns
        ]
        return parts[0] if len(parts) == 1 else func.max(*parts)
    dates: list[ColumnElement[Any]] = [cast(c, Date) for c in columns]
    return dates[0] if len(dates) == 1 else func.greatest(*dates)


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, str):
        return dt.date.fromisoformat(value) if value else None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def find_groups(
    connection: Connection, progress: Progress | None = None
) -> tuple[list[Group], dict[int, dt.date | None]]:
    """Every group with at least one person, and each person's birth date (None: unknown).

    `progress(done, total)` is told after each table: at 100 000 households the walk takes a
    minute, and the window's progress bar moves with it.
    """
    tables = owned_tables()
    number = {t.name: n for n, t in enumerate(tables)}
    links = _UnionFind()
    dialect = connection.dialect.name
    latest: dict[Node, dt.date | None] = {}
    # A ledger row's own bookkeeping date: the seven years count from it (not from when the
    # row was written, nor from the month a payment covers).
    ledger: dict[Node, dt.date] = {}
    days: dict[dt.date, dt.date] = {}
    for done, table in enumerate(tables):
        if progress is not None:
            progress(done, len(tables) + 1)
        keys = [
            (column, key.column.table.name)
            for column in table.columns
            for key in column.foreign_keys
            if key.column.table.name in number
        ]
        dates = [c for c in table.columns if c.name not in NOT_ENTRIES and _is_date(c.type)]
        latest_date = _latest_of(dates, dialect) if dates else null()
        booked_on = table.c.entry_date if table.name == LEDGER_TABLE else null()
        stmt = select(table.c.id, *(c for c, _ in keys), latest_date, booked_on)
        high = number[table.name] << _ID_BITS
        targets = [number[target] << _ID_BITS for _, target in keys]
        is_root, is_ledger = table.name in ROOTS, table.name == LEDGER_TABLE
        for row in connection.execute(stmt):
            node = high | row[0]
            linked = [
                target | value
                for target, value in zip(targets, row[1:], strict=False)
                if value is not None
            ]
            if not is_root and not linked:
                continue  # belongs to nobody (a letter with neither person nor contract)
            links.find(node)
            for parent in linked:
                links.union(parent, node)
            last = _as_date(row[-2])
            # One date object per day, shared: ten years are a few thousand days.
            latest[node] = days.setdefault(last, last) if last is not None else None
            if is_ledger:
                ledger[node] = row[-1]
    groups: dict[Node, Group] = defaultdict(Group)
    for node, last in latest.items():
        group = groups[links.find(node)]
        group.rows[tables[node >> _ID_BITS].name].add(node & _ID_MASK)
        if last is not None and (group.last_entry is None or last > group.last_entry):
            group.last_entry = last
        booked = ledger.get(node)
        if booked is not None and (
            group.last_ledger_entry is None or booked > group.last_ledger_entry
        ):
            group.last_ledger_entry = booked
    persons = Base.metadata.tables["persons"]
    births = {
        row.id: birth_date_of(row.identity, row.birth_date)
        for row in connection.execute(
            select(persons.c.id, persons.c.identity, persons.c.birth_date)
        )
    }
    found = [g for g in groups.values() if g.rows.get("persons")]
    found.sort(key=lambda g: g.person_ids)
    return found, births


def _is_date(type_: object) -> bool:
    return isinstance(type_, Date | DateTime) or isinstance(
        getattr(type_, "impl", None), Date | DateTime
    )
