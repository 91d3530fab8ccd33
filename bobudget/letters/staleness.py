"""Letters about something already past: a meeting held, a period ended, a guarantee expired.

LETTERS.md (every letter, practice): such a letter is not sent by mistake; the program warns
first. Each kind's data builder names the event its letter is about (a `LetterEvent`); the rule
below says whether that event is past on the letter's date, and in what words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bobudget.kernel.formatting import format_date_prose
from bobudget.kernel.periods import last_day


@dataclass(frozen=True)
class LetterEvent:
    """The event a letter is about: `past` says in Swedish what happened once `day` is past,
    with {dag} for the day, e.g. "mötet hölls {dag}", "perioden tog slut {dag}"."""

    day: dt.date
    past: str


def meeting(day: dt.date | None) -> LetterEvent | None:
    return LetterEvent(day, "mötet hölls {dag}") if day else None


def period_end(end: dt.date | None) -> LetterEvent | None:
    """A period by its stored end (the day it runs out, the next period's first day): the
    warning names its last day, as the letters print it, and is given from the day after."""
    return LetterEvent(last_day(end), "perioden tog slut {dag}") if end else None


def stale_reason(event: LetterEvent | None, today: dt.date) -> str:
    """ "" while the event is today or later; else a Swedish warning saying what is past.

    The day itself still counts as current: a meeting on the letter's date may still be held,
    and a period's last day belongs to the period.
    """
    if event is None or event.day >= today:
        return ""
    what = event.past.format(dag=format_date_prose(event.day))
    return (
        f"Brevet gäller något som redan har passerat: {what}. Kontrollera att det är rätt brev "
        "innan det skickas."
    )
