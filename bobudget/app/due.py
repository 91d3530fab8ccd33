"""The due list: what falls due between a day D and D + N days, from every part of the work.

The providers are named here, domain by domain, and nowhere else: a new kind of due thing is a
provider in its domain's due.py, added to its PROVIDERS, with its `typ` and Swedish label in its
DUE_TYPES. `bobudget due` and Att göra both read this list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from bobudget.db.engine import Database
from bobudget.follow_up import due as follow_up_due
from bobudget.funds import due as funds_due
from bobudget.kernel.due import DueItem, DueProvider, DueWindow
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.periods import DEFAULT_REMINDER_DAYS
from bobudget.placement import due as placement_due

__all__ = ["DUE_TYPES", "MAX_WITHIN_DAYS", "PROVIDERS", "due_items", "due_types"]

PROVIDERS: tuple[DueProvider, ...] = (
    *placement_due.PROVIDERS,
    *follow_up_due.PROVIDERS,
    *funds_due.PROVIDERS,
)

DUE_TYPES: dict[str, str] = {
    **placement_due.DUE_TYPES,
    **follow_up_due.DUE_TYPES,
    **funds_due.DUE_TYPES,
}

MAX_WITHIN_DAYS = 3660
# With overdue items included, the window starts this far back: before any data there is.
_BEGINNING = dt.date(1900, 1, 1)


def due_types() -> dict[str, str]:
    """Every `typ` with its Swedish label."""
    return dict(DUE_TYPES)


def due_items(
    db: Database,
    on: dt.date,
    within_days: int = DEFAULT_REMINDER_DAYS,
    *,
    reminder_days: int = DEFAULT_REMINDER_DAYS,
    include_overdue: bool = False,
    today: dt.date | None = None,
    providers: Iterable[DueProvider] = PROVIDERS,
) -> list[DueItem]:
    """Everything due from `on` through `on + within_days`, by date; with `include_overdue`,
    also what fell due before `on` and is still not done.
    """
    if not 0 <= within_days <= MAX_WITHIN_DAYS:
        raise ValidationError(
            f"Antal dagar måste vara mellan 0 och {MAX_WITHIN_DAYS}, inte {within_days}."
        )
    window = DueWindow(
        first=_BEGINNING if include_overdue else on,
        last=on + dt.timedelta(days=within_days),
        today=today or on,
        reminder_days=reminder_days,
    )
    items: list[DueItem] = []
    with db.sessions() as s:
        for provider in providers:
            items.extend(i for i in provider(s, window) if window.first <= i.datum <= window.last)
    items.sort(key=lambda i: (i.datum, i.typ, i.personnummer, i.contract_id or 0))
    return items
