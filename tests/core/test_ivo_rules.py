"""The IVO report's rules at their edges: the three months (the queue's rule), what was carried
out or ended by a quarter's last day, and which episodes belong in a quarter."""

from __future__ import annotations

import datetime as dt

import pytest

from bobudget.placement.queue import QUEUE_MARK_LABELS
from bobudget.placement.rules import QUEUE_WARN_DAYS, three_months_urgency
from bobudget.statistics.ivo_rules import (
    Episode,
    carried_out_on,
    episode_in_quarter,
    first_reportable_day,
    looks_like_identity,
    quarter_bounds,
    resumed_on,
    settled_by,
    sex_of,
    without_identities,
)

D = dt.date
Q3 = (D(2026, 7, 1), D(2026, 9, 30))
Q4 = (D(2026, 10, 1), D(2026, 12, 31))


@pytest.mark.parametrize(
    ("decided", "first_day"),
    [
        (D(2026, 1, 15), D(2026, 4, 16)),
        (D(2026, 11, 30), D(2027, 3, 1)),  # DOMAIN.md: 28 February is still within
        (D(2027, 11, 30), D(2028, 3, 1)),  # leap year: 29 February is still within
        (D(2026, 1, 31), D(2026, 5, 1)),
        (D(2025, 11, 29), D(2026, 3, 1)),  # no 29 February in 2026: its last day
        (D(2027, 11, 29), D(2028, 3, 1)),  # 29 February 2028 exists
    ],
)
def test_first_reportable_day_is_the_day_after_three_months(
    decided: dt.date, first_day: dt.date
) -> None:
    assert first_reportable_day(decided) == first_day


def test_the_report_agrees_with_the_queues_over_three_months_mark() -> None:
    decided = D(2026, 11, 30)
    for offset in range(-3, 4):
        day = first_reportable_day(decided) + dt.timedelta(days=offset)
        mark = QUEUE_MARK_LABELS[three_months_urgency(decided, day, QUEUE_WARN_DAYS)]
        waiting = Episode(decided)
        in_report = episode_in_quarter(waiting, day - dt.timedelta(days=10), day)
        assert in_report == (mark == "Över 3 mån – IVO"), day


@pytest.mark.parametrize(
    ("decided", "expected"),
    [
        (D(2026, 6, 29), True),  # three months ended 2026-09-29, the day before the last day
        (D(2026, 6, 30), False),  # three months end on the quarter's last day itself
        (D(2026, 7, 1), False),  # they end 2026-10-01, the day after
    ],
)
def test_waiting_at_the_quarters_last_day(decided: dt.date, expected: bool) -> None:
    assert episode_in_quarter(Episode(decided), *Q3) is expected


def test_month_end_decision_in_a_quarter_ending_in_february_edge() -> None:
    # 2026-11-30 is within three months through 2027-02-28, reportable in Q1 2027 (ends 03-31).
    q1 = quarter_bounds("2027Q1")
    assert episode_in_quarter(Episode(D(2026, 11, 30)), *q1)
    assert not episode_in_quarter(Episode(D(2026, 12, 31)), *q1)  # ends 2027-03-31: in time
    assert episode_in_quarter(Episode(D(2026, 12, 30)), *q1)  # ended 2027-03-30


@pytest.mark.parametrize(
    ("carried_out", "expected"),
    [
        (D(2026, 8, 15), False),  # the three-month day itself: in time
        (D(2026, 8, 14), False),  # the day before
        (D(2026, 8, 16), True),  # the day after: late, carried out in the quarter
    ],
)
def test_carried_out_around_the_three_month_day(carried_out: dt.date, expected: bool) -> None:
    episode = Episode(D(2026, 5, 15), carried_out=carried_out)
    assert episode_in_quarter(episode, *Q3) is expected


def test_carried_out_late_in_an_earlier_quarter_is_not_reported_again() -> None:
    episode = Episode(D(2026, 3, 1), carried_out=D(2026, 6, 20))
    assert not episode_in_quarter(episode, *Q3)
    # … unless the earlier report said it was still waiting: then its day is reported now.
    assert episode_in_quarter(episode, *Q3, reported_open=True)


def test_reported_in_q3_then_carried_out_in_q4() -> None:
    episode = Episode(D(2026, 5, 4), carried_out=D(2026, 11, 2))
    assert episode_in_quarter(episode, *Q3)
    assert settled_by(episode, Q3[1]) is None  # not yet in Q3: reported as waiting
    assert episode_in_quarter(episode, *Q4, reported_open=True)
    assert settled_by(episode, Q4[1]) == D(2026, 11, 2)
    # In the quarter after, it is settled before the quarter began: gone.
    assert not episode_in_quarter(episode, *quarter_bounds("2027Q1"))


def test_ended_counts_as_settled_and_a_later_day_is_not_known_yet() -> None:
    episode = Episode(D(2026, 4, 1), ended=D(2026, 10, 5))
    assert settled_by(episode, Q3[1]) is None
    assert settled_by(episode, Q4[1]) == D(2026, 10, 5)


def test_interruption_counts_its_three_months_from_the_end_of_the_placement() -> None:
    left = D(2026, 6, 30)  # three months end 2026-09-30, the quarter's last day
    assert not episode_in_quarter(Episode(left, interrupted=True), *Q3)
    assert episode_in_quarter(Episode(left, interrupted=True), *Q4)
    resumed_in_time = Episode(left, interrupted=True, carried_out=D(2026, 9, 30))
    assert not episode_in_quarter(resumed_in_time, *Q4)


def test_carried_out_and_resumed_days() -> None:
    assert carried_out_on(None, []) is None
    assert carried_out_on(None, [D(2026, 5, 1), D(2026, 4, 1)]) == D(2026, 4, 1)
    assert carried_out_on(D(2026, 4, 10), [D(2026, 5, 1)]) == D(2026, 4, 10)
    assert resumed_on(D(2026, 5, 1), [D(2026, 1, 1), D(2026, 5, 1), D(2026, 7, 1)]) == D(2026, 5, 1)
    assert resumed_on(D(2026, 5, 1), [D(2026, 1, 1)]) is None


def test_quarter_bounds() -> None:
    assert quarter_bounds("2026Q1") == (D(2026, 1, 1), D(2026, 3, 31))
    assert quarter_bounds("2028Q1") == (D(2028, 1, 1), D(2028, 3, 31))
    assert quarter_bounds("2026Q4") == (D(2026, 10, 1), D(2026, 12, 31))
    with pytest.raises(ValueError):
        quarter_bounds("2026Q5")


def test_sex_and_identity_shapes() -> None:
    assert sex_of("198503129812") == "Man"  # ninth digit of the short form (1) is odd
    assert sex_of("198503129822") == "Kvinna"
    assert sex_of("R000001") is None
    assert looks_like_identity("SN 19850312-9812")
    assert looks_like_identity("850312+9812")
    assert not looks_like_identity("SN 2026/00012")


def test_without_identities_takes_out_numbers_and_the_clients_names() -> None:
    text = "Karin Öberg (850312-9812) tackade nej; öberg vill bo i Karinberg"
    assert without_identities(text, ("Karin", "Öberg"), "[x]") == (
        "[x] [x] ([x]) tackade nej; [x] vill bo i Karinberg"
    )
    assert without_identities("För dyr hyra", ("Karin", "Öberg"), "[x]") == "För dyr hyra"
