"""Tests for bobudget.kernel.months: the one place that counts calendar months."""

import ast
import calendar
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bobudget.kernel.months as months_module
from bobudget.kernel import periods
from bobudget.kernel.months import (
    add_months,
    day_in_month,
    days_in_month,
    first_of_month,
    iter_months,
    last_of_month,
    month_start_end,
    months_between,
    next_month,
    previous_month,
)

DAYS = st.dates(min_value=date(1901, 1, 1), max_value=date(2998, 12, 31))
MONTHS = st.integers(min_value=-1200, max_value=1200)


@pytest.mark.parametrize(
    ("start", "months", "result"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # clamped to February's last day
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2100, 1, 31), 1, date(2100, 2, 28)),  # 2100 is no leap year
        (date(2400, 1, 31), 1, date(2400, 2, 29)),  # 2400 is
        (date(2026, 3, 31), -1, date(2026, 2, 28)),  # backwards, clamped too
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2028, 2, 29), -12, date(2027, 2, 28)),
        (date(2026, 1, 15), -13, date(2024, 12, 15)),  # across a year backwards
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
        (date(2026, 5, 17), 0, date(2026, 5, 17)),
    ],
)
def test_add_months_clamps_the_day_to_the_target_month(
    start: date, months: int, result: date
) -> None:
    assert add_months(start, months) == result


def test_periods_add_months_is_the_same_function() -> None:
    # The three-month rule of rules.periods counts with this helper, unchanged.
    assert periods.add_months is add_months


@given(DAYS, MONTHS)
def test_add_months_keeps_the_day_or_ends_the_month(day: date, months: int) -> None:
    result = add_months(day, months)
    assert months_between(day, result) == months
    assert result.day == min(day.day, days_in_month(result))


@given(DAYS, st.integers(min_value=-600, max_value=600), st.integers(-600, 600))
def test_add_months_from_a_first_of_month_composes(day: date, a: int, b: int) -> None:
    first = first_of_month(day)
    assert add_months(add_months(first, a), b) == add_months(first, a + b)


@given(DAYS)
def test_first_and_last_of_month_bound_the_month(day: date) -> None:
    first, last = month_start_end(day)
    assert first == first_of_month(day) and last == last_of_month(day)
    assert first.day == 1 and first <= day <= last
    assert (last + timedelta(days=1)).day == 1
    assert last.day == days_in_month(day) == calendar.monthrange(day.year, day.month)[1]


def test_last_of_month_in_february() -> None:
    assert last_of_month(date(2028, 2, 10)) == date(2028, 2, 29)
    assert last_of_month(date(2027, 2, 10)) == date(2027, 2, 28)
    assert month_start_end(date(2026, 12, 31)) == (date(2026, 12, 1), date(2026, 12, 31))


@given(DAYS)
def test_next_and_previous_month_are_the_neighbouring_firsts(day: date) -> None:
    assert next_month(day) == last_of_month(day) + timedelta(days=1)
    assert previous_month(day) == first_of_month(first_of_month(day) - timedelta(days=1))
    assert previous_month(next_month(day)) == first_of_month(day)


def test_next_and_previous_month_across_the_year() -> None:
    assert next_month(date(2026, 12, 31)) == date(2027, 1, 1)
    assert previous_month(date(2027, 1, 31)) == date(2026, 12, 1)


@pytest.mark.parametrize(
    ("month", "day", "result"),
    [
        (date(2026, 4, 10), 31, date(2026, 4, 30)),
        (date(2027, 2, 1), 30, date(2027, 2, 28)),
        (date(2028, 2, 1), 30, date(2028, 2, 29)),
        (date(2026, 1, 20), 1, date(2026, 1, 1)),
        (date(2026, 1, 20), 25, date(2026, 1, 25)),
    ],
)
def test_day_in_month_falls_back_to_the_last_day(month: date, day: int, result: date) -> None:
    assert day_in_month(month, day) == result


@pytest.mark.parametrize("day", [0, 32, -1])
def test_day_in_month_outside_1_to_31_is_a_programming_error(day: int) -> None:
    with pytest.raises(ValueError, match="1–31"):
        day_in_month(date(2026, 1, 1), day)


@given(DAYS, DAYS)
def test_months_between_counts_calendar_months(a: date, b: date) -> None:
    n = months_between(a, b)
    assert add_months(first_of_month(a), n) == first_of_month(b)
    assert months_between(b, a) == -n


def test_months_between_ignores_the_days() -> None:
    assert months_between(date(2026, 1, 31), date(2026, 2, 1)) == 1
    assert months_between(date(2026, 3, 1), date(2026, 3, 31)) == 0
    assert months_between(date(2026, 3, 1), date(2025, 12, 31)) == -3


def test_iter_months_runs_from_the_first_month_through_the_last() -> None:
    assert list(iter_months(date(2026, 11, 30), date(2027, 2, 1))) == [
        date(2026, 11, 1),
        date(2026, 12, 1),
        date(2027, 1, 1),
        date(2027, 2, 1),
    ]
    assert list(iter_months(date(2026, 5, 5), date(2026, 5, 31))) == [date(2026, 5, 1)]
    assert list(iter_months(date(2026, 5, 5), date(2026, 4, 30))) == []


@given(DAYS, st.integers(min_value=0, max_value=60))
def test_iter_months_yields_one_month_per_calendar_month(day: date, extra: int) -> None:
    last = add_months(day, extra)
    months = list(iter_months(day, last))
    assert len(months) == months_between(day, last) + 1
    assert all(m.day == 1 for m in months)
    assert all(next_month(a) == b for a, b in pairwise(months))


@given(DAYS, st.integers(min_value=1, max_value=31))
def test_same_results_as_the_hand_written_helpers_it_replaced(day: date, nth: int) -> None:
    # The formulas funds_reports, placement_cost, temporary_costs and ui/funds used before.
    first = day.replace(day=1)
    old_last = add_months(first, 1) - timedelta(days=1)
    old_next = (first + timedelta(days=32)).replace(day=1)
    old_day_in_month = min(first + timedelta(days=nth - 1), old_last)
    old_previous = add_months(day.replace(day=1), -1)
    assert last_of_month(day) == old_last
    assert next_month(day) == old_next
    assert day_in_month(day, nth) == old_day_in_month
    assert previous_month(day) == old_previous


def test_months_imports_nothing_else_from_bobudget() -> None:
    # It is to move to a kernel package as it stands, below every domain module.
    tree = ast.parse(Path(months_module.__file__).read_text(encoding="utf-8"))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
        elif isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
    assert {name for name in imported if name.startswith("bobudget")} <= {"bobudget.kernel.errors"}
