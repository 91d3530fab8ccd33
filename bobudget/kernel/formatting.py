"""How dates, timestamps and numbers are shown: ISO dates, Swedish local time."""

from __future__ import annotations

import calendar
import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bobudget.kernel.errors import ValidationError

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


def swedish_day(value: dt.datetime) -> dt.date:
    """The day a UTC timestamp falls on in Sweden: 23:30 UTC on 30 November is 1 December."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(_stockholm()).date()


def format_timestamp(value: dt.datetime) -> str:
    """A UTC timestamp shown in Swedish local time: 2026-11-27 14:05."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(_stockholm()).strftime("%Y-%m-%d %H:%M")


def describe_distance(earlier: dt.date, later: dt.date) -> str:
    """How far apart two days are, as one says it: "12 dagar", "1 månad", "10 månader"."""
    days = abs((later - earlier).days)
    if days <= 45:
        return "1 dag" if days == 1 else f"{days} dagar"
    months = round(days / 30.44)
    return "1 månad" if months == 1 else f"{months} månader"


_DATE_HELP = "Skriv datumet som ÅÅÅÅ-MM-DD (2026-03-05), 20260305 eller 5/3."


def _exact_date(year: int, month: int, day: int, typed: str) -> dt.date:
    """The date exactly as typed, or refused: 2026-02-31 is never rolled over into March.

    The format was right, so the message says what is wrong with the date itself (and stays
    short enough for the line under a field).
    """
    if not 1 <= month <= 12:
        raise ValidationError(f"Månad {month} finns inte ('{typed}'). {_DATE_HELP}")
    try:
        return dt.date(year, month, day)
    except ValueError:
        if not 1 <= year <= 9999:
            raise ValidationError(f"Året i '{typed}' går inte att använda. {_DATE_HELP}") from None
        days = calendar.monthrange(year, month)[1]
        month_name = SWEDISH_MONTHS[month - 1]
        raise ValidationError(
            f"{day} {month_name} {year} finns inte: {month_name} {year} har {days} dagar."
        ) from None


def parse_date_input(text: str, today: dt.date) -> dt.date | None:
    """What a user typed into a date field: 2026-03-05, 20260305, or 5/3 (day/month, this year).

    None for an empty field (whether empty is allowed is the field's business). A date that does
    not exist is refused with a message naming it ("31 februari 2026 finns inte"), never
    adjusted. `today` gives the year of a day/month date.
    """
    typed = text.strip()
    if not typed:
        return None
    parts = typed.split("-")
    if len(parts) == 3 and all(p.isascii() and p.isdigit() for p in parts) and len(parts[0]) == 4:
        return _exact_date(int(parts[0]), int(parts[1]), int(parts[2]), typed)
    if len(typed) == 8 and typed.isascii() and typed.isdigit():
        return _exact_date(int(typed[:4]), int(typed[4:6]), int(typed[6:]), typed)
    day_month = typed.split("/")
    if len(day_month) == 2 and all(
        p.isascii() and p.isdigit() and 1 <= len(p) <= 2 for p in day_month
    ):
        return _exact_date(today.year, int(day_month[1]), int(day_month[0]), typed)
    raise ValidationError(f"Datumet '{typed}' går inte att läsa. {_DATE_HELP}")


def parse_named_date(text: str, what: str, today: dt.date) -> dt.date:
    """A date given on the command line (or anywhere a field has no form): read as a form
    reads it, and refused naming `what` ("Från-datumet: 31 februari 2026 finns inte …")."""
    try:
        day = parse_date_input(text, today)
    except ValidationError as error:
        raise ValidationError(f"{what}: {error}") from None
    if day is None:
        raise ValidationError(f"{what} saknas. {_DATE_HELP}")
    return day


def parse_month_input(text: str) -> dt.date | None:
    """A month typed as 2026-03 or 202603: its first day; None for an empty field."""
    typed = text.strip()
    if not typed:
        return None
    digits = typed.replace("-", "")
    if len(digits) == 6 and digits.isascii() and digits.isdigit() and typed.count("-") <= 1:
        return _exact_date(int(digits[:4]), int(digits[4:]), 1, typed)
    raise ValidationError(f"Månaden '{typed}' går inte att läsa. Skriv den som 2026-03.")
