"""Tests for the lease-contract and takeover rules in bobudget.placement.rules."""

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bobudget.kernel.errors import ValidationError
from bobudget.placement.rules import (
    DEFAULT_REMINDER_DAYS,
    QUEUE_WARN_DAYS,
    TAKEOVER_FLAG_MONTHS,
    TAKEOVER_REVIEW_MONTHS,
    TAKEOVER_REVIEW_WINDOW_DAYS,
    check_contract_terms,
    check_end_after_start,
    check_start_not_before_decision,
    contract_terms_problems,
    housing_first_guarantee_ceiling,
    housing_first_guarantee_end,
)
from bobudget.placement.takeover_rules import takeover_flag_date, takeover_flagged

GOOD_TERMS: dict[str, Any] = {
    "monthly_rent_ore": 6_512_00,
    "follow_up_interval_months": 3,
    "tenure_waiver_approved": False,
    "tenure_waiver_date": None,
    "guarantee_ceiling_ore": None,
    "guarantee_end_date": None,
}
HOUSING_FIRST_TERMS = GOOD_TERMS | {
    "guarantee_ceiling_ore": 39_072_00,
    "guarantee_end_date": date(2028, 3, 1),
}


def test_the_domain_constants() -> None:
    # DOMAIN.md: takeover review at 12 months, flag at 24; the reminders' two weeks.
    assert (TAKEOVER_REVIEW_MONTHS, TAKEOVER_FLAG_MONTHS) == (12, 24)
    assert TAKEOVER_REVIEW_WINDOW_DAYS == 30
    assert DEFAULT_REMINDER_DAYS == QUEUE_WARN_DAYS == 14


@pytest.mark.parametrize("kind", ["social", "transitional"])
def test_good_terms_have_no_problems(kind: str) -> None:
    assert contract_terms_problems(kind, **GOOD_TERMS) == []
    check_contract_terms(kind, **GOOD_TERMS)
    assert contract_terms_problems("housing_first", **HOUSING_FIRST_TERMS) == []


@pytest.mark.parametrize("rent", [None, 0, -100])
def test_a_rent_of_nothing_is_refused(rent: int | None) -> None:
    with pytest.raises(ValidationError, match="Fyll i månadshyran"):
        check_contract_terms("social", **GOOD_TERMS | {"monthly_rent_ore": rent})


def test_the_follow_up_interval_is_at_least_a_month() -> None:
    with pytest.raises(ValidationError, match="minst en månad"):
        check_contract_terms("social", **GOOD_TERMS | {"follow_up_interval_months": 0})


def test_a_tenure_waiver_only_where_the_municipality_lets_in_second_hand() -> None:
    waiver = {"tenure_waiver_approved": True, "tenure_waiver_date": date(2026, 2, 1)}
    assert contract_terms_problems("transitional", **GOOD_TERMS | waiver) == []
    with pytest.raises(ValidationError, match="gäller bara sociala och bostadssociala"):
        check_contract_terms("housing_first", **HOUSING_FIRST_TERMS | waiver)


def test_an_approved_waiver_needs_the_tribunals_date() -> None:
    terms = GOOD_TERMS | {"tenure_waiver_approved": True}
    with pytest.raises(ValidationError, match="hyresnämnden godkände"):
        check_contract_terms("social", **terms)


def test_housing_first_needs_the_rent_guarantee() -> None:
    assert contract_terms_problems("housing_first", **GOOD_TERMS) == [
        "Bostad först: fyll i hyresgarantins högsta belopp (t.ex. sex månadshyror).",
        "Bostad först: fyll i hur länge hyresgarantin gäller.",
    ]
    # Other kinds carry no guarantee, so none is asked for.
    assert contract_terms_problems("social", **GOOD_TERMS) == []


def test_every_problem_is_listed_in_form_order_and_the_first_is_raised() -> None:
    bad = {
        "monthly_rent_ore": None,
        "follow_up_interval_months": 0,
        "tenure_waiver_approved": True,
        "tenure_waiver_date": None,
        "guarantee_ceiling_ore": None,
        "guarantee_end_date": None,
    }
    problems = contract_terms_problems("housing_first", **bad)
    assert len(problems) == 6
    assert problems[0].startswith("Fyll i månadshyran")
    with pytest.raises(ValidationError) as raised:
        check_contract_terms("housing_first", **bad)
    assert str(raised.value) == problems[0]


def test_contract_dates() -> None:
    check_end_after_start(date(2026, 3, 1), None)
    check_end_after_start(date(2026, 3, 1), date(2026, 3, 1))
    with pytest.raises(ValidationError, match="Slutdatum 2026-02-28 ligger före startdatum"):
        check_end_after_start(date(2026, 3, 1), date(2026, 2, 28))
    check_start_not_before_decision(date(2026, 3, 1), date(2026, 3, 1))
    with pytest.raises(ValidationError, match="tidigast den dag beslutet fattades"):
        check_start_not_before_decision(date(2026, 2, 28), date(2026, 3, 1))


def test_the_housing_first_guarantee_proposal() -> None:
    # Six months' rent, for two years from the start (a leap day clamps).
    assert housing_first_guarantee_ceiling(6_512_00) == 39_072_00
    assert housing_first_guarantee_end(date(2026, 3, 1)) == date(2028, 3, 1)
    assert housing_first_guarantee_end(date(2028, 2, 29)) == date(2030, 2, 28)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), st.booleans())
def test_takeover_flagged_from_24_months_unless_closed(start: date, closed: bool) -> None:
    flag = takeover_flag_date(start)
    assert takeover_flagged(start, flag, closed=closed) is not closed
    assert not takeover_flagged(start, flag - timedelta(days=1), closed=closed)
