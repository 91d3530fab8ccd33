"""Writing imported rows: persons, households, landlords, dwellings, places and contracts."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bobudget.db.engine import Database
from bobudget.db.integrity import breaks_unique
from bobudget.db.responsible import check_responsible
from bobudget.db.settings_in_use import effective_settings
from bobudget.db.uow import IMPORT_AUDIT_ACTION, UnitOfWork
from bobudget.importing.rows import ImportRow
from bobudget.kernel.errors import ConflictError
from bobudget.kernel.periods import renewal_period, temporary_period_end
from bobudget.kernel.search_text import fold
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
from bobudget.model.housing import IMPORTED_CONTRACT_KEY
from bobudget.model.persons import PERSON_IDENTITY_KEY
from bobudget.model.vocab import (
    ContractBasis,
    ContractKind,
    DwellingStatus,
    HouseholdRole,
    LandlordKind,
    PeriodOutcome,
    PlaceKind,
)
from bobudget.persons.registry import refresh_search_text

log = logging.getLogger(__name__)

CONCURRENT_IMPORT_MESSAGE = (
    "En annan import av samma personer eller kontrakt kördes samtidigt och hann spara först. "
    "Den här importen sparade ingenting. Importera filen igen när den andra är klar: det som "
    "redan finns läggs inte till två gånger."
)
T = TypeVar("T")
K = TypeVar("K")


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


def write_import(
    db: Database,
    rows: Sequence[ImportRow],
    today: dt.date,
    *,
    user: str | None = None,
    period_months: int | None = None,
    responsible: str | None = None,
) -> ImportResult:
    """Write validated rows in one unit of work; what is already there is found, not doubled.

    A person is found by identity number, a contract by (person, kind, start date), a landlord
    and a temporary place by name, a dwelling by address and postal code (case and spacing
    folded). Contracts already there are left as they are: once imported, the program is where
    they are kept up to date. `responsible` (a user) answers for the new contracts; without it
    they have nobody, and Mina uppgifter lists them under Utan ansvarig.
    """
    months = period_months or effective_settings(db).temporary_period_months
    with UnitOfWork(db, user) as uow:
        try:
            writer = _ImportWriter(uow.session, today, months)
            writer.responsible = check_responsible(uow.session, responsible)
            result = writer.write(rows)
            for entity, obj, detail in writer.audited:
                uow.audit(IMPORT_AUDIT_ACTION, entity, obj.id, detail)
            uow.commit()
        except IntegrityError as error:
            # Another import wrote the same persons or contracts after this one looked for
            # them: the database holds each once, and this import is rolled back whole.
            if not breaks_unique(error, IMPORTED_CONTRACT_KEY, PERSON_IDENTITY_KEY):
                raise
            raise ConflictError(
                CONCURRENT_IMPORT_MESSAGE, changed_by=None, changed_at=None
            ) from None
    log.info(
        "import: %d persons (%d new), %d contracts (%d new)",
        result.persons_new + result.persons_existing,
        result.persons_new,
        result.contracts_new + result.contracts_existing,
        result.contracts_new,
    )
    return result


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


class _ImportWriter:
    """The rows to write and the rows already there, looked up in batches, not row by row."""

    def __init__(self, session: Session, today: dt.date, months: int) -> None:
        self.session = session
        self.today = today
        self.months = months
        self.audited: list[tuple[str, Any, str]] = []
        self.landlords: dict[str, Landlord] = {}
        self.dwellings: dict[tuple[str, str], Dwelling] = {}
        self.places: dict[str, TemporaryPlace] = {}
        self.touched_dwellings: list[Dwelling] = []
        self.responsible: str | None = None  # who answers for the new contracts

    def write(self, rows: Sequence[ImportRow]) -> ImportResult:
        persons, persons_new, persons_updated = self._persons(rows)
        households = self._households(persons)
        existing = self._existing_contracts([p.id for p in persons.values()])
        new_rows = [
            r
            for r in rows
            if (persons[r.identity.canonical].id, r.kind, r.start_date) not in existing
        ]
        # Everything is looked up before the first contract is built: no query flushes half one.
        self._load_dwellings(new_rows)
        self._load_places(new_rows)
        for row in new_rows:
            person = persons[row.identity.canonical]
            contract = self._contract(row, person, households[person.id])
            self.session.add(contract)
            self.audited.append(("contract", contract, "ny"))
        self.session.flush()
        self._set_dwelling_status()
        self.session.flush()
        return ImportResult(
            persons_new=persons_new,
            persons_existing=len(persons) - persons_new,
            persons_updated=persons_updated,
            contracts_new=len(new_rows),
            contracts_existing=len(rows) - len(new_rows),
        )

    def _persons(self, rows: Sequence[ImportRow]) -> tuple[dict[str, Person], int, int]:
        latest = _latest_by(rows, lambda r: r.identity.canonical)
        persons: dict[str, Person] = {}
        for batch in chunks(latest):
            for found in self.session.scalars(select(Person).where(Person.identity.in_(batch))):
                persons[found.identity] = found
        new = updated = 0
        for canonical, row in latest.items():
            person = persons.get(canonical)
            if person is None:
                person = Person(identity=canonical, identity_kind=row.identity.kind.value)
                _apply_person(person, row)
                self.session.add(person)
                persons[canonical] = person
                self.audited.append(("person", person, "ny"))
                new += 1
            elif _apply_person(person, row):
                self.audited.append(("person", person, "ändrad"))
                updated += 1
        self.session.flush()
        return persons, new, updated

    def _households(self, persons: dict[str, Person]) -> dict[int, int]:
        """The household of each person: the one they apply in, else their first; else a new one."""
        chosen: dict[int, tuple[bool, int, int]] = {}
        for batch in chunks(p.id for p in persons.values()):
            memberships = self.session.execute(
                select(
                    HouseholdMember.person_id,
                    HouseholdMember.household_id,
                    HouseholdMember.role,
                    HouseholdMember.id,
                ).where(HouseholdMember.person_id.in_(batch))
            )
            for person_id, household_id, role, member_id in memberships:
                rank = (role != HouseholdRole.APPLICANT, member_id, household_id)
                if person_id not in chosen or rank < chosen[person_id]:
                    chosen[person_id] = rank
        created: list[tuple[int, Household]] = []
        for person in persons.values():
            if person.id not in chosen:
                household = Household(name=f"Hushåll {person.last_name}")
                household.members.append(
                    HouseholdMember(person=person, role=HouseholdRole.APPLICANT)
                )
                self.session.add(household)
                self.audited.append(("household", household, "ny"))
                created.append((person.id, household))
        self.session.flush()
        result = {person_id: rank[2] for person_id, rank in chosen.items()}
        result.update((person_id, household.id) for person_id, household in created)
        return result

    def _existing_contracts(self, person_ids: list[int]) -> set[tuple[int, str, dt.date]]:
        found: set[tuple[int, str, dt.date]] = set()
        for batch in chunks(person_ids):
            rows = self.session.execute(
                select(Contract.person_id, Contract.kind, Contract.start_date).where(
                    Contract.person_id.in_(batch)
                )
            )
            found.update((person_id, kind, start) for person_id, kind, start in rows)
        return found

    def _load_dwellings(self, rows: Sequence[ImportRow]) -> None:
        for landlord in self.session.scalars(select(Landlord)):
            self.landlords.setdefault(fold(landlord.name), landlord)
        codes = {r.postal_code for r in rows if r.kind != ContractKind.TEMPORARY}
        written_forms = codes | {c.replace(" ", "") for c in codes}
        for batch in chunks(sorted(written_forms)):
            for dwelling in self.session.scalars(
                select(Dwelling).where(Dwelling.postal_code.in_(batch))
            ):
                self.dwellings.setdefault(
                    _dwelling_key(dwelling.address, dwelling.postal_code), dwelling
                )
        dwelling_rows = [r for r in rows if r.kind != ContractKind.TEMPORARY]
        for key, row in _latest_by(
            dwelling_rows, lambda r: _dwelling_key(r.address, r.postal_code)
        ).items():
            if key not in self.dwellings:
                dwelling = Dwelling(
                    address=row.address,
                    postal_code=row.postal_code,
                    city=row.city,
                    rent_ore=row.rent_ore,
                    landlord=self._landlord(row.landlord),
                    status=DwellingStatus.AVAILABLE,
                )
                self.session.add(dwelling)
                self.dwellings[key] = dwelling
                self.audited.append(("dwelling", dwelling, "ny"))

    def _load_places(self, rows: Sequence[ImportRow]) -> None:
        for place in self.session.scalars(select(TemporaryPlace)):
            self.places.setdefault(fold(place.name), place)
        place_rows = [r for r in rows if r.kind == ContractKind.TEMPORARY]
        for name_key, row in _latest_by(place_rows, lambda r: fold(_place_name(r))).items():
            if name_key not in self.places:
                name = _place_name(row)
                place = TemporaryPlace(
                    name=name,
                    kind=_place_kind(name),
                    address=row.address,
                    postal_code=row.postal_code,
                    city=row.city,
                )
                self.session.add(place)
                self.places[name_key] = place
                self.audited.append(("temporary_place", place, "ny"))

    def _landlord(self, name: str) -> Landlord:
        landlord = self.landlords.get(fold(name))
        if landlord is None:
            landlord = Landlord(name=name, kind=LandlordKind.PRIVATE)
            self.session.add(landlord)
            self.landlords[fold(name)] = landlord
            self.audited.append(("landlord", landlord, "ny"))
        return landlord

    def _contract(self, row: ImportRow, person: Person, household_id: int) -> Contract:
        contract = Contract(
            kind=row.kind,
            person=person,
            household_id=household_id,
            basis=ContractBasis.IMPORT,
            decision_id=None,
            start_date=row.start_date,
            monthly_rent_ore=row.rent_ore,
            responsible=self.responsible,
        )
        if row.kind == ContractKind.TEMPORARY:
            contract.temporary_place = self.places[fold(_place_name(row))]
            spans = temporary_periods(row.start_date, row.end_date, self.today, self.months)
            for sequence, (start, end, outcome) in enumerate(spans, start=1):
                contract.periods.append(
                    ContractPeriod(
                        sequence=sequence, start_date=start, end_date=end, outcome=outcome
                    )
                )
            ended = row.end_date is not None and row.end_date < self.today
        else:
            dwelling = self.dwellings[_dwelling_key(row.address, row.postal_code)]
            contract.dwelling = dwelling
            self.touched_dwellings.append(dwelling)
            ended = row.end_date is not None
        if ended:
            contract.end_date = row.end_date
            contract.end_reason = _ENDED_REASON
        return contract

    def _set_dwelling_status(self) -> None:
        """A dwelling with an active contract is let; a new one without is available."""
        ids = {d.id for d in self.touched_dwellings}
        active: set[int] = set()
        for batch in chunks(sorted(ids)):
            active.update(
                self.session.scalars(
                    select(Contract.dwelling_id).where(
                        Contract.dwelling_id.in_(batch),
                        or_(Contract.end_date.is_(None), Contract.end_date >= self.today),
                    )
                )
            )
        new = {id(obj) for entity, obj, _ in self.audited if entity == "dwelling"}
        for dwelling in {d.id: d for d in self.touched_dwellings}.values():
            if dwelling.id in active and dwelling.status != DwellingStatus.LET:
                dwelling.status = DwellingStatus.LET
                if id(dwelling) not in new:
                    self.audited.append(("dwelling", dwelling, "ändrad"))


def _apply_person(person: Person, row: ImportRow) -> bool:
    """Take names, address and protection from the row; True when anything changed.

    A row without an address (a temporary place given by name only) leaves the address as it
    was rather than blanking it.
    """
    values: dict[str, object] = {
        "first_name": row.first_name,
        "last_name": row.last_name,
        "protected_identity": row.protected,
    }
    if row.address or person.id is None:
        values |= {"address": row.address, "postal_code": row.postal_code, "city": row.city}
    changed = {k: v for k, v in values.items() if getattr(person, k, None) != v}
    for key, value in changed.items():
        setattr(person, key, value)
    if changed or not person.search_text:
        refresh_search_text(person)
    return bool(changed)


def _latest_by(rows: Iterable[ImportRow], key: Callable[[ImportRow], K]) -> dict[K, ImportRow]:
    """Per key the row with the latest start date (later in the file on a tie): the current one."""
    latest: dict[K, ImportRow] = {}
    for row in rows:
        k = key(row)
        if k not in latest or (row.start_date, row.number) >= (
            latest[k].start_date,
            latest[k].number,
        ):
            latest[k] = row
    return latest


def _dwelling_key(address: str, postal_code: str) -> tuple[str, str]:
    return fold(address), postal_code.replace(" ", "")


def _place_name(row: ImportRow) -> str:
    return row.landlord or row.address


def _place_kind(name: str) -> PlaceKind:
    folded = fold(name)
    return next(
        (kind for word, kind in _PLACE_KIND_WORDS if word in folded), PlaceKind.TEMPORARY_FLAT
    )
