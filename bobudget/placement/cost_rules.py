"""What a stay in temporary housing costs: per night or per month, in whole öre.

A stay runs from its first night to the day the person leaves (`end` is not a night). A
renewal starts on the day the previous period ended, so periods never count a night twice.
"""

from __future__ import annotations

import datetime as dt

from bobudget.kernel.months import days_in_month, first_of_month, next_month
from bobudget.model.vocab import CostUnit

__all__ = ["COST_UNITS", "month_start", "nights", "prorated", "stay_cost", "stay_cost_in_month"]

COST_UNITS = tuple(CostUnit)


# The name this module gave first_of_month before rules.months existed; kept for callers.
month_start = first_of_month


def nights(start: dt.date, end: dt.date) -> int:
    """Nights from `start` up to (not including) `end`; none when `end` is not after `start`."""
    return max(0, (end - start).days)


def _overlap(start: dt.date, end: dt.date, first: dt.date, after: dt.date) -> int:
    return nights(max(start, first), min(end, after))


def prorated(cost_ore: int, days: int, days_in_month: int) -> int:
    """A part of a month at a monthly price, in whole öre, half an öre rounded up."""
    return (2 * cost_ore * days + days_in_month) // (2 * days_in_month)


def stay_cost_in_month(
    start: dt.date, end: dt.date, cost_ore: int, unit: str, month: dt.date
) -> int:
    """The cost of the stay's nights that fall in the calendar month of `month`.

    Per night: nights × price. Per month: the price for a whole month, the share of days for
    part of one.
    """
    first = month_start(month)
    after = next_month(first)
    days = _overlap(start, end, first, after)
    if unit == CostUnit.MONTH:
        return prorated(cost_ore, days, days_in_month(first))
    return days * cost_ore


def stay_cost(start: dt.date, end: dt.date, cost_ore: int, unit: str) -> int:
    """The whole stay's cost: the sum of its months, so that month totals add up to it."""
    if unit != CostUnit.MONTH:
        return nights(start, end) * cost_ore
    total = 0
    month = month_start(start)
    while month < end:
        total += stay_cost_in_month(start, end, cost_ore, unit, month)
        month = next_month(month)
    return total
