"""The periods a report is read for, as a user writes them: "2026", "2026Q3", "2026-W45" and a
range of months "2026-01" to "2026-06"; and the period a report opens on, given `today`.

Pure functions: the window's period picker, the command line's options and the tests all read
periods here, so "vecka 53" or "Q5" is refused with the same Swedish sentence everywhere.
Weeks are ISO weeks (Monday–Sunday, week 1 holds the year's first Thursday), as in Swedish
calendars.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from bobudget.kernel.errors import ValidationError
from bobudget.kernel.months import add_months, first_of_month, last_of_month
from bobudget.statistics.report import PeriodKind, ReportPeriod

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "default_period",
    "iso_weeks_in_year",
    "month_range_period",
    "parse_month",
    "parse_month_range",
    "parse_period",
    "parse_quarter",
    "parse_week",
    "parse_year",
    "quarter_period",
    "week_period",
    "year_period",
]

# Years a report can be read for: wide enough for any register, narrow enough to catch a typo.
FIRST_YEAR = 1990
LAST_YEAR = 2100

_YEAR = re.compile(r"^\d{4}$")
_QUARTER = re.compile(r"^(\d{4})\s*-?\s*[Qq]\s*([0-9]+)$")
_WEEK = re.compile(r"^(\d{4})\s*-?\s*[Ww]\s*([0-9]+)$")
_MONTH = re.compile(r"^(\d{4})-?(\d{1,2})$")


def _check_year(year: int, typed: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            f"Året i '{typed}' ligger utanför {FIRST_YEAR}–{LAST_YEAR}. Skriv ett år med fyra "
            "siffror, t.ex. 2026."
        )


# --- building periods ------------------------------------------------------------------------


def year_period(year: int, *, compare: Sequence[int] = ()) -> ReportPeriod:
    """One calendar year, or several side by side (`compare` adds years beside `year`).

    Side by side, first_day is the first day of the earliest year and last_day the last day of
    the latest, and `years` lists them in order; a single year leaves `years` empty.
    """
    years = sorted({year, *compare})
    for one in years:
        _check_year(one, str(one))
    if len(years) == 1:
        return ReportPeriod(
            PeriodKind.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31), label=str(year)
        )
    return ReportPeriod(
        PeriodKind.YEAR,
        dt.date(years[0], 1, 1),
        dt.date(years[-1], 12, 31),
        label=", ".join(str(y) for y in years),
        years=tuple(years),
    )


def quarter_period(year: int, quarter: int) -> ReportPeriod:
    _check_year(year, str(year))
    if not 1 <= quarter <= 4:
        raise ValidationError(f"Kvartal {quarter} finns inte: ett år har kvartal 1–4.")
    first = dt.date(year, 3 * quarter - 2, 1)
    return ReportPeriod(
        PeriodKind.QUARTER, first, last_of_month(add_months(first, 2)), label=f"{year}Q{quarter}"
    )


def iso_weeks_in_year(year: int) -> int:
    """52 or 53: 28 December always lies in the year's last ISO week."""
    return dt.date(year, 12, 28).isocalendar().week


def week_period(year: int, week: int) -> ReportPeriod:
    """ISO week `week` of `year`: Monday to Sunday (week 1 of 2026 begins 29 December 2025)."""
    _check_year(year, str(year))
    weeks = iso_weeks_in_year(year)
    if not 1 <= week <= weeks:
        raise ValidationError(f"Vecka {week} finns inte {year}: året har veckorna 1–{weeks}.")
    monday = dt.date.fromisocalendar(year, week, 1)
    return ReportPeriod(
        PeriodKind.WEEK, monday, monday + dt.timedelta(days=6), label=f"{year}-W{week:02d}"
    )


def month_range_period(first_month: dt.date, last_month: dt.date) -> ReportPeriod:
    """From the first month to the last, both whole months."""
    first = first_of_month(first_month)
    last = first_of_month(last_month)
    if last < first:
        raise ValidationError(
            f"Till-månaden {last:%Y-%m} ligger före från-månaden {first:%Y-%m}. Byt plats på "
            "dem eller välj en senare till-månad."
        )
    return ReportPeriod(
        PeriodKind.MONTH_RANGE,
        first,
        last_of_month(last),
        label=f"{first:%Y-%m}–{last:%Y-%m}",
    )


# --- reading what a user wrote ---------------------------------------------------------------


def parse_year(text: str) -> int:
    typed = text.strip()
    if not _YEAR.match(typed):
        raise ValidationError(
            f"Året '{typed}' går inte att läsa. Skriv det med fyra siffror: 2026."
        )
    year = int(typed)
    _check_year(year, typed)
    return year


def parse_quarter(text: str) -> ReportPeriod:
    typed = text.strip()
    match = _QUARTER.match(typed)
    if not match:
        raise ValidationError(
            f"Kvartalet '{typed}' går inte att läsa. Skriv år och kvartal som 2026Q3."
        )
    year = int(match.group(1))
    _check_year(year, typed)
    return quarter_period(year, int(match.group(2)))


def parse_week(text: str) -> ReportPeriod:
    typed = text.strip()
    match = _WEEK.match(typed)
    if not match:
        raise ValidationError(
            f"Veckan '{typed}' går inte att läsa. Skriv år och ISO-vecka som 2026-W45."
        )
    year = int(match.group(1))
    _check_year(year, typed)
    return week_period(year, int(match.group(2)))


def parse_month(text: str, what: str = "Månaden") -> dt.date:
    """A month written 2026-03 (or 202603): its first day. `what` names the field in errors."""
    typed = text.strip()
    match = _MONTH.match(typed)
    if not match:
        raise ValidationError(f"{what} '{typed}' går inte att läsa. Skriv den som 2026-03.")
    year, month = int(match.group(1)), int(match.group(2))
    _check_year(year, typed)
    if not 1 <= month <= 12:
        raise ValidationError(f"{what} '{typed}': månad {month} finns inte, bara 01–12.")
    return dt.date(year, month, 1)


def parse_month_range(first: str, last: str) -> ReportPeriod:
    return month_range_period(parse_month(first, "Från-månaden"), parse_month(last, "Till-månaden"))


def parse_period(kind: PeriodKind, text: str) -> ReportPeriod:
    """A period of `kind` written as its label: "2026" (or "2025, 2026" side by side),
    "2026Q3", "2026-W45", "2026-01–2026-06" (also "2026-01..2026-06")."""
    typed = text.strip()
    if kind is PeriodKind.YEAR:
        years = [parse_year(part) for part in re.split(r"[,\s]+", typed) if part]
        if not years:
            raise ValidationError("Året saknas. Skriv det med fyra siffror: 2026.")
        return year_period(years[0], compare=years[1:])
    if kind is PeriodKind.QUARTER:
        return parse_quarter(typed)
    if kind is PeriodKind.WEEK:
        return parse_week(typed)
    parts = re.split(r"\s*(?:\.\.|–|—|\s+till\s+)\s*", typed)
    if len(parts) != 2:
        raise ValidationError(
            f"Perioden '{typed}' går inte att läsa. Skriv från- och till-månad som "
            "2026-01..2026-06."
        )
    return parse_month_range(parts[0], parts[1])


# --- what a report opens on ------------------------------------------------------------------


def default_period(kind: PeriodKind, today: dt.date) -> ReportPeriod:
    """The period a report opens on: the current year; the last quarter that has ended; the last
    ISO week that has ended (the one before this week, also on a Sunday, which is not over);
    the last twelve whole months (up to and including last month)."""
    if kind is PeriodKind.YEAR:
        return year_period(today.year)
    if kind is PeriodKind.QUARTER:
        this_quarter_start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        previous = add_months(this_quarter_start, -3)
        return quarter_period(previous.year, (previous.month - 1) // 3 + 1)
    if kind is PeriodKind.WEEK:
        last_week = today - dt.timedelta(days=7)
        iso = last_week.isocalendar()
        return week_period(iso.year, iso.week)
    last_month = add_months(first_of_month(today), -1)
    return month_range_period(add_months(last_month, -11), last_month)
