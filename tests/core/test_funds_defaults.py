"""Tests for the egna medel rules the window used to decide itself: the rent month, the review
default, the statement's month."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bobudget.funds.rules import (
    POWER_OF_ATTORNEY_REVIEW_MONTHS,
    RENT_PAID_AHEAD_AFTER_DAY,
    REVIEW_WINDOW_DAYS,
    default_power_of_attorney_end,
    default_review_date,
    default_statement_month,
    rent_month_for,
    review_urgency,
)
from bobudget.kernel.urgency import Urgency

DAYS = st.dates(min_value=date(1950, 1, 1), max_value=date(2200, 12, 31))


@pytest.mark.parametrize(
    ("paid_on", "month"),
    [
        (date(2026, 3, 1), date(2026, 3, 1)),
        (date(2026, 3, 15), date(2026, 3, 1)),  # the 15th is still this month's rent
        (date(2026, 3, 16), date(2026, 4, 1)),  # after the 15th: next month's
        (date(2026, 12, 28), date(2027, 1, 1)),  # across the year
        (date(2028, 2, 29), date(2028, 3, 1)),
    ],
)
def test_rent_paid_after_the_15th_is_for_next_month(paid_on: date, month: date) -> None:
    assert RENT_PAID_AHEAD_AFTER_DAY == 15
    assert rent_month_for(paid_on) == month


@given(DAYS)
def test_the_rent_month_is_this_or_the_next_months_first(paid_on: date) -> None:
    month = rent_month_for(paid_on)
    assert month.day == 1
    if paid_on.day <= 15:
        assert (month.year, month.month) == (paid_on.year, paid_on.month)
    else:
        assert month > paid_on and month - paid_on < timedelta(days=17)


@pytest.mark.parametrize(
    ("start", "review"),
    [
        (date(2026, 3, 1), date(2026, 9, 1)),
        (date(2026, 8, 31), date(2027, 2, 28)),  # clamped to February
        (date(2027, 8, 31), date(2028, 2, 29)),  # leap year
    ],
)
def test_a_power_of_attorney_is_reviewed_six_months_after_it_starts(
    start: date, review: date
) -> None:
    assert POWER_OF_ATTORNEY_REVIEW_MONTHS == 6
    assert default_review_date(start) == review
    assert default_power_of_attorney_end(start) == review


@pytest.mark.parametrize(
    ("today", "month"),
    [
        (date(2026, 3, 1), date(2026, 2, 1)),
        (date(2026, 3, 31), date(2026, 2, 1)),
        (date(2027, 1, 10), date(2026, 12, 1)),
    ],
)
def test_the_statement_is_for_the_month_that_ended(today: date, month: date) -> None:
    assert default_statement_month(today) == month


def test_the_review_window_is_thirty_days() -> None:
    today = date(2026, 3, 1)
    assert REVIEW_WINDOW_DAYS == 30
    assert review_urgency(today + timedelta(days=30), today) is Urgency.SOON
    assert review_urgency(today + timedelta(days=31), today) is Urgency.LATER
    assert review_urgency(today - timedelta(days=1), today) is Urgency.OVERDUE
