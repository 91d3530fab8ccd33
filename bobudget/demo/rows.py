"""The rows of a demo fill: plain dicts per table, ids handed out in order, chance from one seed."""

from __future__ import annotations

import datetime as dt
import functools
import random
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from bobudget.kernel import months

# Kept importable here for the demo modules that took it from this one; rules.months owns it.
from bobudget.kernel.months import first_of_month as first_of_month
from bobudget.kernel.periods import renewal_period, temporary_period_end
from bobudget.model import Base

T = TypeVar("T")

# Month steps repeat over and over in a demo (each month of each ledger, each follow-up):
# remembered, they cost a lookup instead of a relativedelta each time.
add_months = functools.lru_cache(maxsize=1 << 16)(months.add_months)

# Who wrote the rows: the demo filler, not any person (created_by / updated_by).
DEMO_USER = "demo"
YEARS_OF_HISTORY = 5

_STAMP_COLUMNS = ("version", "created_at", "created_by", "updated_at", "updated_by")


class DemoRows:
    """Collects the rows of every table until they are written; the ids are ours, so inserts
    need no round trips.

    Rows wait in a buffer until `take` hands them to the writer, so a fill of any size holds
    only the rows made since the last write: the generator writes between households, when no
    row still waiting is looked up again (`get` finds only rows not yet taken).

    Every row carries every column (defaults filled in), because one executemany needs the same
    keys in each row. Timestamps are made from the row's own date, never read from the clock, so
    the same seed and day give the same database.
    """

    def __init__(
        self,
        rng: random.Random,
        today: dt.date,
        first_ids: Mapping[type[Base], int],
        years: int = YEARS_OF_HISTORY,
    ) -> None:
        self.rng = rng
        self.today = today
        self.history_start = add_months(today, -12 * years)
        self._first_ids = dict(first_ids)
        self._next_ids = dict(first_ids)
        # The id of each buffer's first row: where `get` starts counting.
        self._buffer_ids = dict(first_ids)
        self.rows: dict[type[Base], list[dict[str, Any]]] = {model: [] for model in first_ids}
        self._defaults = {model: _column_defaults(model) for model in first_ids}
        self._references: dict[int, int] = {}
        self._stamped = {
            model: [c for c in _STAMP_COLUMNS if c in model.__table__.columns]
            for model in first_ids
        }
        # Fills in what a row gets from elsewhere (who answers for it) as it is made.
        self.complete: Callable[[type[Base], dict[str, Any]], None] = _nothing

    def add(
        self, model: type[Base], day: dt.date, changed: dt.date | None = None, **values: Any
    ) -> int:
        """Add a row of `model` written on `day` and last changed on `changed`; return its id.

        Days after today count as today: nothing is written in the future.
        """
        row_id = self._next_ids[model]
        self._next_ids[model] = row_id + 1
        row = dict(self._defaults[model])
        stamped = self._stamped[model]
        if stamped:
            created = self.timestamp(min(day, self.today), row_id)
            updated = created
            if changed is not None and changed > day:
                updated = self.timestamp(min(changed, self.today), row_id)
            stamps = {
                "version": 1,
                "created_at": created,
                "created_by": DEMO_USER,
                "updated_at": max(created, updated),
                "updated_by": DEMO_USER,
            }
            row.update((column, stamps[column]) for column in stamped)
        row.update(values)
        row["id"] = row_id
        self.complete(model, row)
        self.rows[model].append(row)
        return row_id

    def take(self) -> dict[type[Base], list[dict[str, Any]]]:
        """The rows made since the last take, by table; the buffers start empty again."""
        taken = self.rows
        self.rows = {model: [] for model in taken}
        self._buffer_ids = dict(self._next_ids)
        return taken

    def waiting(self) -> int:
        """How many rows wait to be taken."""
        return sum(len(table_rows) for table_rows in self.rows.values())

    def reference(self, decided: dt.date) -> str:
        """The next diarienummer of the decision's year, as the journal system numbers them."""
        number = self._references.get(decided.year, self.rng.randint(150, 900)) + 1
        self._references[decided.year] = number
        return f"SN {decided.year}/{number:05d}"

    def get(self, model: type[Base], row_id: int) -> dict[str, Any]:
        """The row with this id, to fill in what is only known later (an address, a status).

        Only a row not yet taken: the makers look up rows of the household they are making.
        """
        index = row_id - self._buffer_ids[model]
        if index < 0:
            raise LookupError(f"{model.__name__} {row_id} is already written")
        return self.rows[model][index]

    def count(self, model: type[Base]) -> int:
        """How many rows of `model` were made, written or not."""
        return self._next_ids[model] - self._first_ids[model]

    @staticmethod
    def timestamp(day: dt.date, spread: int = 0) -> dt.datetime:
        """Office hours on `day` (UTC), spread over the day by `spread` so rows don't all tie."""
        minutes = 7 * 60 + (spread * 37) % (9 * 60)
        return dt.datetime(day.year, day.month, day.day, minutes // 60, minutes % 60, tzinfo=dt.UTC)

    def day_between(self, first: dt.date, last: dt.date) -> dt.date:
        """A day in [first, last]; `first` when the range is empty."""
        span = (last - first).days
        return first if span <= 0 else first + dt.timedelta(days=self.rng.randint(0, span))

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def pick(self, choices: Sequence[T]) -> T:
        return choices[self.rng.randrange(len(choices))]

    def weighted(self, choices: Sequence[T], weights: Sequence[float]) -> T:
        return self.rng.choices(choices, weights)[0]


def _nothing(_model: type[Base], _row: dict[str, Any]) -> None:
    return None


def _column_defaults(model: type[Base]) -> dict[str, Any]:
    defaults: dict[str, Any] = {}
    for column in model.__table__.columns:
        default = column.default
        is_scalar = default is not None and getattr(default, "is_scalar", False)
        defaults[column.key] = getattr(default, "arg", None) if is_scalar else None
    return defaults


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def periods_until(start: dt.date, until: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The first period from `start`, then renewals from each end, until one reaches `until`."""
    periods = [(start, temporary_period_end(start))]
    while periods[-1][1] < until:
        periods.append(renewal_period(periods[-1][1]))
    return periods
