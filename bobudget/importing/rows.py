"""Validated rows of an import file: what the reader hands the writer, a chunk at a time."""

from __future__ import annotations

import datetime as dt
import gc
import pickle
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Protocol

from bobudget.kernel.identity import IdentityKind, IdentityNumber
from bobudget.kernel.search_text import fold
from bobudget.model.vocab import ContractKind

# Rows per chunk: what is read, looked up and written at a time. Memory follows the chunk, not
# the file; each chunk is a handful of set-based queries and bulk inserts.
CHUNK_ROWS = 5000


@dataclass(frozen=True)
class ImportRow:
    """One validated row of the file."""

    number: int
    identity: IdentityNumber
    last_name: str
    first_name: str
    kind: ContractKind
    start_date: dt.date
    end_date: dt.date | None
    address: str
    postal_code: str
    city: str
    landlord: str
    rent_ore: int | None
    protected: bool
    # Where the contract is, as it is found again: `dwelling_key` or `place_key` of the row.
    site: str

    @property
    def contract_key(self) -> tuple[str, ContractKind, dt.date]:
        return (self.identity.canonical, self.kind, self.start_date)

    @property
    def rank(self) -> int:
        """Rows ordered by start date, later in the file on a tie: a person's, a dwelling's or a
        place's greatest is its current row, which gives its name and address."""
        return self.start_date.toordinal() << 32 | self.number

    @property
    def place_name(self) -> str:
        """A temporary place is named by the landlord column (the place's name), else by its
        address."""
        return self.landlord or self.address


def dwelling_key(address: str, postal_code: str) -> str:
    """A dwelling as it is found again: the address with case and spacing folded, the postal
    code without its space ("123 45" and "12345" are one)."""
    return f"{fold(address)}\n{postal_code.replace(' ', '')}"


def place_key(name: str) -> str:
    """A temporary place as it is found again: its name with case and spacing folded."""
    return fold(name)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while an import runs, and resumed after.

    An import makes millions of short-lived tuples, lists and dicts, none of them in a cycle
    (reference counting frees each), while keeping a few large dicts of keys and ids; the
    collector, triggered every few hundred new containers, would walk those again and again:
    a quarter of the import's time. Nested or concurrent imports leave it as they found it.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


class RowChunks(Protocol):
    """Validated rows the writer can read through more than once, a chunk at a time."""

    def chunks(self) -> Iterator[Sequence[ImportRow]]: ...

    def latest(self) -> dict[str, int]:
        """Per person (identity number) the rank of their current row."""
        ...


def _latest(rows: Iterable[ImportRow], into: dict[str, int]) -> dict[str, int]:
    for row in rows:
        canonical, rank = row.identity.canonical, row.rank
        if into.get(canonical, -1) < rank:
            into[canonical] = rank
    return into


class RowList:
    """Rows already in memory (a test's, a small list), handed out in chunks."""

    def __init__(self, rows: Sequence[ImportRow], chunk_rows: int = CHUNK_ROWS) -> None:
        self.rows = rows
        self.chunk_rows = chunk_rows

    def chunks(self) -> Iterator[Sequence[ImportRow]]:
        for start in range(0, len(self.rows), self.chunk_rows):
            yield self.rows[start : start + self.chunk_rows]

    def latest(self) -> dict[str, int]:
        return _latest(self.rows, {})


class RowSpool:
    """Validated rows kept in an anonymous temporary file while the file is checked, read back
    in chunks for each pass of the writer: memory holds one chunk, whatever the file's size.

    Written once by `add`, then read by `chunks` as often as needed; the file goes when closed
    (it has no name: the system removes it even if the program is killed).
    """

    def __init__(self, chunk_rows: int = CHUNK_ROWS) -> None:
        self.chunk_rows = chunk_rows
        self.count = 0
        self._latest: dict[str, int] = {}
        # Closed by close() (the spool is a context manager): it lives across the passes.
        self._file = tempfile.TemporaryFile(prefix="bobudget-import-")  # noqa: SIM115
        self._pending: list[tuple[Any, ...]] = []

    def add(self, row: ImportRow) -> None:
        self._pending.append(_packed(row))
        self.count += 1
        if len(self._pending) >= self.chunk_rows:
            self._write_pending()
        _latest((row,), self._latest)

    def latest(self) -> dict[str, int]:
        return self._latest

    def chunks(self) -> Iterator[Sequence[ImportRow]]:
        self._write_pending()
        self._file.seek(0)
        while True:
            try:
                packed = pickle.load(self._file)
            except EOFError:
                return
            yield [_unpacked(p) for p in packed]

    def _write_pending(self) -> None:
        if self._pending:
            self._file.seek(0, 2)
            pickle.dump(self._pending, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._pending = []

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> RowSpool:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


# Plain tuples of str, int and None (dates as ordinals: quicker to read back than dates), from
# our own process to our own process.
def _packed(row: ImportRow) -> tuple[Any, ...]:
    identity = row.identity
    return (
        row.number,
        identity.canonical,
        identity.kind.value,
        None if identity.birth_date is None else identity.birth_date.toordinal(),
        row.last_name,
        row.first_name,
        row.kind.value,
        row.start_date.toordinal(),
        None if row.end_date is None else row.end_date.toordinal(),
        row.address,
        row.postal_code,
        row.city,
        row.landlord,
        row.rent_ore,
        row.protected,
        row.site,
    )


_IDENTITY_KINDS = {str(k): k for k in IdentityKind}
_CONTRACT_KINDS = {str(k): k for k in ContractKind}
_day = dt.date.fromordinal


def _unpacked(packed: tuple[Any, ...]) -> ImportRow:
    (number, canonical, identity_kind, birth, last, first, kind, start, end, *rest) = packed
    return ImportRow(
        number,
        IdentityNumber(
            canonical, _IDENTITY_KINDS[identity_kind], None if birth is None else _day(birth)
        ),
        last,
        first,
        _CONTRACT_KINDS[kind],
        _day(start),
        None if end is None else _day(end),
        *rest,
    )
