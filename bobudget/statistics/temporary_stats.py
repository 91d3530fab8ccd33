"""Temporary housing per month: new placements, renewals, ended placements, nights and cost.

Every cell carries period ids (contract_periods), so the list behind any cell of these tables
reads the same way: a new placement by its first period, a renewal by its own period, an
ended placement by its last period, nights and cost by the periods that had nights that month.
A move to another place is not a new or an ended placement: the person stays placed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    SQLColumnExpression,
    String,
    and_,
    exists,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session, aliased

from bobudget.kernel.periods import last_day
from bobudget.model import Contract, ContractPeriod, Person, TemporaryPlace
from bobudget.model.vocab import ContractKind, CostUnit, PeriodOutcome
from bobudget.placement.cost_rules import nights as stay_nights
from bobudget.placement.cost_rules import prorated
from bobudget.placement.temporary_list import placement_price
from bobudget.statistics.common import (
    MONTH_KEYS,
    day_text,
    id_list,
    identity_text,
    month_columns,
    month_of,
    month_row,
    parse_ids,
    year_of,
)
from bobudget.statistics.report import ColumnKind, Listing, ReportColumn, ReportTable

TEMPORARY_PREFIX = "temporary-"
NEW_ROW = "Nya placeringar"
RENEWED_ROW = "Förlängningar"
ENDED_ROW = "Avslutade placeringar"
NIGHTS_ROW = "Nätter"
COST_ROW = "Kostnad"
_DAY = dt.timedelta(days=1)


def _next_month(first: dt.date) -> dt.date:
    """The first of the following month, from the first of a month (kernel's next_month goes
    through dateutil: too slow for ten thousand placement-months)."""
    return dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)


_Months = list[tuple[int, ...]]
# (the day a row counts by, the period id it carries), and which rows count.
_Spec = tuple[
    tuple[SQLColumnExpression[dt.date | None], SQLColumnExpression[int]], ColumnElement[bool]
]


def _empty() -> _Months:
    return [() for _ in MONTH_KEYS]


def temporary_tables(
    session: Session, years: Sequence[int], today: dt.date
) -> dict[int, list[ReportTable]]:
    """Per year: the counts table (temporary-YYYY) and the cost table (temporary-cost-YYYY).

    Nights and cost count up to `today`: a running period's nights to come are not spent yet.
    """
    first, last = dt.date(min(years), 1, 1), dt.date(max(years), 12, 31)
    new = _grouped(session, _new_placements(first, last))
    renewed = _grouped(session, _renewals(first, last))
    ended = _grouped(session, _ended(first, last))
    nights, cost, stayed = _nights_and_cost(session, first, min(last, today - _DAY))
    tables: dict[int, list[ReportTable]] = {}
    for year in years:
        counts = (
            (NEW_ROW, new.get(year, _empty())),
            (RENEWED_ROW, renewed.get(year, _empty())),
            (ENDED_ROW, ended.get(year, _empty())),
        )
        rows = [month_row(label, [len(ids) for ids in months], months) for label, months in counts]
        year_stayed = stayed.get(year, _empty())
        rows.append(month_row(NIGHTS_ROW, nights.get(year, [0] * 12), year_stayed))
        tables[year] = [
            ReportTable(
                f"{TEMPORARY_PREFIX}{year}",
                f"Tillfälligt boende {year}",
                month_columns(),
                tuple(rows),
                "En flytt till en annan plats räknas inte som ny eller avslutad placering. "
                "Nätter räknas från inflyttningsdagen till utflyttningsdagen, "
                "till och med natten före i dag.",
            ),
            ReportTable(
                f"{TEMPORARY_PREFIX}cost-{year}",
                f"Kostnad för tillfälligt boende {year}",
                month_columns(ColumnKind.MONEY),
                (month_row(COST_ROW, cost.get(year, [0] * 12), year_stayed),),
                "Platsens pris när personen placerades: per natt gånger nätterna, "
                "per månad i proportion till dagarna i månaden.",
            ),
        ]
    return tables


def _new_placements(first: dt.date, last: dt.date) -> _Spec:
    return (ContractPeriod.start_date, ContractPeriod.id), and_(
        ContractPeriod.sequence == 1,
        Contract.moved_from_id.is_(None),
        ContractPeriod.start_date.between(first, last),
    )


def _renewals(first: dt.date, last: dt.date) -> _Spec:
    return (ContractPeriod.start_date, ContractPeriod.id), and_(
        ContractPeriod.sequence > 1, ContractPeriod.start_date.between(first, last)
    )


def _ended(first: dt.date, last: dt.date) -> _Spec:
    later = aliased(ContractPeriod)
    successor = aliased(Contract)
    return (Contract.end_date, ContractPeriod.id), and_(
        Contract.end_date.between(first, last),
        ~exists().where(
            later.contract_id == ContractPeriod.contract_id,
            later.sequence > ContractPeriod.sequence,
        ),
        ~exists().where(successor.moved_from_id == Contract.id),
    )


def _grouped(session: Session, spec: _Spec) -> dict[int, _Months]:
    (day, period_id), condition = spec
    year, month = year_of(day), month_of(day)
    rows = (
        session.connection()
        .execute(
            select(year, month, id_list(session, period_id))
            .select_from(ContractPeriod)
            .join(Contract, Contract.id == ContractPeriod.contract_id)
            .where(Contract.kind == ContractKind.TEMPORARY, condition)
            .group_by(year, month)
        )
        .all()
    )
    result: dict[int, _Months] = defaultdict(_empty)
    for y, m, ids in rows:
        result[y][m - 1] = parse_ids(ids)
    return result


def _nights_and_cost(
    session: Session, first: dt.date, last: dt.date
) -> tuple[dict[int, list[int]], dict[int, list[int]], dict[int, _Months]]:
    """Nights and cost per month as the cost list counts them (placement/temporary_costs.py):
    each placement's nights from its start to its move-out day (an open one to the end of its
    current period) at the price it was made at; the ids are the periods with nights there.

    One pass over the placements clipped to [first, last]: a placement's first and last month
    are counted from its days, the months between are whole (ten years side by side is ten
    thousand placement-months, too many for calendar arithmetic on each)."""
    months = _Calendar(first, dt.date(last.year, 12, 31))
    after = last + _DAY
    several = _periods_of_several(session, first, last)
    # Through the connection, not the ORM session: these are columns, and the ORM's row
    # handling cost more than the query for tens of thousands of rows.
    day = dt.date.fromisoformat  # the dates arrive as ISO text (day_text); parsed in C
    index = months.index
    for row in session.connection().execute(_placements(first, last)):
        contract_id, period_id, start, moved_out, latest = row[0], row[1], *row[2:5]
        end = min(day(moved_out) if moved_out else day(latest), after)  # latest: NOT NULL
        begin = max(day(start), first)  # NOT NULL
        if begin >= end:
            continue
        price, unit = placement_price(*row[5:])
        months.add_stay(begin, end, price, unit == CostUnit.MONTH)
        periods = several.get(contract_id)
        low, high = index(begin), index(end - _DAY)
        if periods is None:
            months.add_ids(low, high, period_id)
            continue
        for p_id, p_start, p_end in periods:
            # A period has nights in a month of the stay when it begins before the stay's
            # end and before the month's end, and ends after the month's first day.
            if p_start < end and p_start < p_end:
                months.add_ids(max(low, index(p_start)), min(high, index(p_end - _DAY)), p_id)
    return months.by_year()


class _Calendar:
    """The months from `first` to `last` (a first and a last of December), as flat totals."""

    def __init__(self, first: dt.date, last: dt.date) -> None:
        self.first = first
        self.starts: list[dt.date] = []
        month = first
        while month <= last:
            self.starts.append(month)
            month = _next_month(month)
        self.starts.append(month)  # the first after: each month's end is the next's start
        count = len(self.starts) - 1
        self.lengths = [(self.starts[i + 1] - self.starts[i]).days for i in range(count)]
        self.nights = [0] * count
        self.cost = [0] * count
        # Changes at each month to the whole months under way: stays, and their prices.
        self.whole = [0] * count
        self.whole_month_price = [0] * count
        self.whole_night_price = [0] * count
        self.ids: list[list[int]] = [[] for _ in range(count)]

    def index(self, day: dt.date) -> int:
        return (day.year - self.first.year) * 12 + day.month - 1

    def add_stay(self, begin: dt.date, end: dt.date, price: int | None, per_month: bool) -> None:
        """Nights from `begin` up to (not including) `end`, both within the calendar. The
        first and last month are counted here; the whole months between go into running
        sums (a whole month is all its nights, at a monthly price exactly the price)."""
        low, high = self.index(begin), self.index(end - _DAY)
        for i in (low, high) if low < high else (low,):
            self._add_part(
                i, max(begin, self.starts[i]), min(end, self.starts[i + 1]), price, per_month
            )
        if high - low > 1:
            self.whole[low + 1] += 1
            self.whole[high] -= 1
            if price is not None:
                prices = self.whole_month_price if per_month else self.whole_night_price
                prices[low + 1] += price
                prices[high] -= price

    def _add_part(
        self, i: int, begin: dt.date, end: dt.date, price: int | None, per_month: bool
    ) -> None:
        count = stay_nights(begin, end)
        self.nights[i] += count
        if price is not None:
            # As stay_cost_in_month prices it, without its calendar arithmetic.
            self.cost[i] += prorated(price, count, self.lengths[i]) if per_month else count * price

    def add_ids(self, low: int, high: int, period_id: int) -> None:
        for i in range(max(low, 0), min(high, len(self.ids) - 1) + 1):
            self.ids[i].append(period_id)

    def by_year(self) -> tuple[dict[int, list[int]], dict[int, list[int]], dict[int, _Months]]:
        nights: dict[int, list[int]] = {}
        cost: dict[int, list[int]] = {}
        stayed: dict[int, _Months] = {}
        stays = month_prices = night_prices = 0
        for i, length in enumerate(self.lengths):
            stays += self.whole[i]
            month_prices += self.whole_month_price[i]
            night_prices += self.whole_night_price[i]
            self.nights[i] += stays * length
            self.cost[i] += month_prices + night_prices * length
        for at in range(0, len(self.nights), 12):
            year = self.first.year + at // 12
            nights[year] = self.nights[at : at + 12]
            cost[year] = self.cost[at : at + 12]
            stayed[year] = [tuple(sorted(i)) for i in self.ids[at : at + 12]]
        return nights, cost, stayed


def _counted(first: dt.date, last: dt.date) -> tuple[ColumnElement[bool], ...]:
    """Temporary placements with a night that may fall in [first, last]."""
    return (
        Contract.kind == ContractKind.TEMPORARY,
        Contract.start_date <= last,
        or_(Contract.end_date.is_(None), Contract.end_date > first),
    )


def _placements(first: dt.date, last: dt.date) -> Select[Any]:
    """One row per placement: its first period id, its start, move-out day, the end of its
    last period, and its prices (the stored words as text: no vocabulary conversion)."""
    return (
        select(
            Contract.id,
            func.min(ContractPeriod.id),
            day_text(Contract.start_date),
            day_text(Contract.end_date),
            day_text(func.max(ContractPeriod.end_date)),
            Contract.placement_cost_ore,
            type_coerce(Contract.placement_cost_unit, String).label(None),
            TemporaryPlace.cost_ore,
            type_coerce(TemporaryPlace.cost_unit, String).label(None),
        )
        .join(ContractPeriod, ContractPeriod.contract_id == Contract.id)
        .outerjoin(TemporaryPlace, TemporaryPlace.id == Contract.temporary_place_id)
        .where(*_counted(first, last))
        .group_by(
            Contract.id,
            Contract.start_date,
            Contract.end_date,
            Contract.placement_cost_ore,
            Contract.placement_cost_unit,
            TemporaryPlace.cost_ore,
            TemporaryPlace.cost_unit,
        )
    )


def _periods_of_several(
    session: Session, first: dt.date, last: dt.date
) -> dict[int, list[tuple[int, dt.date, dt.date]]]:
    """The periods of the placements that have more than one, by placement."""
    several = (
        select(ContractPeriod.contract_id)
        .group_by(ContractPeriod.contract_id)
        .having(func.count() > 1)
    )
    rows = (
        session.connection()
        .execute(
            select(
                ContractPeriod.contract_id,
                ContractPeriod.id,
                day_text(ContractPeriod.start_date),
                day_text(ContractPeriod.end_date),
            )
            .join(Contract, Contract.id == ContractPeriod.contract_id)
            .where(*_counted(first, last), ContractPeriod.contract_id.in_(several))
        )
        .all()
    )
    periods: dict[int, list[tuple[int, dt.date, dt.date]]] = defaultdict(list)
    day = dt.date.fromisoformat  # both NOT NULL, as ISO text (day_text)
    for contract_id, period_id, start, end in rows:
        periods[contract_id].append((period_id, day(start), day(end)))
    return periods


PERIOD_COLUMNS = (
    ReportColumn("namn", "Namn", ColumnKind.TEXT),
    ReportColumn("personnummer", "Personnummer", ColumnKind.TEXT),
    ReportColumn("plats", "Plats", ColumnKind.TEXT),
    ReportColumn("period", "Period", ColumnKind.COUNT),
    ReportColumn("fran", "Från", ColumnKind.DATE),
    ReportColumn("sista_dag", "Sista dag", ColumnKind.DATE),
    ReportColumn("utflyttad", "Utflyttad", ColumnKind.DATE),
    ReportColumn("utfall", "Utfall", ColumnKind.TEXT),
)


def period_listing(session: Session, ids: Sequence[int]) -> Listing:
    rows = session.execute(
        select(
            Person.id,
            Person.first_name,
            Person.last_name,
            Person.identity,
            TemporaryPlace.name,
            ContractPeriod.sequence,
            ContractPeriod.start_date,
            ContractPeriod.end_date,
            Contract.end_date,
            ContractPeriod.outcome,
        )
        .join(Contract, Contract.id == ContractPeriod.contract_id)
        .join(Person, Person.id == Contract.person_id)
        .outerjoin(TemporaryPlace, TemporaryPlace.id == Contract.temporary_place_id)
        .where(ContractPeriod.id.in_(list(ids)))
        .order_by(ContractPeriod.start_date, ContractPeriod.id)
    ).all()
    cells = tuple(
        (
            f"{r.first_name} {r.last_name}".strip(),
            identity_text(r.identity),
            r.name or "",
            r.sequence,
            r.start_date,
            last_day(r[7]),
            r[8],
            PeriodOutcome(r.outcome).label,
        )
        for r in rows
    )
    return Listing("Perioder som räknats", PERIOD_COLUMNS, cells, tuple(r[0] for r in rows))
