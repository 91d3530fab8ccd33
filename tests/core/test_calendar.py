"""Tests for bobudget.kernel.calendar: Swedish working days, holidays and the eves."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bobudget.kernel.calendar import (
    holiday_name,
    is_working_day,
    last_working_day_on_or_before,
    why_not_working_day,
)


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2026, 1, 1), "Nyårsdagen"),
        (date(2026, 1, 6), "Trettondedag jul"),
        (date(2026, 4, 3), "Långfredagen"),
        (date(2026, 4, 6), "Annandag påsk"),
        (date(2026, 5, 1), "Första maj"),
        (date(2026, 5, 14), "Kristi himmelsfärdsdag"),
        (date(2026, 6, 6), "Nationaldagen"),
        (date(2026, 6, 19), "Midsommarafton"),
        (date(2026, 6, 20), "Midsommardagen"),
        (date(2026, 10, 31), "Alla helgons dag"),
        (date(2026, 12, 24), "Julafton"),
        (date(2026, 12, 25), "Juldagen"),
        (date(2026, 12, 26), "Annandag jul"),
        (date(2026, 12, 31), "Nyårsafton"),
        (date(2027, 3, 26), "Långfredagen"),
    ],
)
def test_holidays_and_the_eves_are_no_working_days(day: date, name: str) -> None:
    assert holiday_name(day) == name
    assert not is_working_day(day)


def test_ordinary_days() -> None:
    assert is_working_day(date(2026, 11, 27))  # a Friday
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert not is_working_day(date(2026, 11, 29))  # Sunday
    assert holiday_name(date(2026, 11, 27)) is None
    # Midsommarafton moves with the calendar: 2027's is the 25th of June, not the 19th.
    assert is_working_day(date(2027, 6, 18))
    assert not is_working_day(date(2027, 6, 25))


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 11, 27), date(2026, 11, 27)),  # Friday itself
        (date(2026, 11, 28), date(2026, 11, 27)),  # Saturday → Friday
        (date(2026, 11, 29), date(2026, 11, 27)),  # Sunday → Friday
        (date(2026, 12, 26), date(2026, 12, 23)),  # julafton, juldagen, annandag → the 23rd
        (date(2027, 1, 1), date(2026, 12, 30)),  # nyårsdagen, nyårsafton → the 30th
        (date(2026, 4, 6), date(2026, 4, 2)),  # annandag påsk back over the Easter weekend
        (date(2026, 6, 20), date(2026, 6, 18)),  # midsommardagen, midsommarafton
        (date(2027, 2, 28), date(2027, 2, 26)),  # a month-end Sunday
    ],
)
def test_last_working_day_on_or_before(day: date, working: date) -> None:
    assert last_working_day_on_or_before(day) == working


def test_why_not_working_day() -> None:
    assert why_not_working_day(date(2026, 12, 25)) == "juldagen"
    assert why_not_working_day(date(2026, 11, 28)) == "lördag"
    assert why_not_working_day(date(2026, 11, 29)) == "söndag"
    assert why_not_working_day(date(2026, 11, 27)) is None


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_the_working_day_found_is_the_last_one(day: date) -> None:
    found = last_working_day_on_or_before(day)
    assert found <= day
    assert is_working_day(found)
    assert all(
        not is_working_day(found + timedelta(days=n)) for n in range(1, (day - found).days + 1)
    )
