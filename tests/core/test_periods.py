"""Tests for bobudget.kernel.periods: months counted as lag (1930:173) counts them."""

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bobudget.kernel.errors import ValidationError
from bobudget.kernel.periods import (
    add_months,
    check_period_length,
    last_day,
    months_between_within,
    period_text,
    renewal_period,
    temporary_period_end,
)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        # The examples in DOMAIN.md.
        (date(2026, 1, 15), date(2026, 4, 15)),
        (date(2026, 11, 30), date(2027, 2, 28)),
        (date(2027, 11, 30), date(2028, 2, 29)),
        (date(2026, 1, 31), date(2026, 4, 30)),
        # More boundaries.
        (date(2027, 11, 29), date(2028, 2, 29)),
        (date(2026, 11, 29), date(2027, 2, 28)),
        (date(2026, 12, 31), date(2027, 3, 31)),
        (date(2026, 10, 31), date(2027, 1, 31)),
        (date(2099, 11, 30), date(2100, 2, 28)),  # 2100 is not a leap year
        (date(2099, 11, 29), date(2100, 2, 28)),
        (date(2399, 11, 30), date(2400, 2, 29)),  # 2400 is
        (date(2028, 2, 29), date(2028, 5, 29)),
    ],
)
def test_temporary_period_end(start: date, end: date) -> None:
    assert temporary_period_end(start) == end
    assert add_months(start, 3) == end


def test_add_months() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 5, 31), 12) == date(2027, 5, 31)
    assert add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)
    assert add_months(date(2026, 3, 15), 0) == date(2026, 3, 15)


def test_period_of_other_lengths() -> None:
    assert temporary_period_end(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert temporary_period_end(date(2026, 1, 31), 6) == date(2026, 7, 31)


@pytest.mark.parametrize("months", [0, -3])
def test_period_must_be_at_least_a_month(months: int) -> None:
    with pytest.raises(ValueError):
        temporary_period_end(date(2026, 1, 15), months)
    with pytest.raises(ValueError):
        renewal_period(date(2026, 1, 15), months)
    with pytest.raises(ValueError):
        check_period_length(date(2026, 1, 15), date(2026, 1, 15), months)


def test_renewal_runs_from_the_previous_end() -> None:
    assert renewal_period(date(2026, 4, 15)) == (date(2026, 4, 15), date(2026, 7, 15))
    assert renewal_period(date(2027, 2, 28)) == (date(2027, 2, 28), date(2027, 5, 28))
    assert renewal_period(date(2026, 4, 15), 2) == (date(2026, 4, 15), date(2026, 6, 15))


def test_chain_of_four_renewals() -> None:
    # Each renewal counts from the day the previous one ended, so February's short month
    # carries on: the 30th never comes back.
    end = temporary_period_end(date(2026, 11, 30))
    periods = [(date(2026, 11, 30), end)]
    for _ in range(4):
        periods.append(renewal_period(periods[-1][1]))
    assert periods == [
        (date(2026, 11, 30), date(2027, 2, 28)),
        (date(2027, 2, 28), date(2027, 5, 28)),
        (date(2027, 5, 28), date(2027, 8, 28)),
        (date(2027, 8, 28), date(2027, 11, 28)),
        (date(2027, 11, 28), date(2028, 2, 28)),
    ]


def test_check_period_length_boundary() -> None:
    start = date(2026, 11, 30)
    check_period_length(start, date(2027, 2, 28))  # exactly three months
    check_period_length(start, date(2027, 1, 15))  # shorter is allowed
    check_period_length(start, start)
    with pytest.raises(ValidationError, match="aldrig längre") as error:
        check_period_length(start, date(2027, 3, 1))
    # The message shows last days, as the window and the letters do (kernel.periods.last_day).
    message = str(error.value)
    assert "2026-11-30 – 2027-02-28" in message
    assert "sista dagen får vara senast 2027-02-27" in message
    assert "tre månader" in message


def test_check_period_length_leap_year() -> None:
    check_period_length(date(2027, 11, 30), date(2028, 2, 29))
    with pytest.raises(ValidationError):
        check_period_length(date(2027, 11, 30), date(2028, 3, 1))


def test_check_period_length_end_before_start() -> None:
    with pytest.raises(
        ValidationError, match="Periodens slut 2026-01-14 ligger före startdatum 2026-01-15"
    ):
        check_period_length(date(2026, 1, 15), date(2026, 1, 14))


def test_check_period_length_other_months() -> None:
    check_period_length(date(2026, 1, 31), date(2026, 2, 28), 1)
    with pytest.raises(ValidationError, match="en månad"):
        check_period_length(date(2026, 1, 31), date(2026, 3, 1), 1)
    with pytest.raises(ValidationError, match="24 månader"):
        check_period_length(date(2026, 1, 31), date(2028, 2, 1), 24)


def test_months_between_within() -> None:
    earlier = date(2026, 8, 31)
    assert months_between_within(earlier, date(2027, 2, 28), 6)
    assert not months_between_within(earlier, date(2027, 3, 1), 6)
    assert months_between_within(date(2026, 1, 1), date(2026, 7, 1), 6)
    assert not months_between_within(date(2026, 1, 1), date(2026, 7, 2), 6)
    assert months_between_within(earlier, earlier, 6)


_DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@settings(database=None)
@given(_DATES)
def test_period_end_properties(start: date) -> None:
    end = temporary_period_end(start)
    assert start <= end < start + timedelta(days=93)
    last_day = calendar.monthrange(end.year, end.month)[1]
    if start.day <= last_day:
        assert end.day == start.day
    else:
        assert end.day == last_day
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == 3
    check_period_length(start, end)
    with pytest.raises(ValidationError):
        check_period_length(start, end + timedelta(days=1))


@settings(database=None)
@given(_DATES, st.integers(min_value=1, max_value=36))
def test_within_matches_add_months(earlier: date, months: int) -> None:
    limit = add_months(earlier, months)
    assert months_between_within(earlier, limit, months)
    assert not months_between_within(earlier, limit + timedelta(days=1), months)


def test_successive_periods_share_no_day_when_shown() -> None:
    first = (date(2026, 6, 2), temporary_period_end(date(2026, 6, 2)))
    renewal = renewal_period(first[1])
    assert period_text(*first) == "2026-06-02 – 2026-09-01"
    assert period_text(*renewal) == "2026-09-02 – 2026-12-01"
    assert last_day(first[1]) < renewal[0]
