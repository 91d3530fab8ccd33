"""Tests for bobudget.follow_up.rules: the follow-up schedule, reviews and the two-debts rule."""

import datetime as dt
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bobudget.follow_up.rules import (
    ConsentFacts,
    DebtRecord,
    checklist_complete,
    consent_stops_letter,
    first_follow_up_due,
    housing_support_first_review,
    housing_support_next_review,
    missing_checklist_items,
    multiparty_meeting_called_for,
    multiparty_meeting_due_date,
    next_follow_up_due,
    parse_checklist,
    untick_question,
    week_urgency,
)
from bobudget.kernel.urgency import Urgency


def debt(month: date, registered: date | None = None) -> DebtRecord:
    return DebtRecord(month, registered or month + timedelta(days=20))


# --- follow-up schedule ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("move_in", "first"),
    [
        (date(2026, 1, 15), date(2026, 2, 15)),
        (date(2026, 1, 31), date(2026, 2, 28)),
        (date(2028, 1, 31), date(2028, 2, 29)),
        (date(2026, 12, 31), date(2027, 1, 31)),
    ],
)
def test_first_follow_up_within_a_month_of_move_in(move_in: date, first: date) -> None:
    assert first_follow_up_due(move_in) == first


def test_next_follow_up_at_the_contracts_interval_from_the_meeting_held() -> None:
    assert next_follow_up_due(date(2026, 2, 20), 3) == date(2026, 5, 20)
    assert next_follow_up_due(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert next_follow_up_due(date(2026, 2, 20), 1) == date(2026, 3, 20)
    assert next_follow_up_due(date(2026, 2, 20), 6) == date(2026, 8, 20)


def test_an_interval_below_a_month_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        next_follow_up_due(date(2026, 2, 20), 0)


# --- boendestöd reviews ------------------------------------------------------------------------


def test_housing_support_reviews() -> None:
    start = date(2026, 3, 31)
    assert housing_support_first_review(start, 6) == date(2026, 9, 30)
    assert housing_support_next_review(start, 6, None) == date(2026, 9, 30)
    # After a review, one interval from that review.
    assert housing_support_next_review(start, 6, None, date(2026, 10, 5)) == date(2027, 4, 5)
    assert housing_support_next_review(start, 3, None, date(2026, 10, 5)) == date(2027, 1, 5)


def test_housing_support_ending_before_the_review_needs_none() -> None:
    start = date(2026, 3, 1)
    assert housing_support_next_review(start, 6, date(2026, 8, 31)) is None
    assert housing_support_next_review(start, 6, date(2026, 9, 1)) is None  # ends that day
    assert housing_support_next_review(start, 6, date(2026, 9, 2)) == date(2026, 9, 1)


# --- two rent debts within six months → flerpartssamtal -----------------------------------------


def test_a_single_debt_calls_for_no_meeting() -> None:
    assert not multiparty_meeting_called_for(debt(date(2026, 3, 1)), [], [])


def test_exactly_six_months_apart_counts_as_within() -> None:
    january = debt(date(2026, 1, 1))
    assert multiparty_meeting_called_for(debt(date(2026, 7, 1)), [january], [])


def test_seven_months_apart_is_not_within() -> None:
    january = debt(date(2026, 1, 1))
    assert not multiparty_meeting_called_for(debt(date(2026, 8, 1)), [january], [])


def test_six_months_across_a_year_end() -> None:
    september = debt(date(2026, 9, 1))
    assert multiparty_meeting_called_for(debt(date(2027, 3, 1)), [september], [])
    assert not multiparty_meeting_called_for(debt(date(2027, 4, 1)), [september], [])


def test_a_late_reported_earlier_month_counts_the_other_way_round() -> None:
    # The March debt was registered first; the December debt before it is reported later.
    march = debt(date(2026, 3, 1), date(2026, 3, 20))
    december = debt(date(2025, 12, 1), date(2026, 4, 2))
    assert multiparty_meeting_called_for(december, [march], [])


def test_a_meeting_held_after_the_earlier_debt_suppresses_it() -> None:
    january = debt(date(2026, 1, 1), date(2026, 1, 25))
    april = debt(date(2026, 4, 1), date(2026, 4, 20))
    assert not multiparty_meeting_called_for(april, [january], [date(2026, 2, 10)])
    # Held the very day the earlier debt was registered: it was about that debt.
    assert not multiparty_meeting_called_for(april, [january], [date(2026, 1, 25)])


def test_a_meeting_held_before_the_earlier_debt_does_not_suppress_it() -> None:
    january = debt(date(2026, 1, 1), date(2026, 1, 25))
    april = debt(date(2026, 4, 1), date(2026, 4, 20))
    assert multiparty_meeting_called_for(april, [january], [date(2026, 1, 24)])


def test_a_meeting_between_two_earlier_debts_answers_only_for_the_first() -> None:
    january = debt(date(2026, 1, 1), date(2026, 1, 25))
    march = debt(date(2026, 3, 1), date(2026, 3, 22))
    may = debt(date(2026, 5, 1), date(2026, 5, 20))
    # Held after January but before March: the March and May debts are new since the meeting.
    assert multiparty_meeting_called_for(may, [january, march], [date(2026, 2, 15)])
    assert not multiparty_meeting_called_for(may, [january, march], [date(2026, 3, 25)])


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 1)),
    st.integers(min_value=0, max_value=24),
)
def test_within_six_months_exactly_when_at_most_six_months_apart(first: date, apart: int) -> None:
    month = first.replace(day=1)
    year, index = divmod(month.month - 1 + apart, 12)
    later = date(month.year + year, index + 1, 1)
    called = multiparty_meeting_called_for(debt(later), [debt(month)], [])
    assert called == (apart <= 6)


def test_the_meeting_is_offered_within_two_weeks() -> None:
    assert multiparty_meeting_due_date(date(2026, 11, 20)) == date(2026, 12, 4)


# --- the checklist -----------------------------------------------------------------------------


def test_parse_checklist_one_item_per_line() -> None:
    text = "Hemförsäkring\n\n  Elavtal  \nHemförsäkring\nNycklar   kvitterade\n"
    assert parse_checklist(text) == ["Hemförsäkring", "Elavtal", "Nycklar kvitterade"]


def test_checklist_completeness() -> None:
    items = [("Hemförsäkring", True), ("Elavtal", False), ("Adressändring", False)]
    assert not checklist_complete(items)
    assert missing_checklist_items(items) == ["Elavtal", "Adressändring"]
    assert checklist_complete([(text, True) for text, _ in items])
    assert not checklist_complete([])


# --- how soon ----------------------------------------------------------------------------------


def test_urgency_groups() -> None:
    friday = date(2026, 11, 27)
    assert week_urgency(date(2026, 11, 26), friday) is Urgency.OVERDUE
    assert week_urgency(friday, friday) is Urgency.TODAY
    assert week_urgency(date(2026, 11, 29), friday) is Urgency.SOON  # Sunday
    assert week_urgency(date(2026, 11, 30), friday) is Urgency.LATER  # next Monday
    monday = date(2026, 11, 23)
    assert week_urgency(date(2026, 11, 29), monday) is Urgency.SOON


# --- a colleague's tick, and the consent that lets the landlord be told --------------------


def test_unticking_asks_only_about_a_colleagues_tick() -> None:
    at = dt.datetime(2026, 11, 26, 8, 15, tzinfo=dt.UTC)
    assert (
        untick_question("anna", "Anna Ärlig", at, "bo")
        == "Bocken sattes av Anna Ärlig den 2026-11-26 09:15, ta bort den?"
    )
    assert untick_question("anna", "Anna Ärlig", at, "anna") is None
    assert untick_question("", "", None, "bo") is None


def test_the_consent_stops_the_landlords_letter_when_missing_withdrawn_or_expired() -> None:
    today = dt.date(2026, 11, 27)
    given = dt.date(2026, 11, 20)
    assert "inte registrerat" in (
        consent_stops_letter(ConsentFacts(False, None, None, None), today) or ""
    )
    assert consent_stops_letter(ConsentFacts(True, given, None, None), today) is None
    assert consent_stops_letter(ConsentFacts(True, given, today, None), today) is None
    assert "gällde till och med 2026-11-26" in (
        consent_stops_letter(ConsentFacts(True, given, dt.date(2026, 11, 26), None), today) or ""
    )
    assert "återkallade samtycket 2026-11-27" in (
        consent_stops_letter(ConsentFacts(True, given, None, today), today) or ""
    )
    # Withdrawn from a day to come: it holds until then.
    later = dt.date(2026, 12, 1)
    assert consent_stops_letter(ConsentFacts(True, given, None, later), today) is None
