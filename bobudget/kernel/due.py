"""What a due-list provider yields: one thing that falls due, and the window it is asked for.

Every domain has its own provider (placement/due.py, follow_up/due.py, funds/due.py); the due
list that gathers them is app/due.py. These value types sit below all of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class DueWindow:
    """Asked of every provider: what falls due from `first` through `last`."""

    first: dt.date
    last: dt.date
    today: dt.date
    reminder_days: int


@dataclass(frozen=True)
class Holder:
    """The row whose "responsible" an item shows, and which "Tilldela…" changes: the table's
    name and the row's id (a meeting, a notice, an account; the contract or decision itself when
    the item's own row does not exist yet)."""

    table: str
    row_id: int


@dataclass(frozen=True)
class DueItem:
    typ: str  # a stable word for the command line and exports, e.g. "forlangning"
    label: str  # the kind in Swedish, e.g. "Förläng eller avsluta tillfälligt boende"
    datum: dt.date  # the day action is due
    person_id: int
    personnummer: str
    name: str
    what: str  # what it is about, in Swedish, without any address
    contract_id: int | None = None
    decision_id: int | None = None
    # Who is named responsible (a username; "" when nobody is), and the row to open
    # (a meeting, a notice, an account …), None when it does not exist yet.
    responsible: str = ""
    target_id: int | None = None
    holder: Holder | None = None


DueProvider = Callable[["Session", DueWindow], Iterable[DueItem]]
