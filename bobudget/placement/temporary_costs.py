"""What temporary housing costs the committee, month by month: every placement's nights in the
month at the price it was made at (an open placement counts to the end of its current period,
the time its decision covers).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, func, literal, or_, select, union_all

from bobudget.db.engine import Database
from bobudget.db.sql_dates import day_number, day_number_sql
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.months import (
    days_in_month,
    first_of_month,
    iter_months,
    months_between,
    next_month,
)
from bobudget.model import Contract, ContractPeriod, TemporaryPlace
from bobudget.model.vocab import ContractKind, CostUnit

__all__ = ["MonthCost", "monthly_costs"]

MAX_MONTHS = 120


@dataclass(frozen=True)
class MonthCost:
    month: dt.date  # the first day of the month
    placements: int  # placements with at least one night in the month
    nights: int
    cost_ore: int
    without_price: int  # placements in the month whose place has no price: not in the sum


def monthly_costs(db: Database, first_month: dt.date, last_month: dt.date) -> list[MonthCost]:
    """One row per calendar month from `first_month` through `last_month` (any day in each)."""
    first = first_of_month(first_month)
    last = first_of_month(last_month)
    if last < first:
        raise ValidationError("Den sista månaden ligger före den första. Ändra månaderna.")
    if months_between(first, last) + 1 > MAX_MONTHS:
        raise ValidationError(f"Välj högst {MAX_MONTHS} månader åt gången.")
    months = list(iter_months(first, last))
    after = next_month(last)
    # The last night of an open placement: the end of its current period (its decision),
    # looked up only for the placements still open.
    last_period_end = (
        select(func.max(ContractPeriod.end_date))
        .where(ContractPeriod.contract_id == Contract.id)
        .correlate(Contract)
        .scalar_subquery()
    )
    stay_end = func.coalesce(Contract.end_date, last_period_end, Contract.start_date)
    own = Contract.placement_cost_ore
    # placement_price in SQL: the placement's own price (per night unless it says month),
    # else its place's.
    per_month = case(
        (own.is_not(None), Contract.placement_cost_unit == CostUnit.MONTH),
        else_=TemporaryPlace.cost_unit == CostUnit.MONTH,
    )
    with db.sessions() as s:
        dialect = s.get_bind().dialect.name
        stays = (
            select(
                # Days as numbers, worked out once per placement: each month below then only
                # compares and subtracts whole numbers.
                day_number_sql(Contract.start_date, dialect).label("start"),
                day_number_sql(stay_end, dialect).label("end"),
                func.coalesce(own, TemporaryPlace.cost_ore).label("price"),
                case((per_month, 1), else_=0).label("per_month"),
            )
            .outerjoin(TemporaryPlace, TemporaryPlace.id == Contract.temporary_place_id)
            .where(
                Contract.kind == ContractKind.TEMPORARY,
                # Answered from the (kind, end) index: the placements that ended before the
                # first month are never read. An open one whose period ended before it joins
                # no month below.
                or_(Contract.end_date.is_(None), Contract.end_date > first),
                Contract.start_date < after,
            )
            .cte("stays")
            # Without it the database may fold the placements into the months below and work
            # out each one's days once per month.
            .prefix_with("MATERIALIZED")
        )
        sums = {row.n: row for row in s.execute(_month_sums(stays, months, dialect))}
    return [
        MonthCost(m, *(int(v or 0) for v in sums[n][1:])) if n in sums else MonthCost(m, 0, 0, 0, 0)
        for n, m in enumerate(months)
    ]


def _month_sums(stays: Any, months: list[dt.date], dialect: str) -> Any:
    """Per month (its number in `months`): placements with a night in it, nights, cost, and
    placements without a price; added up in the database, so that the placements themselves
    (tens of thousands in a year) never come to Python.

    cost_rules in SQL: nights(max(start, month), min(end, next month)); per night the nights
    times the price, per month the price prorated over the month's days (half an öre up).
    """
    calendar = union_all(
        *(
            select(
                literal(n).label("n"),
                literal(day_number(m)).label("first"),
                literal(day_number(next_month(m))).label("after"),
                literal(days_in_month(m)).label("days"),
            )
            for n, m in enumerate(months)
        )
    ).cte("months")
    greatest, least = (func.max, func.min) if dialect == "sqlite" else (func.greatest, func.least)
    stayed = least(stays.c.end, calendar.c.after) - greatest(stays.c.start, calendar.c.first)
    days = calendar.c.days
    cost = case(
        (stays.c.per_month == 1, (2 * stays.c.price * stayed + days) // (2 * days)),
        else_=stayed * stays.c.price,
    )
    return (
        select(
            calendar.c.n,
            func.count(),
            func.sum(stayed),
            func.sum(case((stays.c.price.is_not(None), cost), else_=0)),
            func.sum(case((stays.c.price.is_(None), 1), else_=0)),
        )
        .select_from(stays)
        # Each placement with each month it has a night in: `stayed` is at least one.
        .join(
            calendar,
            and_(
                stays.c.start < calendar.c.after,
                stays.c.end > calendar.c.first,
                stays.c.start < stays.c.end,
            ),
        )
        .group_by(calendar.c.n)
    )
