"""Calendar months: stepping by months, a month's first and last day, runs of months.

The one place that counts months; everything else asks here. Built on dateutil's relativedelta
and calendar.monthrange, so no month arithmetic is written by hand. Imports nothing else from
bobudget, so it can move to a kernel package as it stands.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

from dateutil.relativedelta import relativedelta

__all__ = [
    "add_months",
    "day_in_month",
    "days_in_month",
    "first_of_month",
    "iter_months",
    "last_of_month",
    "month_start_end",
    "months_between",
    "next_month",
    "previous_month",
]


def add_months(day: dt.date, months: int) -> dt.date:
    """The day `months` months after (or, if negative, before) `day`, the day clamped to the
    target month's length: 2026-01-31 + 1 → 2026-02-28, 2024-01-31 + 1 → 2024-02-29.

    This is also how lag (1930:173) om beräkning av lagstadgad tid counts a period of months:
    it ends on the day with the start's number, or on the month's last day if it has none.
    """
    result: dt.date = day + relativedelta(months=months)
    return result


def days_in_month(day: dt.date) -> int:
    """How many days the month of `day` has: 28–31."""
    return calendar.monthrange(day.year, day.month)[1]


def first_of_month(day: dt.date) -> dt.date:
    """The first day of the month `day` is in."""
    return day.replace(day=1)


def last_of_month(day: dt.date) -> dt.date:
    """The last day of the month `day` is in: 2028-02-10 → 2028-02-29."""
    return day.replace(day=days_in_month(day))


def month_start_end(day: dt.date) -> tuple[dt.date, dt.date]:
    """(first day, last day) of the month `day` is in."""
    return first_of_month(day), last_of_month(day)


def next_month(day: dt.date) -> dt.date:
    """The first day of the month after the one `day` is in."""
    return add_months(first_of_month(day), 1)


def previous_month(day: dt.date) -> dt.date:
    """The first day of the month before the one `day` is in."""
    return add_months(first_of_month(day), -1)


def day_in_month(month: dt.date, day: int) -> dt.date:
    """The `day`-th of the month `month` is in, or its last day when the month is shorter
    (a payment on the 31st falls on 30 April). `day` is 1–31.
    """
    if not 1 <= day <= 31:
        # A day of month outside 1–31 is a programming error: the services validate input.
        raise ValueError(f"a day of the month is 1–31, got {day}")
    return month.replace(day=min(day, days_in_month(month)))


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Calendar months from the month of `earlier` to the month of `later`, days ignored:
    2026-01-31 → 2026-02-01 is 1; negative when `later` is in an earlier month.
    """
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def iter_months(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    """The first day of every month from the month of `first` through the month of `last`;
    nothing when `last` is in an earlier month.
    """
    month = first_of_month(first)
    end = first_of_month(last)
    while month <= end:
        yield month
        month = next_month(month)
