"""The rule for letters about something already past, at its boundary (the day itself)."""

from __future__ import annotations

import datetime as dt

from bobudget.letters.staleness import LetterEvent, meeting, period_end, stale_reason

DAY = dt.date(2026, 12, 10)


def test_an_event_today_or_later_is_not_past() -> None:
    assert stale_reason(meeting(DAY), DAY) == ""
    assert stale_reason(period_end(DAY), DAY - dt.timedelta(days=30)) == ""
    # A period stored as ending DAY has DAY - 1 as its last day, and that day is still in it.
    assert stale_reason(period_end(DAY), DAY - dt.timedelta(days=1)) == ""
    assert stale_reason(None, DAY) == ""
    assert meeting(None) is None and period_end(None) is None


def test_an_event_before_the_letters_date_is_named_with_its_day() -> None:
    after = DAY + dt.timedelta(days=1)
    assert "mötet hölls 10 december 2026" in stale_reason(meeting(DAY), after)
    # The period's last day, as the letters print it ("till och med 9 december 2026").
    assert "perioden tog slut 9 december 2026" in stale_reason(period_end(DAY), DAY)
    expired = stale_reason(LetterEvent(DAY, "garantin gick ut {dag}"), after)
    assert expired.startswith("Brevet gäller något som redan har passerat: garantin gick ut")
