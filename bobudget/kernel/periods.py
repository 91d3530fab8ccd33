"""Periods counted in months, as the law on computing statutory time (1930:173) counts them."""

from datetime import date, timedelta

from bobudget.kernel.errors import ValidationError

# Re-exported: periods were where add_months lived first, and callers still import it here.
from bobudget.kernel.months import add_months

__all__ = [
    "add_months",
    "check_period_length",
    "last_day",
    "months_between_within",
    "period_text",
    "renewal_period",
    "temporary_period_end",
]

# Three months is the municipality's own routine for temporary housing, not a statute; callers
# pass the configured setting, this is only the default.
DEFAULT_PERIOD_MONTHS = 3
# How many days before a period ends the renewal falls due: the municipality's setting
# (Settings.renewal_reminder_days); this is only its default.
DEFAULT_REMINDER_DAYS = 14

_MONTH_WORDS = {
    1: "en månad",
    2: "två månader",
    3: "tre månader",
    4: "fyra månader",
    5: "fem månader",
    6: "sex månader",
    7: "sju månader",
    8: "åtta månader",
    9: "nio månader",
    10: "tio månader",
    11: "elva månader",
    12: "tolv månader",
}


def temporary_period_end(start: date, months: int = DEFAULT_PERIOD_MONTHS) -> date:
    """The last day of a temporary-housing period starting on `start`: 2026-11-30 → 2027-02-28."""
    _require_positive(months)
    return add_months(start, months)


def last_day(end: date) -> date:
    """The last day a period covers, as the window, the CLI and the letters show it.

    A period is stored by the day it runs out: its next period (a renewal) starts that day, and
    the nights counted are those before it. So the last day of the period is the day before:
    a period 2026-06-02 → 2026-09-02 reads "2026-06-02 – 2026-09-01", and its renewal
    "2026-09-02 – …"; no day is on paper in two periods.
    """
    return end - timedelta(days=1)


def period_text(start: date, end: date) -> str:
    """A period in the window and the CLI: first and last day, both included."""
    return f"{start.isoformat()} – {max(start, last_day(end)).isoformat()}"


def renewal_period(previous_end: date, months: int = DEFAULT_PERIOD_MONTHS) -> tuple[date, date]:
    """(start, end) of a renewal: it runs `months` months from the day the previous period ended.

    The start is that same day, as the routine words it. Because each renewal counts from the
    previous end, a period shortened by a short month stays short: 2026-11-30 → 2027-02-28 →
    2027-05-28.
    """
    _require_positive(months)
    return previous_end, add_months(previous_end, months)


def check_period_length(start: date, end: date, months: int = DEFAULT_PERIOD_MONTHS) -> None:
    """Refuse a period that ends before it starts or lasts longer than `months` months.

    A period may be set shorter by hand, never longer. Raises ValidationError naming the dates.
    """
    _require_positive(months)
    if end < start:
        raise ValidationError(
            f"Periodens slut {end.isoformat()} ligger före startdatum {start.isoformat()}. "
            "Ändra ett av datumen."
        )
    latest_end = temporary_period_end(start, months)
    if end > latest_end:
        length = _MONTH_WORDS.get(months, f"{months} månader")
        raise ValidationError(
            f"Perioden {period_text(start, end)} är längre än {length}: "
            f"den sista dagen får vara senast {last_day(latest_end).isoformat()}. En period får "
            f"vara kortare än {length}, aldrig längre."
        )


def months_between_within(earlier: date, later: date, months: int) -> bool:
    """True when `later` falls no later than `months` months after `earlier`.

    Counts as add_months does, so for six months from 2026-08-31 the last day within is
    2027-02-28. Does not check the order: a `later` before `earlier` is also within.
    """
    return later <= add_months(earlier, months)


def _require_positive(months: int) -> None:
    # A period of zero or negative months is a programming error, not a user's.
    if months < 1:
        raise ValueError(f"a period is at least one month, got {months}")
