"""The one urgency: each domain's rule at its boundaries, the day before, of and after.

Every rule is asked as the lists ask it: the due day fixed, `today` moving over it.
"""

from datetime import date, timedelta

import pytest

from bobudget.app.todo import GROUP_LABELS
from bobudget.follow_up.rules import week_urgency
from bobudget.funds.rules import review_urgency
from bobudget.kernel.urgency import Urgency
from bobudget.placement.rules import renewal_urgency, three_months_urgency
from bobudget.placement.takeover_rules import takeover_urgency

DAY = timedelta(days=1)
OVERDUE, TODAY, SOON, LATER, DONE = (
    Urgency.OVERDUE,
    Urgency.TODAY,
    Urgency.SOON,
    Urgency.LATER,
    Urgency.DONE,
)


def around(day: date) -> tuple[date, date, date]:
    return day - DAY, day, day + DAY


def test_every_level_has_its_swedish_label_and_stored_word() -> None:
    assert Urgency.labels() == {
        OVERDUE: "Försenat",
        TODAY: "I dag",
        SOON: "Snart",
        LATER: "Kommande",
        DONE: "Klar",
    }
    assert [str(u) for u in Urgency] == ["overdue", "today", "soon", "later", "done"]
    assert Urgency("soon") is SOON


def test_att_gora_headings_are_the_ones_users_know() -> None:
    assert [GROUP_LABELS[u] for u in (OVERDUE, TODAY, SOON, LATER)] == [
        "Försenat",
        "I dag",
        "Denna vecka",
        "Kommande",
    ]


# --- Att göra and the follow-up lists: soon is the rest of today's week --------------------


def test_week_urgency_around_the_due_day() -> None:
    due = date(2026, 11, 27)  # a Friday
    before, on, after = around(due)
    assert [week_urgency(due, today) for today in (before, on, after)] == [SOON, TODAY, OVERDUE]


def test_week_urgency_around_sunday() -> None:
    friday = date(2026, 11, 27)
    saturday, sunday, monday = around(date(2026, 11, 29))
    assert [week_urgency(due, friday) for due in (saturday, sunday, monday)] == [
        SOON,
        SOON,
        LATER,
    ]


# --- the queue: three months from the decision --------------------------------------------


DECIDED = date(2026, 11, 30)  # the three months run out 2027-02-28


def test_three_months_urgency_around_the_warning() -> None:
    warn_from = date(2027, 2, 28) - timedelta(days=14)
    assert [three_months_urgency(DECIDED, t, 14) for t in around(warn_from)] == [
        LATER,
        SOON,
        SOON,
    ]


def test_three_months_urgency_around_the_last_day() -> None:
    assert [three_months_urgency(DECIDED, t, 14) for t in around(date(2027, 2, 28))] == [
        SOON,
        TODAY,
        OVERDUE,
    ]


# --- temporary housing: the renewal reminder ------------------------------------------------


END = date(2027, 2, 28)  # a Sunday: act by Friday 2027-02-26


def test_renewal_urgency_around_the_reminder() -> None:
    assert [renewal_urgency(END, t, 14) for t in around(date(2027, 2, 12))] == [
        LATER,
        SOON,
        SOON,
    ]


def test_renewal_urgency_around_the_action_day() -> None:
    # The temporary list tells no "today" apart: the action day is still soon, amber.
    assert [renewal_urgency(END, t, 14) for t in around(date(2027, 2, 26))] == [
        SOON,
        SOON,
        OVERDUE,
    ]


def test_a_decided_period_is_done_whatever_the_day() -> None:
    assert renewal_urgency(END, date(2027, 3, 10), 14, decided=True) is DONE


# --- bostadssocialt kontrakt: the takeover review -------------------------------------------


START = date(2025, 12, 1)  # review 2026-12-01, flag 2027-12-01


def takeover(today: date, *, reviewed: bool = False, closed: bool = False) -> Urgency:
    return takeover_urgency(START, today, 30, reviewed=reviewed, closed=closed)


def test_takeover_urgency_around_the_window() -> None:
    assert [takeover(t) for t in around(date(2026, 11, 1))] == [LATER, SOON, SOON]


def test_takeover_urgency_around_the_review_day() -> None:
    assert [takeover(t) for t in around(date(2026, 12, 1))] == [SOON, SOON, OVERDUE]


def test_takeover_urgency_around_the_flag_even_when_reviewed() -> None:
    assert [takeover(t, reviewed=True) for t in around(date(2027, 12, 1))] == [
        LATER,
        OVERDUE,
        OVERDUE,
    ]


def test_a_closed_contract_is_done() -> None:
    assert takeover(date(2027, 12, 1), closed=True) is DONE


# --- egna medel: the review of the power of attorney ----------------------------------------


REVIEW = date(2026, 12, 31)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 12, 1), (LATER, SOON, SOON)),  # thirty days before the review
        (REVIEW, (SOON, SOON, OVERDUE)),
    ],
)
def test_review_urgency_around(day: date, expected: tuple[Urgency, ...]) -> None:
    assert tuple(review_urgency(REVIEW, t, 30) for t in around(day)) == expected


def test_review_urgency_without_a_date_or_once_closed() -> None:
    assert review_urgency(None, REVIEW) is None
    assert review_urgency(REVIEW, REVIEW + DAY, closed=True) is DONE
