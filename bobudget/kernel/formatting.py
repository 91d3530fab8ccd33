"""How dates, timestamps and numbers are shown: ISO dates, Swedish local time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

SWEDISH_MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def _stockholm() -> dt.tzinfo:
    try:
        return ZoneInfo("Europe/Stockholm")
    except ZoneInfoNotFoundError:  # Windows without tzdata: fall back to the machine's zone
        return dt.datetime.now().astimezone().tzinfo or dt.UTC


def format_date(value: dt.date | None) -> str:
    """2026-11-27: ISO 8601, the Swedish standard for dates in lists and tables."""
    return value.isoformat() if value else ""


def format_date_prose(value: dt.date) -> str:
    """27 november 2026: dates in running text."""
    return f"{value.day} {SWEDISH_MONTHS[value.month - 1]} {value.year}"


def format_timestamp(value: dt.datetime) -> str:
    """A UTC timestamp shown in Swedish local time: 2026-11-27 14:05."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(_stockholm()).strftime("%Y-%m-%d %H:%M")
