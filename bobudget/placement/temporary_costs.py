"""What temporary housing costs the committee, month by month: every placement's nights in the
month at the price it was made at (an open placement counts to the end of its current period,
the time its decision covers).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from bobudget.db.engine import Database
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.months import first_of_month, iter_months, months_between, next_month
from bobudget.model import Contract, ContractPeriod, TemporaryPlace
from bobudget.model.vocab import ContractKind
from bobudget.placement.cost_rules import nights, stay_cost_in_month
from bobudget.placement.temporary_list import placement_price

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
    period_end = (
        select(ContractPeriod.contract_id, func.max(ContractPeriod.end_date).label("last_end"))
        .group_by(ContractPeriod.contract_id)
        .subquery()
    )
    stay_end = func.coalesce(Contract.end_date, period_end.c.last_end, Contract.start_date)
    stmt = (
        select(
            Contract.start_date,
            Contract.placement_cost_ore,
            Contract.placement_cost_unit,
            TemporaryPlace.cost_ore,
            TemporaryPlace.cost_unit,
            stay_end.label("stay_end"),
        )
        .outerjoin(period_end, period_end.c.contract_id == Contract.id)
        .outerjoin(TemporaryPlace, TemporaryPlace.id == Contract.temporary_place_id)
        .where(
            Contract.kind == ContractKind.TEMPORARY, Contract.start_date < after, stay_end > first
        )
    )
    totals = {m: [0, 0, 0, 0] for m in months}  # placements, nights, cost, without price
    with db.sessions() as s:
        rows = s.execute(stmt).all()
    for start, own_price, own_unit, place_price, place_unit, end in rows:
        price, unit = placement_price(own_price, own_unit, place_price, place_unit)
        for month in months:
            if month >= end:
                break
            following = next_month(month)
            stayed = nights(max(start, month), min(end, following))
            if not stayed:
                continue
            row = totals[month]
            row[0] += 1
            row[1] += stayed
            if price is None:
                row[3] += 1
            else:
                row[2] += stay_cost_in_month(start, end, price, unit, month)
    return [MonthCost(m, *totals[m]) for m in months]
