"""What every report hands the window, the command line and the exports.

A report is read once into a `ReportResult`: one or more `ReportTable`s (a block per year, a
section for temporary housing, …), each cell a number or text, and for every number the ids of
the records behind it, so a double click or `--lista` shows exactly the rows that were counted.
The list behind a cell is built on demand by the report's `behind()`, from those ids only.

Nothing here formats for a screen or a file: values stay typed (int counts, int öre, dates), and
the exporters and the window format them with the kernel's formatting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol, runtime_checkable

from sqlalchemy.orm import Session

__all__ = [
    "CellValue",
    "ChartKind",
    "ChartSpec",
    "ColumnKind",
    "Listing",
    "PeriodKind",
    "Report",
    "ReportColumn",
    "ReportPeriod",
    "ReportResult",
    "ReportRow",
    "ReportTable",
    "ShownFirst",
    "ShowsFirstTables",
]

CellValue = int | str | dt.date | None


class ColumnKind(StrEnum):
    """How a column's values are read: the exporters and the window format by this."""

    TEXT = "text"
    COUNT = "count"  # an int number of households, dwellings, decisions …
    MONEY = "money"  # int öre
    DAYS = "days"  # an int number of days
    DATE = "date"  # a dt.date or None
    PERCENT = "percent"  # an int in tenths of a per cent (734 = 73,4 %), so no float is stored


class PeriodKind(StrEnum):
    """Which period picker a report asks for."""

    YEAR = "year"  # one calendar year (or several side by side: ReportPeriod.years)
    QUARTER = "quarter"  # e.g. 2026Q3
    WEEK = "week"  # an ISO week, e.g. 2026-W45
    MONTH_RANGE = "month_range"  # from one month to another, inclusive


@dataclass(frozen=True)
class ReportPeriod:
    """The period a report is read for: first and last day, both inclusive, and its label."""

    kind: PeriodKind
    first_day: dt.date
    last_day: dt.date
    label: str  # "2026", "2026Q3", "2026-W45", "2026-01–2026-06"
    years: tuple[int, ...] = ()  # for YEAR reports shown side by side; empty = first_day's year


@dataclass(frozen=True)
class ReportColumn:
    key: str  # stable, ASCII, used as the csv header (e.g. "jan", "totalt", "vantedagar")
    label: str  # Swedish, shown in the window and the PDF
    kind: ColumnKind = ColumnKind.COUNT


@dataclass(frozen=True)
class ReportRow:
    # The row heading ("Bostad först"); in a one-row-per-record table, the case reference.
    label: str
    # One value per column, in column order, the first (heading) column included: for the
    # placements table cells[0] is the label under the column "typ".
    cells: tuple[CellValue, ...]
    # For each cell, the ids behind it (what `Report.behind` lists); () where there is no list.
    behind: tuple[tuple[int, ...], ...] = ()
    # The record the row stands for, where a row is one record (the IVO list: a decision id).
    record_id: int | None = None


@dataclass(frozen=True)
class ReportTable:
    key: str  # stable, e.g. "placements-2026", "temporary-2026"
    title: str  # Swedish, e.g. "Förmedlade bostäder 2026"
    columns: tuple[ReportColumn, ...]
    rows: tuple[ReportRow, ...]
    note: str = ""  # a Swedish line under the table (how it is counted)


class ChartKind(StrEnum):
    BAR = "bar"  # grouped bars: one series per row, one category per chosen column
    LINE = "line"  # one line per row over the chosen columns


@dataclass(frozen=True)
class ChartSpec:
    """Which table and which of its columns and rows a chart draws (never a total column)."""

    table_key: str
    kind: ChartKind
    column_keys: tuple[str, ...]
    row_labels: tuple[str, ...] = ()  # empty: every row
    title: str = ""


@dataclass(frozen=True)
class ReportResult:
    report_key: str
    title: str
    period: ReportPeriod
    tables: tuple[ReportTable, ...]
    charts: tuple[ChartSpec, ...] = ()
    # True only for a list that names persons (the unit's own IVO list with personnummer): the
    # exporters mark the file name and first line, and the audit entry says so.
    with_identities: bool = False
    made_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    # Households with protected persons that the server hid from the user who read the report:
    # its figures miss them (a number only, never who).
    hidden_households: int = 0

    @property
    def hidden_warning(self) -> str | None:
        """What the maker of a report that misses hidden households is told, or None."""
        if self.hidden_households == 0:
            return None
        n = self.hidden_households
        return (
            f"{n} hushåll med skyddade personuppgifter syns inte för dig och saknas i rapporten. "
            "En rapport till IVO eller nämnden ska tas fram av någon som är namngiven för "
            "skyddade personer (Administration → Personal)."
        )


@dataclass(frozen=True)
class Listing:
    """The rows behind one cell: what the window shows on a double click."""

    title: str
    columns: tuple[ReportColumn, ...]
    rows: tuple[tuple[CellValue, ...], ...]
    # The person each row is about (for opening the card), in row order; None where none.
    person_ids: tuple[int | None, ...] = ()


class Report(Protocol):
    """One report: its key (the CLI name), title, period kind, reading and drill-down.

    `editable_column` names a text column the user may write per row (the IVO report's reason
    for delay): the window offers "Ändra…" on such a cell and calls `edit` with the row's
    `record_id`. `exported` is called after every export of a result (the IVO report keeps what
    was reported, when and by whom); the generic audit entry for the export is written by the
    exporter, not here.
    """

    key: str  # "placements", "ivo", "survey", "queue", "bostad-forst"
    title: str
    period_kind: PeriodKind
    editable_column: str | None
    # Whether the report can list personnummer (the unit's own IVO list): the window enables
    # "Med personnummer" and the command line accepts --med-identitet only for such a report.
    offers_identities: bool

    def run(
        self, session: Session, period: ReportPeriod, *, with_identities: bool = False
    ) -> ReportResult: ...

    def behind(self, session: Session, table_key: str, ids: Sequence[int]) -> Listing: ...

    def edit(
        self, session: Session, record_id: int, period: ReportPeriod, text: str, username: str
    ) -> None: ...

    def exported(self, session: Session, result: ReportResult, username: str) -> None: ...


# Receives a result that holds only the tables read first (no chart of a table not in it).
ShownFirst = Callable[[ReportResult], None]


@runtime_checkable
class ShowsFirstTables(Protocol):
    """A report whose first tables are quick and whose others take longer (Förmedlade
    bostäder: its placements in a few tens of milliseconds, temporary housing in most of a
    second at a large municipality). `run_showing_first` hands `shown` a result of the quick
    tables as soon as they are read, then returns the whole result, which holds those same
    table objects: the window shows the first rows while the rest is counted."""

    def run_showing_first(
        self,
        session: Session,
        period: ReportPeriod,
        shown: ShownFirst,
        *,
        with_identities: bool = False,
    ) -> ReportResult: ...
