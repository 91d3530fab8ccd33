"""Gallring rules at their edges: five years, the research sample, the ledger, unknown births."""

from __future__ import annotations

import datetime as dt

import pytest

from bobudget.retention.rules import (
    GroupFacts,
    judge,
    ledger_kept_until,
    purge_deadline,
    record_due_from,
)

BORN = dt.date(1980, 3, 12)


def facts(
    last: dt.date, *, born: dt.date | None = BORN, ledger: dt.date | None = None
) -> GroupFacts:
    return GroupFacts(
        person_ids=(1,), birth_dates=(born,), last_entry=last, last_ledger_entry=ledger
    )


def test_five_years_run_out_on_the_same_date_and_the_record_goes_the_day_after() -> None:
    last = dt.date(2020, 3, 10)
    assert record_due_from(last) == dt.date(2025, 3, 11)
    assert not judge(facts(last), dt.date(2025, 3, 10)).due  # the fifth year's last day
    verdict = judge(facts(last), dt.date(2025, 3, 11))
    assert verdict.due
    assert "2020-03-10" in verdict.reason
    # At the latest by the end of the following year.
    assert verdict.deadline == dt.date(2026, 12, 31) == purge_deadline(verdict.due_from)


def test_a_leap_day_entry_counts_to_the_end_of_february() -> None:
    assert record_due_from(dt.date(2020, 2, 29)) == dt.date(2025, 3, 1)
    assert not judge(facts(dt.date(2020, 2, 29)), dt.date(2025, 2, 28)).due
    assert judge(facts(dt.date(2020, 2, 29)), dt.date(2025, 3, 1)).due


@pytest.mark.parametrize("day", [5, 15, 25])
def test_persons_born_on_the_5th_15th_and_25th_are_kept_for_research(day: int) -> None:
    verdict = judge(facts(dt.date(2001, 1, 1), born=dt.date(1970, 6, day)), dt.date(2030, 1, 1))
    assert not verdict.due
    assert "Forskningsurval" in verdict.reason and f"{day}:e" in verdict.reason


@pytest.mark.parametrize("day", [4, 6, 14, 16, 24, 26, 31])
def test_the_days_around_the_sample_are_purged(day: int) -> None:
    assert judge(facts(dt.date(2001, 1, 1), born=dt.date(1970, 1, day)), dt.date(2030, 1, 1)).due


def test_one_sampled_person_keeps_the_whole_group() -> None:
    group = GroupFacts(
        person_ids=(1, 2),
        birth_dates=(dt.date(1970, 1, 3), dt.date(2005, 2, 15)),
        last_entry=dt.date(2001, 1, 1),
    )
    assert not judge(group, dt.date(2030, 1, 1)).due


def test_an_unknown_birth_date_keeps_the_person_until_it_is_recorded() -> None:
    verdict = judge(facts(dt.date(2001, 1, 1), born=None), dt.date(2030, 1, 1))
    assert not verdict.due and "okänd" in verdict.reason


def test_a_ledger_is_kept_to_the_end_of_the_seventh_year_after_its_entry_year() -> None:
    assert ledger_kept_until(dt.date(2019, 1, 2)) == dt.date(2026, 12, 31)
    record = facts(dt.date(2019, 6, 1), ledger=dt.date(2019, 6, 1))
    # The case record's five years ran out in 2024; the ledger's seven years have not.
    kept = judge(record, dt.date(2026, 12, 31))
    assert not kept.due and "bokföringslagen" in kept.reason
    due = judge(record, dt.date(2027, 1, 1))
    assert due.due and due.due_from == dt.date(2027, 1, 1) and due.deadline == dt.date(2028, 12, 31)


def test_a_recent_ledger_entry_keeps_a_person_whose_case_ended_long_ago() -> None:
    record = facts(dt.date(2015, 1, 1), ledger=dt.date(2024, 12, 31))
    assert not judge(record, dt.date(2031, 12, 31)).due
    assert judge(record, dt.date(2032, 1, 1)).due
