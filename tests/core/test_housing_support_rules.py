"""Tests for the boendestöd interval and rent-debt rules in bobudget.follow_up.rules."""

from datetime import date

import pytest

from bobudget.follow_up.rules import (
    DEFAULT_HOUSING_SUPPORT_INTERVAL_MONTHS,
    HOUSING_SUPPORT_MAX_INTERVAL_MONTHS,
    check_housing_support_interval,
    latest_rent_month_in_arrears,
)
from bobudget.kernel.errors import ValidationError


def test_the_default_interval_is_within_the_bounds() -> None:
    assert DEFAULT_HOUSING_SUPPORT_INTERVAL_MONTHS == 6
    check_housing_support_interval(DEFAULT_HOUSING_SUPPORT_INTERVAL_MONTHS)


@pytest.mark.parametrize("months", [1, 24])
def test_one_to_24_months_is_accepted(months: int) -> None:
    check_housing_support_interval(months)


@pytest.mark.parametrize("months", [0, -3, 25])
def test_outside_one_to_24_months_is_refused(months: int) -> None:
    assert HOUSING_SUPPORT_MAX_INTERVAL_MONTHS == 24
    with pytest.raises(ValidationError, match=f"1–24 månaders mellanrum, inte {months}"):
        check_housing_support_interval(months)


def test_rent_can_be_in_arrears_up_to_next_months() -> None:
    # Rent is paid ahead: on 2026-03-20 April's rent has fallen due, May's has not.
    assert latest_rent_month_in_arrears(date(2026, 3, 20)) == date(2026, 4, 1)
    assert latest_rent_month_in_arrears(date(2026, 12, 31)) == date(2027, 1, 1)
