"""Colour is never the only sign (WCAG 2.1 1.4.1): a late or today's item says so in words
wherever its date is coloured."""

from __future__ import annotations

import datetime as dt

from bobudget.follow_up.overview import OverviewRow
from bobudget.kernel.urgency import Urgency
from ui.follow_up.person_list import next_meeting_text


def row(urgency: Urgency | None) -> OverviewRow:
    return OverviewRow(1, "Öberg, Karin", "", "", dt.date(2026, 10, 6), urgency, (), False)


def test_the_follow_up_list_says_late_and_today_in_words() -> None:
    assert next_meeting_text(row(Urgency.OVERDUE)) == "2026-10-06 · försenat"
    assert next_meeting_text(row(Urgency.TODAY)) == "2026-10-06 · i dag"
    assert next_meeting_text(row(Urgency.SOON)) == "2026-10-06"
