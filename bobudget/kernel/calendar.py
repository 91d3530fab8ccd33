"""Working days in Sweden: weekends, public holidays and the eves the law treats as Sundays.

The only module that knows the `holidays` library; everything else asks here.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

__all__ = [
    "holiday_name",
    "is_working_day",
    "last_working_day_on_or_before",
    "why_not_working_day",
]

_SATURDAY = 5


@lru_cache(maxsize=64)
def _year(year: int) -> dict[dt.date, str]:
    # PUBLIC: the allmänna helgdagar of lag (1989:253). DE_FACTO: midsommarafton, julafton and
    # nyårsafton, which lag (1930:173) 2 § treats like a Sunday when an act falls due on them.
    calendar = holidays.country_holidays(
        "SE", years=year, language="sv", categories=("public", "de_facto")
    )
    return {day: str(name) for day, name in calendar.items()}


def holiday_name(day: dt.date) -> str | None:
    """The Swedish name of the holiday on `day` (e.g. "Juldagen"), or None on an ordinary day."""
    return _year(day.year).get(day)


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and neither a public holiday nor midsommar-, jul- or nyårsafton."""
    return day.weekday() < _SATURDAY and day not in _year(day.year)


def last_working_day_on_or_before(day: dt.date) -> dt.date:
    """`day` itself when it is a working day, else the last working day before it."""
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def why_not_working_day(day: dt.date) -> str | None:
    """ "juldagen", "lördag" …: why `day` is no working day; None when it is one."""
    name = holiday_name(day)
    if name is not None:
        return name[0].lower() + name[1:]
    if day.weekday() >= _SATURDAY:
        return "lördag" if day.weekday() == _SATURDAY else "söndag"
    return None
