"""Date arithmetic inside a query, the same on SQLite and PostgreSQL as in Python.

SQLite keeps a date as 'YYYY-MM-DD' text and PostgreSQL as a date: each engine gets its own
spelling of the same sum, so that a list can be ordered, filtered and counted by a computed
day without reading every row into Python. Each function gives exactly what its Python twin
in kernel.months gives (tests/db/test_sql_dates.py compares them day by day).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, Integer, Interval, cast, func, literal, literal_column, type_coerce
from sqlalchemy.sql.elements import ColumnElement

__all__ = ["add_months_sql", "day_number", "day_number_sql", "days_between_sql"]

# Day numbers count from here: any fixed day would do.
_EPOCH = dt.date(1970, 1, 1)
# SQLite's julianday of _EPOCH at midnight.
_EPOCH_JULIAN = 2440587.5


def add_months_sql(column: Any, months: int, dialect: str) -> ColumnElement[Any]:
    """kernel.months.add_months in SQL: the day clamped to the target month's length."""
    if dialect == "sqlite":
        # date(d, '+N months') runs over into the next month where the day does not exist;
        # the target month's last day caps it, as relativedelta does.
        naive = func.date(column, f"+{months} months")
        month_end = func.date(column, "start of month", f"+{months + 1} months", "-1 day")
        return type_coerce(func.min(naive, month_end), Date)
    interval = type_coerce(literal_column(f"interval '{months} months'"), Interval)
    return cast(type_coerce(column, Date) + interval, Date)


def days_between_sql(later: Any, earlier: Any, dialect: str) -> ColumnElement[int]:
    """(later - earlier).days in SQL: whole days, negative when `later` is earlier."""
    if dialect == "sqlite":
        # Julian day numbers of midnight end in .5: their difference is a whole number.
        return cast(func.round(func.julianday(later) - func.julianday(earlier)), Integer)
    return type_coerce(type_coerce(later, Date) - type_coerce(earlier, Date), Integer)


def day_number(day: dt.date) -> int:
    """The day as a whole number of days (since 1970-01-01), as day_number_sql gives it."""
    return (day - _EPOCH).days


def day_number_sql(column: Any, dialect: str) -> ColumnElement[int]:
    """day_number in SQL: days become whole numbers to compare and subtract cheaply."""
    if dialect == "sqlite":
        return cast(func.round(func.julianday(column) - _EPOCH_JULIAN), Integer)
    return days_between_sql(column, literal(_EPOCH, Date), dialect)
