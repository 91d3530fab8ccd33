"""Tillfälligt boende → Kostnader adds up in the database: month by month the same placements,
nights and öre as the cost rules give placement by placement, on both engines."""

from __future__ import annotations

import datetime as dt

from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork
from bobudget.kernel.months import iter_months, next_month
from bobudget.model import Contract, ContractPeriod, TemporaryPlace
from bobudget.placement.cost_rules import nights, stay_cost_in_month
from bobudget.placement.temporary_costs import MonthCost, monthly_costs
from bobudget.placement.temporary_list import placement_price
from tests.db.follow_up_helpers import USER, make_person

D = dt.date
# (start, end, periods' ends, own price, own unit, place price, place unit)
PLACEMENTS = [
    (D(2024, 1, 31), D(2024, 3, 1), (), 45000, "night", None, "night"),  # leap February
    (D(2024, 2, 10), D(2024, 4, 17), (), 900001, "month", None, "night"),  # half-öre rounding
    (D(2024, 3, 5), D(2024, 3, 5), (), 45000, "", None, "night"),  # left the day it began
    (D(2024, 3, 31), None, (D(2024, 5, 31), D(2024, 8, 31)), None, "", 79000, "night"),
    (D(2024, 4, 15), None, (), None, "", 700003, "month"),  # open, no period yet: no night
    (D(2024, 5, 1), D(2024, 6, 1), (), None, "", None, "night"),  # no price anywhere
    (D(2023, 12, 20), D(2024, 1, 1), (), 12345, "night", None, "night"),  # ends as the year begins
    (
        D(2023, 11, 1),
        None,
        (D(2025, 2, 1),),
        333333,
        "month",
        45000,
        "night",
    ),  # all year, own price
    (D(2024, 12, 31), D(2025, 1, 2), (), None, "", 45000, "night"),  # one night in the year
    (D(2025, 1, 1), D(2025, 2, 1), (), 45000, "night", None, "night"),  # after the year
    (D(2024, 6, 10), D(2024, 6, 3), (), 45000, "night", None, "night"),  # ends before it starts
]


def _expected(first: D, last: D) -> list[MonthCost]:
    """The cost rules, placement by placement and month by month."""
    out = []
    for month in iter_months(first, last):
        row = [0, 0, 0, 0]
        for start, end, periods, own, own_unit, cost, unit in PLACEMENTS:
            stay_end = end or (max(periods) if periods else start)
            stayed = nights(max(start, month), min(stay_end, next_month(month)))
            if not stayed:
                continue
            price, price_unit = placement_price(own, own_unit, cost, unit)
            row[0] += 1
            row[1] += stayed
            if price is None:
                row[3] += 1
            else:
                row[2] += stay_cost_in_month(start, stay_end, price, price_unit, month)
        out.append(MonthCost(month, *row))
    return out


def test_the_months_add_up_as_the_cost_rules_say(db: Database) -> None:
    person_id = make_person(db)
    with UnitOfWork(db, USER) as uow:
        for n, (start, end, periods, own, own_unit, cost, unit) in enumerate(PLACEMENTS):
            where = TemporaryPlace(name=f"Plats {n}", cost_ore=cost, cost_unit=unit)
            uow.session.add(where)
            uow.session.flush()
            contract = Contract(
                kind="temporary",
                person_id=person_id,
                temporary_place_id=where.id,
                start_date=start,
                end_date=end,
                placement_cost_ore=own,
                placement_cost_unit=own_unit,
                basis="decision",
            )
            uow.session.add(contract)
            uow.session.flush()
            period_start = start
            for sequence, period_end in enumerate(periods, start=1):
                uow.session.add(
                    ContractPeriod(
                        contract_id=contract.id,
                        sequence=sequence,
                        start_date=period_start,
                        end_date=period_end,
                    )
                )
                period_start = period_end
        uow.commit()
    year = monthly_costs(db, D(2024, 1, 1), D(2024, 12, 1))
    assert year == _expected(D(2024, 1, 1), D(2024, 12, 1))
    # Something in every month but the last ones, and every kind of row counted somewhere.
    assert [m.placements > 0 for m in year[:8]] == [True] * 8
    assert sum(m.without_price for m in year) and sum(m.cost_ore for m in year)
    assert monthly_costs(db, D(2023, 11, 1), D(2025, 3, 1)) == _expected(
        D(2023, 11, 1), D(2025, 3, 1)
    )
    assert monthly_costs(db, D(2024, 2, 1), D(2024, 2, 1)) == _expected(
        D(2024, 2, 1), D(2024, 2, 1)
    )
