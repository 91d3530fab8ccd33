"""Periods as users write them: year, quarter, ISO week, a range of months; and the defaults."""

from __future__ import annotations

import datetime as dt

import pytest

from bobudget.kernel.errors import ValidationError
from bobudget.statistics.periods import (
    default_period,
    iso_weeks_in_year,
    parse_month_range,
    parse_period,
    parse_quarter,
    parse_week,
    parse_year,
    year_period,
)
from bobudget.statistics.report import PeriodKind


def test_a_year_is_january_to_december() -> None:
    period = parse_period(PeriodKind.YEAR, "2026")
    assert (period.first_day, period.last_day, period.label) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
        "2026",
    )
    assert period.years == ()


def test_years_side_by_side_are_listed_in_order() -> None:
    period = year_period(2026, compare=[2024, 2025, 2026])
    assert period.years == (2024, 2025, 2026)
    assert (period.first_day, period.last_day) == (dt.date(2024, 1, 1), dt.date(2026, 12, 31))
    assert parse_period(PeriodKind.YEAR, "2025, 2026").years == (2025, 2026)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2026Q1", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        ("2026q3", dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
        ("2026-Q4", dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
    ],
)
def test_quarters(text: str, first: dt.date, last: dt.date) -> None:
    period = parse_quarter(text)
    assert (period.first_day, period.last_day) == (first, last)
    assert period.label == f"2026Q{(first.month + 2) // 3}"


def test_iso_week_runs_monday_to_sunday_across_the_new_year() -> None:
    period = parse_week("2026-W01")
    assert period.first_day == dt.date(2025, 12, 29)
    assert period.first_day.weekday() == 0
    assert period.last_day == dt.date(2026, 1, 4)
    assert period.label == "2026-W01"
    assert parse_week("2026w45").first_day == dt.date(2026, 11, 2)


def test_week_53_exists_only_in_long_years() -> None:
    assert iso_weeks_in_year(2026) == 53
    week = parse_week("2026-W53")
    assert (week.first_day, week.last_day) == (dt.date(2026, 12, 28), dt.date(2027, 1, 3))
    with pytest.raises(ValidationError, match="Vecka 53 finns inte 2027: året har veckorna 1–52"):
        parse_week("2027-W53")


def test_month_range_is_whole_months() -> None:
    period = parse_month_range("2026-01", "2026-06")
    assert (period.first_day, period.last_day) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert period.label == "2026-01–2026-06"
    assert parse_period(PeriodKind.MONTH_RANGE, "2026-01..2026-06") == period


@pytest.mark.parametrize(
    ("kind", "text", "says"),
    [
        (PeriodKind.YEAR, "26", "Året '26' går inte att läsa"),
        (PeriodKind.YEAR, "3026", "utanför"),
        (PeriodKind.QUARTER, "2026Q5", "Kvartal 5 finns inte"),
        (PeriodKind.QUARTER, "2026Q0", "Kvartal 0 finns inte"),
        (PeriodKind.QUARTER, "Q3 2026", "Skriv år och kvartal som 2026Q3"),
        (PeriodKind.WEEK, "2026-W0", "Vecka 0 finns inte"),
        (PeriodKind.WEEK, "vecka 45", "Skriv år och ISO-vecka som 2026-W45"),
        (PeriodKind.MONTH_RANGE, "2026-06..2026-01", "ligger före från-månaden"),
        (PeriodKind.MONTH_RANGE, "2026-13..2026-14", "Från-månaden '2026-13': månad 13 finns inte"),
        (PeriodKind.MONTH_RANGE, "2026-01", "Skriv från- och till-månad"),
    ],
)
def test_bad_input_is_refused_naming_what_is_wrong(kind: PeriodKind, text: str, says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        parse_period(kind, text)


def test_parse_year_reads_four_digits() -> None:
    assert parse_year(" 2025 ") == 2025


@pytest.mark.parametrize(
    ("kind", "today", "label"),
    [
        (PeriodKind.YEAR, dt.date(2026, 11, 30), "2026"),
        (PeriodKind.QUARTER, dt.date(2026, 11, 30), "2026Q3"),
        (PeriodKind.QUARTER, dt.date(2026, 2, 1), "2025Q4"),
        (PeriodKind.WEEK, dt.date(2026, 11, 30), "2026-W48"),  # a Monday: last week was 48
        (PeriodKind.WEEK, dt.date(2026, 11, 29), "2026-W47"),  # a Sunday: week 48 is not over
        (PeriodKind.WEEK, dt.date(2027, 1, 5), "2026-W53"),
        (PeriodKind.MONTH_RANGE, dt.date(2026, 11, 30), "2025-11–2026-10"),
        (PeriodKind.MONTH_RANGE, dt.date(2026, 1, 15), "2025-01–2025-12"),
    ],
)
def test_default_periods(kind: PeriodKind, today: dt.date, label: str) -> None:
    assert default_period(kind, today).label == label
