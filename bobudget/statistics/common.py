"""What the read-only reports share: month columns, the refusal to edit, listings of contracts.

Reports read columns (tuples), never ORM objects, and aggregate by month in the query or over
those tuples, so a year of a large municipality reads in a fraction of a second.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    SQLColumnExpression,
    String,
    cast,
    extract,
    func,
    select,
)
from sqlalchemy.orm import Session

from bobudget.kernel.errors import DomainError
from bobudget.kernel.identity import display_canonical
from bobudget.model import Contract, Dwelling, Person, TemporaryPlace
from bobudget.model.vocab import ContractKind
from bobudget.persons.registry import PROTECTED_ADDRESS_TEXT
from bobudget.statistics.report import (
    ColumnKind,
    Listing,
    ReportColumn,
    ReportPeriod,
    ReportResult,
    ReportRow,
)

MONTH_KEYS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
TOTAL_KEY = "totalt"
LABEL_KEY = "typ"


def month_columns(kind: ColumnKind = ColumnKind.COUNT) -> tuple[ReportColumn, ...]:
    """typ; jan … dec; totalt: the committee's table of a year, a column per month."""
    months = tuple(ReportColumn(key, key.capitalize(), kind) for key in MONTH_KEYS)
    return (
        ReportColumn(LABEL_KEY, "Typ", ColumnKind.TEXT),
        *months,
        ReportColumn(TOTAL_KEY, "Totalt", kind),
    )


def years_of(period: ReportPeriod) -> tuple[int, ...]:
    return period.years or (period.first_day.year,)


def sorted_ids(ids: Iterable[int]) -> tuple[int, ...]:
    return tuple(sorted(set(ids)))


class ReadOnly:
    """The part of the Report protocol a report without editable cells shares."""

    editable_column: str | None = None
    offers_identities: bool = False

    def edit(
        self, session: Session, record_id: int, period: ReportPeriod, text: str, username: str
    ) -> None:
        raise DomainError(
            "Den här rapporten går inte att ändra: den räknas fram ur registrerade uppgifter. "
            "Rätta uppgiften där den registrerades och ta fram rapporten igen."
        )

    def exported(self, session: Session, result: ReportResult, username: str) -> None:
        return None


def identity_text(identity: str) -> str:
    return display_canonical(identity)


CONTRACT_COLUMNS = (
    ReportColumn("namn", "Namn", ColumnKind.TEXT),
    ReportColumn("personnummer", "Personnummer", ColumnKind.TEXT),
    ReportColumn("typ", "Kontraktstyp", ColumnKind.TEXT),
    ReportColumn("bostad", "Bostad", ColumnKind.TEXT),
    ReportColumn("start", "Startdatum", ColumnKind.DATE),
    ReportColumn("slut", "Slutdatum", ColumnKind.DATE),
)


def contract_listing(session: Session, title: str, ids: Sequence[int]) -> Listing:
    """The contracts behind a cell: who, which kind, where (never a protected address), when."""
    rows = session.execute(
        select(
            Contract.id,
            Contract.kind,
            Contract.start_date,
            Contract.end_date,
            Person.id,
            Person.first_name,
            Person.last_name,
            Person.identity,
            Person.protected_identity,
            Dwelling.address,
            TemporaryPlace.name,
        )
        .join(Person, Person.id == Contract.person_id)
        .outerjoin(Dwelling, Dwelling.id == Contract.dwelling_id)
        .outerjoin(TemporaryPlace, TemporaryPlace.id == Contract.temporary_place_id)
        .where(Contract.id.in_(list(ids)))
        .order_by(Contract.start_date, Contract.id)
    ).all()
    cells = []
    for r in rows:
        where = r[10] if r.kind == ContractKind.TEMPORARY else r.address
        if r.protected_identity and r.kind != ContractKind.TEMPORARY and where:
            where = PROTECTED_ADDRESS_TEXT
        cells.append(
            (
                f"{r.first_name} {r.last_name}".strip(),
                identity_text(r.identity),
                ContractKind(r.kind).label,
                where or "",
                r.start_date,
                r.end_date,
            )
        )
    return Listing(title, CONTRACT_COLUMNS, tuple(cells), tuple(r[4] for r in rows))


def month_index(day: dt.date) -> int:
    return day.month - 1


def id_list(session: Session, column: SQLColumnExpression[int]) -> ColumnElement[str]:
    """The ids of a group as one comma-separated text (GROUP BY keeps the reading in SQL)."""
    if session.get_bind().dialect.name == "postgresql":
        return func.string_agg(cast(column, String), ",")
    return func.group_concat(column, ",")


def parse_ids(text: str | None) -> tuple[int, ...]:
    return tuple(sorted(set(map(int, text.split(","))))) if text else ()


def month_of(column: SQLColumnExpression[dt.date | None]) -> ColumnElement[int]:
    return cast(extract("month", column), Integer)


def year_of(column: SQLColumnExpression[dt.date | None]) -> ColumnElement[int]:
    return cast(extract("year", column), Integer)


def month_row(
    label: str, values: Sequence[int], ids: Sequence[Sequence[int]] | None = None
) -> ReportRow:
    """A row of twelve monthly values and their total; each cell with the ids behind it."""
    per_month = [tuple(i) for i in ids] if ids is not None else [() for _ in values]
    total_ids = sorted_ids(chain.from_iterable(per_month))
    return ReportRow(
        label,
        (label, *values, sum(values)),
        ((), *per_month, total_ids),
    )


def day_text(column: SQLColumnExpression[dt.date] | SQLColumnExpression[dt.date | None]) -> Any:
    """A date column read as its ISO text: SQLAlchemy's own date parsing on SQLite costs more
    than the query itself for ten thousand rows; `as_day` parses it in C."""
    return cast(column, String(10)).label(None)


def as_day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def as_days(*texts: str | None) -> tuple[dt.date | None, ...]:
    return tuple(dt.date.fromisoformat(t) if t else None for t in texts)
