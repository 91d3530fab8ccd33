"""Tests for the boendestöd review interval rule in bobudget.rules.follow_up."""

import pytest

from bobudget.errors import ValidationError
from bobudget.rules.follow_up import (
    DEFAULT_HOUSING_SUPPORT_INTERVAL_MONTHS,
    HOUSING_SUPPORT_MAX_INTERVAL_MONTHS,
    check_housing_support_interval,
)


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
