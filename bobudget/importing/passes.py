"""The import's passes over its validated rows: what is looked up and written, chunk by chunk.

Each chunk is a few set-based queries (IN lists of ids or keys) and bulk inserts through
bobudget.importing.bulk; between passes only keys and ids are kept, never rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from sqlalchemy import ColumnElement, Table, bindparam, or_, select

from bobudget.importing.bulk import BulkWriter
from bobudget.importing.rows import ImportRow, RowChunks, dwelling_key, place_key
from bobudget.kernel.identity import display_canonical
from bobudget.kernel.periods import renewal_period, temporary_period_end
from bobudget.kernel.search_text import fold, person_search_text
from bobudget.model import (
    Contract,
    ContractPeriod,
    Dwelling,
    Household,
    HouseholdMember,
    Landlord,
    Person,
    TemporaryPlace,
)
from bobudget.model.vocab import (
    ContractBasis,
    ContractKind,
    DwellingStatus,
    HouseholdRole,
    LandlordKind,
    PeriodOutcome,
    PlaceKind,
)

T = TypeVar("T")


@dataclass(frozen=True)
class ImportResult:
    persons_new: int
    persons_existing: int
    persons_updated: int
    contracts_new: int
    contracts_existing: int

    @property
    def summary(self) -> str:
        persons = self.persons_new + self.persons_existing
        contracts = self.contracts_new + self.contracts_existing
        return (
            f"Importen klar: {persons} {'person' if persons == 1 else 'personer'} "
            f"({self.persons_new} nya, {self.persons_existing} fanns redan), "
            f"{contracts} kontrakt ({self.contracts_new} nya, "
            f"{self.contracts_existing} fanns redan)."
        )


def chunks(items: Iterable[T], size: int = 500) -> Iterable[list[T]]:
    """Items in lists of at most `size`: an IN (…) list stays within every engine's limits."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def temporary_periods(
    start: dt.date, end: dt.date | None, today: dt.date, months: int
) -> list[tuple[dt.date, dt.date, PeriodOutcome]]:
    """The periods (start, end, outcome) of an imported temporary placement.

    Without an end date: the first period, undecided. With one: periods renewed from the start
    by the period rule until the end date, the last cut short at it (never longer than a period);
    the last one "ended" if the end date is past, else still undecided.
    """
    period_start, period_end = start, temporary_period_end(start, months)
    if end is None:
        return [(period_start, period_end, PeriodOutcome.PENDING)]
    spans: list[tuple[dt.date, dt.date, PeriodOutcome]] = []
    while period_end < end:
        spans.append((period_start, period_end, PeriodOutcome.RENEWED))
        period_start, period_end = renewal_period(period_end, months)
    outcome = PeriodOutcome.ENDED if end < today else PeriodOutcome.PENDING
    spans.append((period_start, end, outcome))
    return spans


_ENDED_REASON = "Avslutat (import)"
_PLACE_KIND_WORDS = (
    ("vandrarhem", PlaceKind.HOSTEL),
    ("hotel", PlaceKind.HOTEL),
    ("härbärge", PlaceKind.SHELTER),
)
# How many ids or keys go in one IN (…) list.
_IN_LIST = 1000


class _ImportWriter:
    """Writes the rows in passes over them, a chunk at a time, each with set-based look-ups.

    1. Persons (found, updated or new) and their households; which contracts are there already;
       per new dwelling and temporary place the latest new row, and which dwellings are let.
    2. Landlords, dwellings and temporary places.
    3. Contracts and the periods of temporary placements; then the status of dwellings that
       were there already.
    Between passes only keys and ids are kept, never rows.
    """

    def __init__(self, bulk: BulkWriter, today: dt.date, months: int) -> None:
        self.bulk = bulk
        self.connection = bulk.connection
        self.today = today
        self.months = months
        self.responsible: str | None = None  # who answers for the new contracts
        self.person_ids: dict[str, int] = {}  # identity → person id, as found or written
        self.created: set[int] = set()  # persons this import writes: no contracts yet
        self.household_of: dict[int, int] = {}  # person id → the household of their contracts
        self.existing_rows: set[int] = set()  # row numbers whose contract is there already
        self.dwelling_rank: dict[str, int] = {}  # key → its latest new row's rank
        self.place_rank: dict[str, int] = {}
        self.let: set[str] = set()  # keys with a new contract running today or later
        self.dwelling_ids: dict[str, int] = {}
        self.dwellings_before: dict[str, Any] = {}  # key → a dwelling there before the import
        self.place_ids: dict[str, int] = {}
        self.landlord_ids: dict[str, int] = {}
        self.touched: dict[int, tuple[DwellingStatus, int]] = {}  # existing: status, version
        self.rows = self.persons_new = self.persons_existing = self.persons_updated = 0

    def write(self, source: RowChunks) -> ImportResult:
        latest = source.latest()
        for chunk in source.chunks():
            self.rows += len(chunk)
            self._persons(chunk, latest)
            self._existing_contracts(chunk)
            self.bulk.flush()
        self._load_landlords_and_places()
        for chunk in source.chunks():
            self._dwellings_and_places([r for r in chunk if r.number not in self.existing_rows])
        for chunk in source.chunks():
            self._contracts([r for r in chunk if r.number not in self.existing_rows])
        self._set_dwelling_status()
        self.bulk.flush(force=True)
        return ImportResult(
            persons_new=self.persons_new,
            persons_existing=self.persons_existing,
            persons_updated=self.persons_updated,
            contracts_new=self.rows - len(self.existing_rows),
            contracts_existing=len(self.existing_rows),
        )

    def _persons(self, chunk: Sequence[ImportRow], latest: dict[str, int]) -> None:
        """The persons whose latest row is in this chunk: found and updated, or written."""
        mine = [r for r in chunk if latest[r.identity.canonical] == r.rank]
        wanted = {r.identity.canonical for r in mine} | {
            r.identity.canonical for r in chunk if r.identity.canonical not in self.person_ids
        }
        found: dict[str, Any] = {}
        for batch in chunks(sorted(wanted), _IN_LIST):
            for person in self.connection.execute(
                select(*_PERSON_COLUMNS).where(_one_of(Person.identity, batch))
            ):
                found[person.identity] = person
                self.person_ids[person.identity] = person.id
        new: list[ImportRow] = []
        changed: list[tuple[int, int, dict[str, tuple[Any, Any]]]] = []
        search_texts: list[dict[str, Any]] = []
        for row in mine:
            known = found.get(row.identity.canonical)
            if known is None:
                new.append(row)
                continue
            self.persons_existing += 1
            values = _person_changes(known, row)
            if any(old != new for old, new in values.values()) or not known.search_text:
                changed.append((known.id, known.version, values))
                search_texts.append({"search_text": _search_text(row)})
                self.persons_updated += any(old != new for old, new in values.values())
        self.bulk.update(
            _table(Person), changed, [c[0] for c in changed], audited="person", also=search_texts
        )
        ids = self.bulk.insert(_table(Person), [_new_person(r) for r in new], None, "person")
        self.persons_new += len(ids)
        self.created.update(ids)
        self.person_ids.update((r.identity.canonical, i) for r, i in zip(new, ids, strict=True))
        self._households([(self.person_ids[r.identity.canonical], r.last_name) for r in mine])

    def _households(self, persons: list[tuple[int, str]]) -> None:
        """The household of each person: the one they apply in, else their first; else a new one."""
        chosen: dict[int, tuple[bool, int, int]] = {}
        known = sorted(p for p, _ in persons if p not in self.created)
        for batch in chunks(known, _IN_LIST):
            memberships = self.connection.execute(
                select(
                    HouseholdMember.person_id,
                    HouseholdMember.household_id,
                    HouseholdMember.role,
                    HouseholdMember.id,
                ).where(_one_of(HouseholdMember.person_id, batch))
            )
            for person_id, household_id, role, member_id in memberships:
                rank = (role != HouseholdRole.APPLICANT, member_id, household_id)
                if person_id not in chosen or rank < chosen[person_id]:
                    chosen[person_id] = rank
        self.household_of.update((p, rank[2]) for p, rank in chosen.items())
        alone = [(p, last_name) for p, last_name in persons if p not in chosen]
        households = self.bulk.insert(
            _table(Household),
            [{"name": f"Hushåll {last_name}"} for _, last_name in alone],
            [p for p, _ in alone],
            "household",
        )
        self.bulk.insert(
            _table(HouseholdMember),
            [
                {"household_id": h, "person_id": p, "role": HouseholdRole.APPLICANT}
                for (p, _), h in zip(alone, households, strict=True)
            ],
            [p for p, _ in alone],
        )
        self.household_of.update((p, h) for (p, _), h in zip(alone, households, strict=True))

    def _existing_contracts(self, chunk: Sequence[ImportRow]) -> None:
        """Which rows' contracts are there already; for the new ones, which row of each
        dwelling and place is the latest, and which dwellings a running contract lets."""
        # A person not found yet is new: written when their latest row comes, with no contract.
        persons = [self.person_ids.get(r.identity.canonical) for r in chunk]
        ids = {p for p in persons if p is not None} - self.created
        found: set[tuple[int, str, dt.date]] = set()
        for batch in chunks(sorted(ids), _IN_LIST):
            rows = self.connection.execute(
                select(Contract.person_id, Contract.kind, Contract.start_date).where(
                    _one_of(Contract.person_id, batch)
                )
            )
            found.update((person_id, kind, start) for person_id, kind, start in rows)
        for row, person_id in zip(chunk, persons, strict=True):
            if (person_id, row.kind, row.start_date) in found:
                self.existing_rows.add(row.number)
            elif row.kind == ContractKind.TEMPORARY:
                self.place_rank[row.site] = max(self.place_rank.get(row.site, -1), row.rank)
            else:
                rank = max(self.dwelling_rank.get(row.site, -1), row.rank)
                self.dwelling_rank[row.site] = rank
                if row.end_date is None or row.end_date >= self.today:
                    self.let.add(row.site)

    def _load_landlords_and_places(self) -> None:
        # The dwellings there before this import, by their key, read once. Looked up a chunk at
        # a time by postal code, each look-up read again every dwelling this import had written
        # under the same codes (600 000 rows for 68 000 new dwellings, 3 s).
        for dwelling in self.connection.execute(
            select(
                Dwelling.id,
                Dwelling.address,
                Dwelling.postal_code,
                Dwelling.status,
                Dwelling.version,
            ).order_by(Dwelling.id)
        ):
            key = dwelling_key(dwelling.address, dwelling.postal_code)
            self.dwellings_before.setdefault(key, dwelling)
        for landlord_id, name in self.connection.execute(
            select(Landlord.id, Landlord.name).order_by(Landlord.id)
        ):
            self.landlord_ids.setdefault(fold(name), landlord_id)
        for place_id, name in self.connection.execute(
            select(TemporaryPlace.id, TemporaryPlace.name).order_by(TemporaryPlace.id)
        ):
            self.place_ids.setdefault(place_key(name), place_id)

    def _dwellings_and_places(self, rows: Sequence[ImportRow]) -> None:
        """Dwellings and places of the new rows: found, or written from their latest row."""
        dwelling_rows = [
            r
            for r in rows
            if r.kind != ContractKind.TEMPORARY and self.dwelling_rank[r.site] == r.rank
        ]
        found = self.dwellings_before
        new: list[ImportRow] = []
        for row in dwelling_rows:
            there = found.get(row.site)
            if there is None:
                new.append(row)
            else:
                self.dwelling_ids[row.site] = there.id
                self.touched[there.id] = (there.status, there.version)
        landlords: dict[str, str] = {}
        for row in new:
            if fold(row.landlord) not in self.landlord_ids:
                landlords.setdefault(fold(row.landlord), row.landlord)
        ids = self.bulk.insert(
            _table(Landlord),
            [{"name": name, "kind": LandlordKind.PRIVATE} for name in landlords.values()],
            [None] * len(landlords),
            "landlord",
        )
        self.landlord_ids.update(zip(landlords, ids, strict=True))
        # A dwelling is written as it will be: let when a new contract runs in it.
        values = [
            {
                "address": r.address,
                "postal_code": r.postal_code,
                "city": r.city,
                "rent_ore": r.rent_ore,
                "landlord_id": self.landlord_ids[fold(r.landlord)],
                "status": DwellingStatus.LET if r.site in self.let else DwellingStatus.AVAILABLE,
            }
            for r in new
        ]
        ids = self.bulk.insert(_table(Dwelling), values, [None] * len(new), "dwelling")
        self.dwelling_ids.update((r.site, i) for r, i in zip(new, ids, strict=True))
        places = [
            r
            for r in rows
            if r.kind == ContractKind.TEMPORARY
            and self.place_rank[r.site] == r.rank
            and r.site not in self.place_ids
        ]
        ids = self.bulk.insert(
            _table(TemporaryPlace),
            [
                {
                    "name": r.place_name,
                    "kind": _place_kind(r.place_name),
                    "address": r.address,
                    "postal_code": r.postal_code,
                    "city": r.city,
                }
                for r in places
            ],
            [None] * len(places),
            "temporary_place",
        )
        self.place_ids.update((r.site, i) for r, i in zip(places, ids, strict=True))
        self.bulk.flush()

    def _contracts(self, rows: Sequence[ImportRow]) -> None:
        persons = [self.person_ids[r.identity.canonical] for r in rows]
        ids = self.bulk.insert(
            _table(Contract),
            [self._contract(r, p) for r, p in zip(rows, persons, strict=True)],
            persons,
            "contract",
        )
        periods: list[dict[str, Any]] = []
        owners: list[int | None] = []
        for row, person_id, contract_id in zip(rows, persons, ids, strict=True):
            if row.kind != ContractKind.TEMPORARY:
                continue
            spans = temporary_periods(row.start_date, row.end_date, self.today, self.months)
            for sequence, (start, end, outcome) in enumerate(spans, start=1):
                periods.append(
                    {
                        "contract_id": contract_id,
                        "sequence": sequence,
                        "start_date": start,
                        "end_date": end,
                        "outcome": outcome,
                    }
                )
                owners.append(person_id)
        self.bulk.insert(_table(ContractPeriod), periods, owners)
        self.bulk.flush()

    def _contract(self, row: ImportRow, person_id: int) -> dict[str, Any]:
        values: dict[str, Any] = {
            "kind": row.kind,
            "person_id": person_id,
            "household_id": self.household_of[person_id],
            "basis": ContractBasis.IMPORT,
            "decision_id": None,
            "start_date": row.start_date,
            "monthly_rent_ore": row.rent_ore,
            "responsible": self.responsible,
        }
        if row.kind == ContractKind.TEMPORARY:
            values["temporary_place_id"] = self.place_ids[row.site]
            ended = row.end_date is not None and row.end_date < self.today
        else:
            values["dwelling_id"] = self.dwelling_ids[row.site]
            ended = row.end_date is not None
        if ended:
            values |= {"end_date": row.end_date, "end_reason": _ENDED_REASON}
        return values

    def _set_dwelling_status(self) -> None:
        """A dwelling that was there already, with an active contract now, is let."""
        active: set[int] = set()
        for batch in chunks(sorted(self.touched), _IN_LIST):
            active.update(
                self.connection.scalars(
                    select(Contract.dwelling_id).where(
                        _one_of(Contract.dwelling_id, batch),
                        or_(Contract.end_date.is_(None), Contract.end_date >= self.today),
                    )
                )
            )
        changes = [
            (dwelling_id, version, {"status": (status, DwellingStatus.LET)})
            for dwelling_id, (status, version) in sorted(self.touched.items())
            if dwelling_id in active and status != DwellingStatus.LET
        ]
        self.bulk.update(_table(Dwelling), changes, [None] * len(changes), audited="dwelling")


_PERSON_COLUMNS = (
    Person.id,
    Person.identity,
    Person.version,
    Person.first_name,
    Person.last_name,
    Person.protected_identity,
    Person.address,
    Person.postal_code,
    Person.city,
    Person.search_text,
)


def _one_of(column: Any, values: Sequence[Any]) -> ColumnElement[bool]:
    """`column IN (…)` with the values written into the statement, not bound one by one.

    Bound, 1 000 parameters made one statement text that psycopg prepares on its sixth use;
    PostgreSQL then kept a generic plan that compared every row with every parameter, a second
    a chunk once 85 000 persons were written (70 of a 100 000-row import's 97 s). Written in,
    each look-up is planned for its own values, by the index.
    """
    return cast(
        ColumnElement[bool],
        column.in_(
            bindparam("values", list(values), expanding=True, literal_execute=True, unique=True)
        ),
    )


def _table(model: type[Any]) -> Table:
    return model.__table__  # type: ignore[no-any-return]


def _person_changes(person: Any, row: ImportRow) -> dict[str, tuple[Any, Any]]:
    """(old, new) of the columns the row gives a person found: names, protection, address.

    A row without an address (a temporary place given by name only) leaves the address as it
    was rather than blanking it. Every column is named, changed or not: one UPDATE for all.
    """
    values = {
        "first_name": (person.first_name, row.first_name),
        "last_name": (person.last_name, row.last_name),
        "protected_identity": (person.protected_identity, row.protected),
    }
    for column, new in (
        ("address", row.address),
        ("postal_code", row.postal_code),
        ("city", row.city),
    ):
        old = getattr(person, column)
        values[column] = (old, new if row.address else old)
    return values


def _new_person(row: ImportRow) -> dict[str, Any]:
    return {
        "identity": row.identity.canonical,
        "identity_kind": row.identity.kind,
        "first_name": row.first_name,
        "last_name": row.last_name,
        "protected_identity": row.protected,
        "address": row.address,
        "postal_code": row.postal_code,
        "city": row.city,
        "search_text": _search_text(row),
    }


def _search_text(row: ImportRow) -> str:
    # What refresh_search_text stores, from the row's values.
    canonical = row.identity.canonical
    return person_search_text(
        row.last_name, row.first_name, display_canonical(canonical), canonical
    )


def _place_kind(name: str) -> PlaceKind:
    folded = fold(name)
    return next(
        (kind for word, kind in _PLACE_KIND_WORDS if word in folded), PlaceKind.TEMPORARY_FLAT
    )
