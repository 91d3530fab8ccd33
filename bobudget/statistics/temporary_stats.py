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
    SQLColumnExpression,
    String,
    and_,
    exists,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session, aliased

from bobudget.kernel.months import first_of_month
from bobudget.kernel.periods import last_day
from bobudget.model import Contract, ContractPeriod, Person, TemporaryPlace
from bobudget.model.vocab import ContractKind, CostUnit, PeriodOutcome
from bobudget.placement.cost_rules import nights as stay_nights
from bobudget.placement.cost_rules import prorated
from bobudget.placement.temporary_list import placement_price
from bobudget.statistics.common import (
    MONTH_KEYS,
    as_days,
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
    rows = session.execute(
        select(year, month, id_list(session, period_id))
        .select_from(ContractPeriod)
        .join(Contract, Contract.id == ContractPeriod.contract_id)
        .where(Contract.kind == ContractKind.TEMPORARY, condition)
        .group_by(year, month)
    ).all()
    result: dict[int, _Months] = defaultdict(_empty)
    for y, m, ids in rows:
        result[y][m - 1] = parse_ids(ids)
    return result


def _nights_and_cost(
    session: Session, first: dt.date, last: dt.date
) -> tuple[dict[int, list[int]], dict[int, list[int]], dict[int, _Months]]:
    """Nights and cost per month as the cost list counts them (placement/temporary_costs.py):
    each placement's nights from its start to its move-out day (an open one to the end of its
    current period) at the price it was made at; the ids are the periods with nights there."""
    rows = session.execute(
        select(
            ContractPeriod.id,
            ContractPeriod.contract_id,
            day_text(ContractPeriod.start_date),
            day_text(ContractPeriod.end_date),
            day_text(Contract.start_date),
            day_text(Contract.end_date),
            Contract.placement_cost_ore,
            # The stored words as text: no vocabulary conversion for ten thousand rows.
            type_coerce(Contract.placement_cost_unit, String).label(None),
            TemporaryPlace.cost_ore,
            type_coerce(TemporaryPlace.cost_unit, String).label(None),
        )
        .join(Contract, Contract.id == ContractPeriod.contract_id)
        .outerjoin(TemporaryPlace, TemporaryPlace.id == Contract.temporary_place_id)
        .where(
            Contract.kind == ContractKind.TEMPORARY,
            Contract.start_date <= last,
            or_(Contract.end_date.is_(None), Contract.end_date > first),
        )
    ).all()
    stays: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        stays[row[1]].append((row[0], row[1], *as_days(*row[2:6]), *row[6:]))
    nights: dict[int, list[int]] = defaultdict(lambda: [0] * 12)
    cost: dict[int, list[int]] = defaultdict(lambda: [0] * 12)
    ids: dict[int, list[list[int]]] = defaultdict(lambda: [[] for _ in MONTH_KEYS])
    after = last + _DAY
    for periods in stays.values():
        _, _, _, _, start, moved_out, own, own_unit, place_price, place_unit = periods[0]
        end = min(moved_out or max(p[3] for p in periods), after)
        price, unit = placement_price(own, own_unit, place_price, place_unit)
        per_month = unit == CostUnit.MONTH
        month = first_of_month(max(start, first))
        while month < end:
            following = _next_month(month)
            count = stay_nights(max(start, month), min(end, following))
            if count:
                y, m = month.year, month.month - 1
                nights[y][m] += count
                if price is not None:
                    # As stay_cost_in_month prices it, without its calendar arithmetic.
                    cost[y][m] += (
                        prorated(price, count, (following - month).days)
                        if per_month
                        else count * price
                    )
                if len(periods) == 1:
                    ids[y][m].append(periods[0][0])
                else:
                    stop = min(end, following)
                    ids[y][m].extend(
                        p[0] for p in periods if p[2] < stop and month < p[3] and p[2] < p[3]
                    )
            month = following
    stayed = {y: [tuple(sorted(i)) for i in months] for y, months in ids.items()}
    return nights, cost, stayed


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
