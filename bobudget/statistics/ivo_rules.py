"""The rules of the quarterly report to IVO (DOMAIN.md, "Decisions not carried out within three
months"; SoL 16 kap. 6 f §). Pure functions over dates: no database, no clock.

The three months are the queue's own rule (placement/rules.py `three_months_date`, counted as
lag 1930:173 counts months): a decision of 30 November is within three months through
28 February and reportable from 1 March. An interruption (a temporary placement left while
the decision still stands) counts its three months from the day the placement ended.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from bobudget.kernel.months import add_months
from bobudget.placement.rules import is_reportable, three_months_date

__all__ = [
    "Episode",
    "carried_out_on",
    "episode_in_quarter",
    "first_reportable_day",
    "looks_like_identity",
    "quarter_bounds",
    "resumed_on",
    "settled_by",
    "sex_of",
    "without_identities",
]

_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
# Six or eight digits, an optional - or +, four digits: a personnummer in any of its forms.
_IDENTITY = re.compile(r"\d{6}(?:\d{2})?[-+]?\d{4}")


@dataclass(frozen=True)
class Episode:
    """A stretch in which the decision waits to be carried out: from the decision date, or from
    the day an interruption began, until it was carried out (or resumed) or ended."""

    start: dt.date
    interrupted: bool = False  # True: a placement left while the decision still stands
    carried_out: dt.date | None = None  # carried out (or, after an interruption, resumed)
    ended: dt.date | None = None  # the decision ended without being carried out


def first_reportable_day(start: dt.date) -> dt.date:
    """The first day on which a decision (or an interruption) from `start` is reportable."""
    return three_months_date(start) + dt.timedelta(days=1)


def carried_out_on(executed: dt.date | None, starts: Iterable[dt.date]) -> dt.date | None:
    """The day the decision was carried out: the recorded day (the contract's or placement's
    start, placement/contracts.py `carry_out`), or else the earliest start of a contract,
    placement or boendestöd that carries it out (a boendestöd does not mark the decision)."""
    days = [*([executed] if executed is not None else []), *starts]
    return min(days) if days else None


def resumed_on(interrupted: dt.date, starts: Iterable[dt.date]) -> dt.date | None:
    """The day an interrupted execution was resumed: the first start on or after the day the
    placement ended, of a placement carrying the same decision or of any contract of the
    household (a new placement, or a lease of its own that makes the placement needless)."""
    later = [day for day in starts if day >= interrupted]
    return min(later) if later else None


def settled_by(episode: Episode, day: dt.date) -> dt.date | None:
    """The day the episode was carried out or ended, if that was on or before `day`: a report
    tells what was known on the quarter's last day, never what came after."""
    settled = [d for d in (episode.carried_out, episode.ended) if d is not None and d <= day]
    return min(settled) if settled else None


def episode_in_quarter(
    episode: Episode, first: dt.date, last: dt.date, *, reported_open: bool = False
) -> bool:
    """Whether the episode belongs in the report of the quarter `first`–`last`.

    It does when its three months had passed by the quarter's last day without it being carried
    out, and it was not carried out or ended before the quarter began; or when an earlier
    report gave it as not carried out (`reported_open`) and it was carried out or ended since:
    then this report gives that day. Carried out on the three-month day itself is in time.
    """
    settled = settled_by(episode, last)
    if not is_reportable(episode.start, settled, last):
        return False
    return settled is None or settled >= first or reported_open


def quarter_bounds(label: str) -> tuple[dt.date, dt.date]:
    """First and last day of a quarter written as "2026Q3"; ValueError for anything else."""
    match = _QUARTER.match(label)
    if match is None:
        raise ValueError(f"not a quarter: {label!r}")
    first = dt.date(int(match.group(1)), 3 * int(match.group(2)) - 2, 1)
    return first, add_months(first, 3) - dt.timedelta(days=1)


def sex_of(identity: str) -> str | None:
    """ "Kvinna" or "Man" from the personnummer's (or samordningsnummer's) ninth digit: even for
    a woman, odd for a man. None for a reserve number, which carries no sex."""
    if len(identity) != 12 or not identity.isdigit():
        return None
    return "Man" if int(identity[10]) % 2 else "Kvinna"


def looks_like_identity(text: str) -> bool:
    """Whether a text holds something shaped like a personnummer: such a text never goes into
    a report without identities (a diarienummer typed as the client's number, say)."""
    return _IDENTITY.search(text) is not None


def without_identities(text: str, names: Iterable[str], mask: str) -> str:
    """`text` with every personnummer-shaped part and every one of `names` (the client's own,
    typed into a decline reason, say) replaced by `mask`: for a list that names nobody."""
    if looks_like_identity(text):
        text = _IDENTITY.sub(mask, text)
    folded = text.casefold()
    for name in names:
        # The plain test first: a pattern per client's name would be compiled for every row.
        if len(name) > 1 and name.casefold() in folded:
            text = re.sub(rf"\b{re.escape(name)}\b", mask, text, flags=re.IGNORECASE)
    return text
