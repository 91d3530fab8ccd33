"""Tests for the placement rules: waiting time, three months in the queue, renewal reminders,
the takeover review, and what a stay in temporary housing costs.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bobudget.kernel.periods import renewal_period, temporary_period_end
from bobudget.kernel.urgency import Urgency
from bobudget.placement.cost_rules import nights, stay_cost, stay_cost_in_month
from bobudget.placement.rules import (
    days_left,
    is_reportable,
    latest_end_acted_by,
    latest_passed_decision_date,
    renewal_action_date,
    renewal_reminder_date,
    renewal_urgency,
    three_months_date,
    three_months_urgency,
    waiting_days,
)
from bobudget.placement.takeover_rules import (
    takeover_eligibility,
    takeover_flag_date,
    takeover_review_date,
    takeover_urgency,
)

DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))

# Waiting time and the three months


def test_waiting_days_count_from_the_decision_to_the_start_or_today() -> None:
    decided = date(2026, 8, 1)
    assert waiting_days(decided, None, date(2026, 11, 27)) == 118
    assert waiting_days(decided, date(2026, 9, 1), date(2026, 11, 27)) == 31
    assert waiting_days(decided, None, decided) == 0
    # A start dated before the decision is no wait, never a negative one.
    assert waiting_days(decided, date(2026, 7, 30), date(2026, 11, 27)) == 0


@pytest.mark.parametrize(
    ("decided", "limit"),
    [
        (date(2026, 1, 15), date(2026, 4, 15)),
        (date(2026, 11, 30), date(2027, 2, 28)),
        (date(2027, 11, 30), date(2028, 2, 29)),
        (date(2026, 1, 31), date(2026, 4, 30)),
    ],
)
def test_three_months_count_as_every_period_of_months(decided: date, limit: date) -> None:
    assert three_months_date(decided) == limit
    # Carried out on the last day: within three months. The day after: reported to IVO.
    assert not is_reportable(decided, limit, limit + timedelta(days=30))
    assert is_reportable(decided, limit + timedelta(days=1), limit + timedelta(days=30))
    # Still waiting: reportable from the day after the three months.
    assert not is_reportable(decided, None, limit)
    assert is_reportable(decided, None, limit + timedelta(days=1))


def test_three_months_urgency_at_its_boundaries() -> None:
    decided = date(2026, 11, 30)  # three months run out 2027-02-28
    assert three_months_urgency(decided, date(2027, 2, 13), 14) is Urgency.LATER
    assert three_months_urgency(decided, date(2027, 2, 14), 14) is Urgency.SOON
    assert three_months_urgency(decided, date(2027, 2, 27), 14) is Urgency.SOON
    assert three_months_urgency(decided, date(2027, 2, 28), 14) is Urgency.TODAY
    assert three_months_urgency(decided, date(2027, 3, 1), 14) is Urgency.OVERDUE
    assert three_months_urgency(decided, date(2027, 9, 1), 14) is Urgency.OVERDUE


@given(DAYS, st.integers(min_value=-200, max_value=200))
def test_latest_passed_decision_date_splits_the_queue_exactly(today: date, offset: int) -> None:
    decided = today - timedelta(days=120 + offset)
    passed = three_months_date(decided) < today
    assert (decided <= latest_passed_decision_date(today)) == passed


def test_latest_passed_decision_date_at_month_ends() -> None:
    # 2027-02-28 + 3 months is 2027-05-28: on the 31st of May it has passed, though
    # three months back from the 31st is the 28th of February.
    assert latest_passed_decision_date(date(2027, 5, 31)) == date(2027, 2, 28)
    assert latest_passed_decision_date(date(2027, 3, 1)) == date(2026, 11, 30)


# Temporary housing: periods chained through month ends, and the reminder


def test_renewals_chain_through_month_ends() -> None:
    first_end = temporary_period_end(date(2026, 11, 30))
    second = renewal_period(first_end)
    third = renewal_period(second[1])
    assert first_end == date(2027, 2, 28)
    assert second == (date(2027, 2, 28), date(2027, 5, 28))
    assert third == (date(2027, 5, 28), date(2027, 8, 28))


@pytest.mark.parametrize(
    ("end", "action"),
    [
        (date(2027, 2, 26), date(2027, 2, 26)),  # a Friday: the end itself
        (date(2027, 2, 28), date(2027, 2, 26)),  # a Sunday: the Friday before
        (date(2027, 2, 27), date(2027, 2, 26)),  # a Saturday
        (date(2026, 12, 25), date(2026, 12, 23)),  # juldagen, julafton: the 23rd
        (date(2027, 1, 6), date(2027, 1, 5)),  # trettondedag jul on a Wednesday
        (date(2027, 1, 1), date(2026, 12, 30)),  # nyårsdagen, nyårsafton
        (date(2027, 3, 29), date(2027, 3, 25)),  # annandag påsk back to Skärtorsdagen
        (date(2027, 5, 28), date(2027, 5, 28)),  # a Friday
    ],
)
def test_renewal_action_date_moves_to_the_last_working_day(end: date, action: date) -> None:
    assert renewal_action_date(end) == action


def test_renewal_urgency_at_its_boundaries() -> None:
    end = date(2027, 2, 28)  # Sunday: action by Friday 2027-02-26
    assert renewal_reminder_date(end, 14) == date(2027, 2, 12)
    assert renewal_urgency(end, date(2027, 2, 11), 14) is Urgency.LATER
    assert renewal_urgency(end, date(2027, 2, 12), 14) is Urgency.SOON
    assert renewal_urgency(end, date(2027, 2, 26), 14) is Urgency.SOON
    assert renewal_urgency(end, date(2027, 2, 27), 14) is Urgency.OVERDUE
    assert renewal_urgency(end, date(2027, 3, 10), 14) is Urgency.OVERDUE
    assert renewal_urgency(end, date(2027, 2, 27), 14, decided=True) is Urgency.DONE
    # The window is the setting: seven days start a week later.
    assert renewal_urgency(end, date(2027, 2, 18), 7) is Urgency.LATER
    assert renewal_urgency(end, date(2027, 2, 19), 7) is Urgency.SOON


def test_days_left() -> None:
    assert days_left(date(2027, 2, 28), date(2027, 2, 14)) == 14
    assert days_left(date(2027, 2, 28), date(2027, 2, 28)) == 0
    assert days_left(date(2027, 2, 28), date(2027, 3, 2)) == -2


@given(DAYS, st.integers(min_value=-10, max_value=10))
def test_latest_end_acted_by_is_exact(day: date, offset: int) -> None:
    end = day + timedelta(days=offset)
    assert (renewal_action_date(end) <= day) == (end <= latest_end_acted_by(day))


# Bostadssocialt kontrakt: the takeover review


def test_takeover_dates() -> None:
    assert takeover_review_date(date(2026, 2, 15)) == date(2027, 2, 15)
    assert takeover_flag_date(date(2026, 2, 15)) == date(2028, 2, 15)
    assert takeover_review_date(date(2028, 2, 29)) == date(2029, 2, 28)


def test_takeover_eligibility_from_the_periods_debts_and_disturbances() -> None:
    start, as_of = date(2025, 11, 10), date(2026, 11, 10)
    clean = takeover_eligibility(start, as_of, [], [])
    assert clean.eligible
    assert "Uppfyller villkoren" in clean.text
    # A debt for the start's own month counts; one from before the contract does not.
    debt = takeover_eligibility(start, as_of, [date(2025, 11, 1)], [])
    assert not debt.eligible
    assert debt.rent_arrears == 1
    assert "1 hyresskuld" in debt.text
    assert takeover_eligibility(start, as_of, [date(2025, 10, 1)], []).eligible
    # A disturbance counts by its day, within the period only.
    assert takeover_eligibility(start, as_of, [], [date(2025, 11, 9)]).eligible
    assert not takeover_eligibility(start, as_of, [], [date(2025, 11, 10)]).eligible
    assert takeover_eligibility(start, as_of, [], [date(2026, 11, 11)]).eligible
    both = takeover_eligibility(start, as_of, [date(2026, 1, 1), date(2026, 3, 1)], [as_of])
    assert both.reasons == ["2 hyresskulder under perioden", "1 störningsanmälan under perioden"]


def test_takeover_urgency_at_its_boundaries() -> None:
    start = date(2025, 12, 1)  # review 2026-12-01, flag 2027-12-01

    def mark(today: date, reviewed: bool = False, closed: bool = False) -> Urgency:
        return takeover_urgency(start, today, 30, reviewed=reviewed, closed=closed)

    assert mark(date(2026, 10, 31)) is Urgency.LATER
    assert mark(date(2026, 11, 1)) is Urgency.SOON
    assert mark(date(2026, 12, 1)) is Urgency.SOON
    assert mark(date(2026, 12, 2)) is Urgency.OVERDUE
    assert mark(date(2026, 12, 2), reviewed=True) is Urgency.LATER
    # Not taken over at 24 months: flagged for a decision, review or not.
    assert mark(date(2027, 11, 30), reviewed=True) is Urgency.LATER
    assert mark(date(2027, 12, 1), reviewed=True) is Urgency.OVERDUE
    assert mark(date(2027, 12, 1), closed=True) is Urgency.DONE


# What a stay costs


def test_nights_end_on_the_day_the_person_leaves() -> None:
    assert nights(date(2026, 11, 30), date(2027, 2, 28)) == 90
    assert nights(date(2026, 11, 30), date(2026, 11, 30)) == 0
    assert nights(date(2026, 11, 30), date(2026, 11, 1)) == 0


def test_cost_per_night() -> None:
    assert stay_cost(date(2026, 11, 1), date(2026, 11, 11), 45000, "night") == 450000
    assert (
        stay_cost_in_month(date(2026, 10, 25), date(2026, 11, 5), 45000, "night", date(2026, 10, 1))
        == 7 * 45000
    )
    assert (
        stay_cost_in_month(
            date(2026, 10, 25), date(2026, 11, 5), 45000, "night", date(2026, 11, 20)
        )
        == 4 * 45000
    )


def test_cost_per_month_is_the_price_for_a_whole_month_and_a_share_for_part() -> None:
    assert (
        stay_cost_in_month(date(2026, 11, 1), date(2026, 12, 1), 900000, "month", date(2026, 11, 1))
        == 900000
    )
    # 15 of November's 30 nights: half the price.
    assert (
        stay_cost_in_month(
            date(2026, 11, 16), date(2026, 12, 1), 900000, "month", date(2026, 11, 1)
        )
        == 450000
    )
    # 10 of 31 nights: 290 322,58… rounds to whole öre.
    assert (
        stay_cost_in_month(
            date(2026, 12, 1), date(2026, 12, 11), 900000, "month", date(2026, 12, 1)
        )
        == 290323
    )
    assert stay_cost(date(2026, 11, 16), date(2026, 12, 11), 900000, "month") == 450000 + 290323


@given(
    DAYS,
    st.integers(min_value=0, max_value=400),
    st.integers(min_value=0, max_value=2_000_000),
    st.sampled_from(["night", "month"]),
)
def test_months_add_up_to_the_whole_stay(start: date, length: int, price: int, unit: str) -> None:
    end = start + timedelta(days=length)
    month = start.replace(day=1)
    total = 0
    while month < end:
        total += stay_cost_in_month(start, end, price, unit, month)
        month = (month + timedelta(days=32)).replace(day=1)
    assert total == stay_cost(start, end, price, unit)
