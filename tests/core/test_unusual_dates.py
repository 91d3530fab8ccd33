"""Back-dated and future actions: what the rules ask about (allowed, but unusual) and what they
forbid, each with its reason."""

from __future__ import annotations

import datetime as dt

from bobudget.follow_up.rules import held_date_problem, held_date_question
from bobudget.kernel.formatting import describe_distance
from bobudget.placement.rules import backdated_start_question, past_end_question

TODAY = dt.date(2026, 11, 27)


def test_a_placement_starting_ten_months_ago_is_asked_about() -> None:
    question = backdated_start_question(dt.date(2026, 1, 27), TODAY)
    assert question is not None
    assert question.startswith("Startdatumet 2026-01-27 ligger 10 månader bakåt i tiden.")


def test_a_start_within_a_month_is_not_unusual() -> None:
    assert backdated_start_question(TODAY - dt.timedelta(days=30), TODAY) is None
    assert backdated_start_question(TODAY, TODAY) is None
    assert backdated_start_question(TODAY - dt.timedelta(days=31), TODAY) is not None


def test_an_end_already_past_is_asked_about_today_is_not() -> None:
    question = past_end_question(dt.date(2026, 11, 15), TODAY)
    assert question is not None and "har redan passerat (12 dagar sedan)" in question
    assert past_end_question(TODAY, TODAY) is None


def test_a_meeting_held_on_a_day_to_come_is_forbidden() -> None:
    problem = held_date_problem(dt.date(2026, 12, 3), TODAY)
    assert problem is not None and problem.startswith("Mötet kan inte registreras som hållet")
    assert held_date_problem(TODAY, TODAY) is None


def test_a_meeting_recorded_long_after_is_asked_about() -> None:
    assert held_date_question(TODAY - dt.timedelta(days=60), TODAY) is None
    question = held_date_question(dt.date(2026, 8, 1), TODAY)
    assert question is not None and "4 månader bakåt" in question


def test_distances_read_as_one_says_them() -> None:
    assert describe_distance(TODAY, TODAY + dt.timedelta(days=1)) == "1 dag"
    assert describe_distance(dt.date(2026, 10, 27), TODAY) == "31 dagar"
    assert describe_distance(dt.date(2026, 10, 1), TODAY) == "2 månader"
