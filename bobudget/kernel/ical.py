"""The one iCalendar writer (RFC 5545, through the `icalendar` library): what Outlook imports.

A meeting is written in Swedish local time (TZID Europe/Stockholm, with its VTIMEZONE so a
calendar that lacks the zone still places it right), or as a whole day when no time is booked.
The UID stays the same for one meeting, and SEQUENCE and DTSTAMP follow the row's version and
last change: importing the file again updates the meetings instead of adding them twice.

What goes into an event is the caller's choice; this module knows nothing of persons.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

# The library is imported when a calendar is written, not with the person card and the pages
# that offer the export (60 ms at their first show).
if TYPE_CHECKING:
    from icalendar import Event

__all__ = ["PRODUCT_ID", "TIMEZONE", "CalendarEvent", "calendar_bytes"]

TIMEZONE = "Europe/Stockholm"
PRODUCT_ID = "-//bobudget//Bo- och budgetenheten//SV"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    day: dt.date
    start: dt.time | None  # None: the whole day
    minutes: int
    location: str
    description: str
    category: str
    sequence: int  # grows with every change of the meeting
    changed_at: dt.datetime  # UTC: DTSTAMP and LAST-MODIFIED


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _event(item: CalendarEvent) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", _utc(item.changed_at))
    event.add("last-modified", _utc(item.changed_at))
    event.add("sequence", max(item.sequence, 0))
    event.add("summary", item.summary)
    if item.start is None:
        event.add("dtstart", item.day)
        event.add("dtend", item.day + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a reminder for the day, not a busy slot
    else:
        start = dt.datetime.combine(item.day, item.start, tzinfo=ZoneInfo(TIMEZONE))
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=item.minutes))
    if item.location:
        event.add("location", item.location)
    if item.description:
        event.add("description", item.description)
    if item.category:
        event.add("categories", [item.category])
    # Outlook shows a private event's details only to its owner when the calendar is shared.
    event.add("class", "PRIVATE")
    return event


def calendar_bytes(events: Iterable[CalendarEvent], *, name: str) -> bytes:
    """One VCALENDAR holding the events, as the bytes of an .ics file (UTF-8, CRLF lines)."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIMEZONE)
    for item in events:
        calendar.add_component(_event(item))
    calendar.add_missing_timezones()
    data: bytes = calendar.to_ical()
    return data
