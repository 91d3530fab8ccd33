"""What Att göra's kinds of due item share: the person's columns, who is named responsible,
an item from a row, add_months in SQL (app/todo_kinds.py gathers the kinds)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.engine import Row

from bobudget.db.sql_dates import add_months_sql
from bobudget.follow_up import due as fud
from bobudget.funds.due import DUE_TYPES as FUNDS_TYPES
from bobudget.kernel.due import DueItem
from bobudget.kernel.identity import display_canonical
from bobudget.kernel.months import add_months
from bobudget.model import (
    Contract,
    Person,
)
from bobudget.model.vocab import (
    ContractKind,
)
from bobudget.placement.due import DUE_TYPES as PLACEMENT_TYPES

__all__ = [
    "DAY",
    "LABELS",
    "DueKind",
    "Query",
    "add_months_sql",
    "contract_label",
    "first_key_on_or_after",
    "item",
    "months_back",
    "running",
    "same",
    "who",
    "with_person",
]


# A kind's SELECT, whatever its columns (SQLAlchemy types each by its column list).
Query = Select[*tuple[Any, ...]]
LABELS = {**PLACEMENT_TYPES, **fud.DUE_TYPES, **FUNDS_TYPES}
DAY = dt.timedelta(days=1)


def _blank(column: Any) -> ColumnElement[Any]:
    return func.nullif(column, "")


def who(*columns: Any) -> ColumnElement[str]:
    """The first one named, as the providers' `a or b or ""`."""
    return func.coalesce(*[_blank(c) for c in columns], literal(""))


_PERSON = (
    Person.id.label("person_id"),
    Person.identity.label("identity"),
    Person.last_name.label("last_name"),
    Person.first_name.label("first_name"),
)


def with_person(
    stmt: Query,
    on: ColumnElement[bool],
    person: bool,
    dialect: str,
    counted: ColumnElement[bool] | None = None,
) -> Query:
    """The kind's rows with the person's columns; for a count, without them: a row's person is
    there by its foreign key (NOT NULL), or, where it is found otherwise, `counted` says so."""
    if not person:
        return stmt if counted is None else stmt.where(counted)
    if dialect != "postgresql" or counted is not None:
        return stmt.add_columns(*_PERSON).join(Person, on)
    # Found by its foreign key. PostgreSQL guesses thousands of rows where a kind's conditions,
    # together, leave a few dozen (bostadssociala kontrakt started over a year ago and never
    # reviewed), and then hashes all 180 000 persons to join them: 20-40 ms a kind at city
    # scale. Looked up one row at a time by its key instead (LIMIT 1 keeps the planner from
    # flattening the LATERAL back into that join), a page's rows cost a probe each: 37 -> 6 ms.
    one = select(*_PERSON).where(on).limit(1).lateral("person")
    return stmt.add_columns(*one.c).join(one, true())


def item(row: Row[Any], typ: str, datum: dt.date, what: str, **extra: Any) -> DueItem:
    return DueItem(
        typ=typ,
        label=LABELS[typ],
        datum=datum,
        person_id=row.person_id,
        personnummer=display_canonical(row.identity),
        name=f"{row.last_name}, {row.first_name}",
        what=what,
        responsible=row.responsible or "",
        **extra,
    )


def contract_label(row: Row[Any]) -> str:
    # follow_up.common.contract_label, from the two columns it reads.
    return f"{ContractKind(row.contract_kind).label} från {row.contract_start.isoformat()}"


def running(today: dt.date) -> ColumnElement[bool]:
    return or_(Contract.end_date.is_(None), Contract.end_date >= today)


@dataclass(frozen=True)
class DueKind:
    """One kind of due item: its query, the date column its day comes from, and its item.

    `select(today, dialect)` gives the kind's rows (every column `item` reads, the person's
    included) with the kind's own conditions; `key` is the date column, `day` turns its value
    into the day to act on and never decreases as the value grows; `guess` is a value near the
    first one whose day is a given day (`first_key_on_or_after` steps from it).
    """

    typ: str
    select: Callable[[dt.date, str, bool], Query]
    key: Any  # a date column, or an expression of date columns
    responsible: ColumnElement[str]
    day: Callable[[dt.date], dt.date]
    guess: Callable[[dt.date], dt.date]
    item: Callable[[Row[Any], dt.date], DueItem]
    # Columns the kind's conditions hold at one value, named before the key in ORDER BY so that
    # an index on (them, key) reads in order (PostgreSQL does not see it through IS NULL).
    order: tuple[Any, ...] = ()


def first_key_on_or_after(kind: DueKind, day: dt.date) -> dt.date:
    """The smallest key value whose day is `day` or later: `kind.day(v) >= day` ⇔ `v >= this`."""
    value = kind.guess(day)
    while kind.day(value) >= day:
        value -= DAY
    while kind.day(value) < day:
        value += DAY
    return value


def same(day: dt.date) -> dt.date:
    return day


def months_back(months: int) -> Callable[[dt.date], dt.date]:
    return lambda day: add_months(day, -months)
