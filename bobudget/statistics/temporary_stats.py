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

from sqlalchemy import ColumnElement, SQLColumnExpression, and_, exists, func, select
from sqlalchemy.orm import Session, aliased

from bobudget.kernel.months import days_in_month
from bobudget.model import Contract, ContractPeriod, Person, TemporaryPlace
from bobudget.model.vocab import ContractKind, CostUnit, PeriodOutcome
from bobudget.statistics.common import (
    MONTH_KEYS,
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
                "per månad i proportion till nätterna i månaden.",
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
    """Nights and cost per month: each period's nights, cut at the move-out day, priced by the
    placement's own price (or the place's, for a placement made before prices were kept)."""
    rows = session.execute(
        select(
            ContractPeriod.id,
            ContractPeriod.start_date,
            ContractPeriod.end_date,
            Contract.end_date,
            func.coalesce(Contract.placement_cost_ore, TemporaryPlace.cost_ore),
            Contract.placement_cost_unit,
            TemporaryPlace.cost_unit,
        )
        .join(Contract, Contract.id == ContractPeriod.contract_id)
        .outerjoin(TemporaryPlace, TemporaryPlace.id == Contract.temporary_place_id)
        .where(
            Contract.kind == ContractKind.TEMPORARY,
            ContractPeriod.start_date <= last,
            ContractPeriod.end_date >= first,
        )
    ).all()
    nights: dict[int, list[int]] = defaultdict(lambda: [0] * 12)
    cost: dict[int, list[int]] = defaultdict(lambda: [0] * 12)
    stayed: dict[int, _Months] = defaultdict(_empty)
    for period_id, start, end, moved_out, price, unit, place_unit in rows:
        stay_end = end + dt.timedelta(days=1)  # the night of the last day belongs to the period
        if moved_out is not None:
            stay_end = min(stay_end, moved_out)
        per_month = (unit or place_unit) == CostUnit.MONTH
        for month_start, count in nights_by_month(max(start, first), min(stay_end, last + _DAY)):
            y, m = month_start.year, month_start.month - 1
            nights[y][m] += count
            stayed[y][m] = (*stayed[y][m], period_id)
            if price:
                share = price * count
                cost[y][m] += round(share / days_in_month(month_start)) if per_month else share
    return nights, cost, stayed


def nights_by_month(start: dt.date, stay_end: dt.date) -> list[tuple[dt.date, int]]:
    """The nights from `start` up to (not including) `stay_end`, as (first of month, count)."""
    result = []
    day = start
    while day < stay_end:
        following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        until = min(following, stay_end)
        result.append((day.replace(day=1), (until - day).days))
        day = until
    return result


PERIOD_COLUMNS = (
    ReportColumn("namn", "Namn", ColumnKind.TEXT),
    ReportColumn("personnummer", "Personnummer", ColumnKind.TEXT),
    ReportColumn("plats", "Plats", ColumnKind.TEXT),
    ReportColumn("period", "Period", ColumnKind.COUNT),
    ReportColumn("fran", "Från", ColumnKind.DATE),
    ReportColumn("till", "Till", ColumnKind.DATE),
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
            r[7],
            r[8],
            PeriodOutcome(r.outcome).label,
        )
        for r in rows
    )
    return Listing("Perioder som räknats", PERIOD_COLUMNS, cells, tuple(r[0] for r in rows))
