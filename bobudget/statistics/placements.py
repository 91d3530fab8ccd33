"""Förmedlade bostäder: dwellings placed per month by contract kind, a block per year.

The committee's monthly table: one row per kind (Bostad först, sociala, bostadssociala
kontrakt), a column per month. A contract counts in the month its start date falls, whether
it was made in the program or imported. Temporary housing follows as tables of its own.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from bobudget.model import Contract
from bobudget.model.vocab import ContractKind
from bobudget.statistics.common import (
    MONTH_KEYS,
    ReadOnly,
    contract_listing,
    id_list,
    month_columns,
    month_of,
    month_row,
    parse_ids,
    year_of,
    years_of,
)
from bobudget.statistics.report import (
    ChartKind,
    ChartSpec,
    Listing,
    PeriodKind,
    ReportPeriod,
    ReportResult,
    ReportTable,
    ShownFirst,
)
from bobudget.statistics.temporary_stats import (
    TEMPORARY_PREFIX,
    period_listing,
    temporary_tables,
)

# The committee's row headings, in the committee's order.
KIND_ROWS = (
    (ContractKind.HOUSING_FIRST, "Bostad först"),
    (ContractKind.SOCIAL, "Sociala kontrakt"),
    (ContractKind.TRANSITIONAL, "Bostadssociala kontrakt"),
)
TOTAL_ROW = "Totalt"
TABLE_PREFIX = "placements-"


class PlacementsReport(ReadOnly):
    key = "placements"
    title = "Förmedlade bostäder"
    period_kind = PeriodKind.YEAR

    def __init__(self, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.today = today

    def run(
        self, session: Session, period: ReportPeriod, *, with_identities: bool = False
    ) -> ReportResult:
        return self.run_showing_first(session, period, _nobody)

    def run_showing_first(
        self,
        session: Session,
        period: ReportPeriod,
        shown: ShownFirst,
        *,
        with_identities: bool = False,
    ) -> ReportResult:
        """The placements tables are one grouped query; temporary housing is several, over
        every period of a year's placements: the placements are shown while it is counted."""
        years = years_of(period)
        placed = _placed_by_month(session, years)
        placements = {year: _year_table(year, placed.get(year, {})) for year in years}
        charts = _charts(years)
        shown(ReportResult(self.key, self.title, period, tuple(placements.values()), charts))
        temporary = temporary_tables(session, years, self.today())
        tables: list[ReportTable] = []
        for year in years:
            tables.append(placements[year])
            tables.extend(temporary[year])
        return ReportResult(self.key, self.title, period, tuple(tables), charts)

    def behind(self, session: Session, table_key: str, ids: Sequence[int]) -> Listing:
        if table_key.startswith(TEMPORARY_PREFIX):
            return period_listing(session, ids)
        return contract_listing(session, "Kontrakt som räknats", ids)


def _nobody(_first: ReportResult) -> None:
    return None


def _charts(years: Sequence[int]) -> tuple[ChartSpec, ...]:
    return tuple(
        ChartSpec(
            f"{TABLE_PREFIX}{year}",
            ChartKind.BAR,
            MONTH_KEYS,
            tuple(label for _kind, label in KIND_ROWS),
            f"Förmedlade bostäder {year} per månad",
        )
        for year in years
    )


# {year: {kind: [ids per month]}}
_Placed = dict[int, dict[ContractKind, list[tuple[int, ...]]]]


def _placed_by_month(session: Session, years: Sequence[int]) -> _Placed:
    year, month = year_of(Contract.start_date), month_of(Contract.start_date)
    rows = session.execute(
        select(year, month, Contract.kind, id_list(session, Contract.id))
        .where(
            Contract.kind.in_([kind for kind, _label in KIND_ROWS]),
            Contract.start_date >= dt.date(min(years), 1, 1),
            Contract.start_date <= dt.date(max(years), 12, 31),
        )
        .group_by(year, month, Contract.kind)
    ).all()
    placed: _Placed = defaultdict(dict)
    for y, m, kind, ids in rows:
        months = placed[y].setdefault(ContractKind(kind), [() for _ in MONTH_KEYS])
        months[m - 1] = parse_ids(ids)
    return placed


def _year_table(year: int, placed: dict[ContractKind, list[tuple[int, ...]]]) -> ReportTable:
    rows = []
    totals: list[list[int]] = [[] for _ in MONTH_KEYS]
    for kind, label in KIND_ROWS:
        months = placed.get(kind, [() for _ in MONTH_KEYS])
        rows.append(month_row(label, [len(ids) for ids in months], months))
        for index, ids in enumerate(months):
            totals[index].extend(ids)
    rows.append(month_row(TOTAL_ROW, [len(ids) for ids in totals], totals))
    return ReportTable(
        f"{TABLE_PREFIX}{year}",
        f"Förmedlade bostäder {year}",
        month_columns(),
        tuple(rows),
        "Ett kontrakt räknas i den månad det börjar, även importerade kontrakt.",
    )


__all__ = ["KIND_ROWS", "PlacementsReport"]
