"""Persons: search, the person card, and saving a person without overwriting anyone's change."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork, conflict_error
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.identity import display_canonical, parse_identity
from bobudget.kernel.search_text import person_search_text, search_terms
from bobudget.model import (
    Contract,
    Decision,
    Household,
    HouseholdMember,
    Person,
)

CONTRACT_KIND_LABELS = {
    "social": "Socialt kontrakt",
    "transitional": "Bostadssocialt kontrakt",
    "housing_first": "Bostad först",
    "temporary": "Tillfälligt boende",
}
DECISION_KIND_LABELS = {
    "housing": "Hjälp med bostadsanskaffning",
    "temporary": "Tillfälligt boende",
    "housing_support": "Boendestöd",
    "managed_funds": "Egna medel",
}
DECISION_STATUS_LABELS = {"waiting": "Väntar", "executed": "Verkställt", "ended": "Avslutat"}
ROLE_LABELS = {
    "applicant": "Sökande",
    "co_applicant": "Medsökande",
    "child": "Barn",
    "other": "Övrig",
}
PROTECTED_ADDRESS_TEXT = "Skyddade personuppgifter"


def identity_display(person: Person) -> str:
    return display_canonical(person.identity)


def refresh_search_text(person: Person) -> None:
    person.search_text = person_search_text(
        person.last_name, person.first_name, identity_display(person), person.identity
    )


@dataclass(frozen=True)
class PersonRow:
    """One line in a list of persons. Never carries the address of a protected person."""

    id: int
    identity: str
    name: str
    city: str
    protected: bool


@dataclass(frozen=True)
class ContractLine:
    id: int
    kind: str
    kind_label: str
    start_date: dt.date
    end_date: dt.date | None
    where: str
    monthly_rent_ore: int | None
    periods: int
    current_period_end: dt.date | None
    basis: str


@dataclass(frozen=True)
class DecisionLine:
    id: int
    kind_label: str
    decision_date: dt.date
    reference: str
    status_label: str


@dataclass(frozen=True)
class Event:
    date: dt.date
    what: str


@dataclass(frozen=True)
class PersonCard:
    id: int
    version: int
    identity: str
    identity_kind: str
    first_name: str
    last_name: str
    address: str
    postal_code: str
    city: str
    phone: str
    email: str
    protected: bool
    note: str
    updated_by: str
    updated_at: dt.datetime
    household: list[tuple[str, str, str]] = field(default_factory=list)  # identity, name, role
    decisions: list[DecisionLine] = field(default_factory=list)
    contracts: list[ContractLine] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def address_lines(self) -> list[str]:
        if self.protected:
            return [PROTECTED_ADDRESS_TEXT]
        return [x for x in (self.address, f"{self.postal_code} {self.city}".strip()) if x]


def search_persons(db: Database, query: str, limit: int = 200) -> list[PersonRow]:
    """Persons whose name or identity number contains every typed term (å, ä, ö folded)."""
    terms = search_terms(query)
    stmt = select(
        Person.id,
        Person.identity,
        Person.first_name,
        Person.last_name,
        Person.city,
        Person.protected_identity,
    )
    if terms:
        stmt = stmt.where(and_(*(Person.search_text.contains(t, autoescape=True) for t in terms)))
    stmt = stmt.order_by(Person.last_name, Person.first_name, Person.id).limit(limit)
    with db.sessions() as session:
        rows = session.execute(stmt).all()
    result = []
    for r in rows:
        result.append(
            PersonRow(
                id=r.id,
                identity=display_canonical(r.identity),
                name=f"{r.last_name}, {r.first_name}",
                city="" if r.protected_identity else r.city,
                protected=r.protected_identity,
            )
        )
    return result


def find_person_id(db: Database, identity_text: str, today: dt.date | None = None) -> int:
    today = today or dt.date.today()
    number = parse_identity(identity_text, today)
    with db.sessions() as session:
        person_id = session.scalar(select(Person.id).where(Person.identity == number.canonical))
    if person_id is None:
        raise NotFoundError(f"Ingen person med nummer {number.display} finns i databasen.")
    return person_id


def _where(contract: Contract, protected: bool) -> str:
    # Where a protected person lives is their address: it is not shown, even on their card.
    if protected:
        return PROTECTED_ADDRESS_TEXT
    if contract.temporary_place is not None:
        return contract.temporary_place.name
    if contract.dwelling is not None:
        return contract.dwelling.address
    return ""


def get_person_card(db: Database, person_id: int) -> PersonCard:
    with db.sessions() as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFoundError("Personen finns inte längre i databasen.")
        household_ids = [m.household_id for m in person.memberships]
        members = _household_members(session, household_ids)
        decisions = (
            session.scalars(
                select(Decision)
                .where(Decision.household_id.in_(household_ids))
                .order_by(Decision.decision_date)
            ).all()
            if household_ids
            else []
        )
        contracts = session.scalars(
            select(Contract)
            .where(or_(Contract.person_id == person_id, Contract.household_id.in_(household_ids)))
            .order_by(Contract.start_date)
        ).all()
        periods = {c.id: list(c.periods) for c in contracts if c.kind == "temporary"}
        contract_lines = [
            ContractLine(
                id=c.id,
                kind=c.kind,
                kind_label=CONTRACT_KIND_LABELS.get(c.kind, c.kind),
                start_date=c.start_date,
                end_date=c.end_date,
                where=_where(c, person.protected_identity),
                monthly_rent_ore=c.monthly_rent_ore,
                periods=len(periods.get(c.id, [])),
                current_period_end=(periods[c.id][-1].end_date if periods.get(c.id) else None),
                basis=c.basis,
            )
            for c in contracts
        ]
        decision_lines = [
            DecisionLine(
                id=d.id,
                kind_label=DECISION_KIND_LABELS.get(d.kind, d.kind),
                decision_date=d.decision_date,
                reference=d.reference,
                status_label=DECISION_STATUS_LABELS.get(d.status, d.status),
            )
            for d in decisions
        ]
        # Imported here: the timeline builds on this module's labels and Event.
        from bobudget.app.timeline import card_events

        events = card_events(session, person_id)
        return PersonCard(
            id=person.id,
            version=person.version,
            identity=identity_display(person),
            identity_kind=person.identity_kind,
            first_name=person.first_name,
            last_name=person.last_name,
            address=person.address,
            postal_code=person.postal_code,
            city=person.city,
            phone=person.phone,
            email=person.email,
            protected=person.protected_identity,
            note=person.note,
            updated_by=person.updated_by,
            updated_at=person.updated_at,
            household=members,
            decisions=decision_lines,
            contracts=contract_lines,
            events=events,
        )


def _household_members(session: Session, household_ids: list[int]) -> list[tuple[str, str, str]]:
    if not household_ids:
        return []
    rows = session.execute(
        select(Person, HouseholdMember.role)
        .join(HouseholdMember, HouseholdMember.person_id == Person.id)
        .where(HouseholdMember.household_id.in_(household_ids))
        .order_by(HouseholdMember.id)
    ).all()
    return [(identity_display(p), p.full_name, ROLE_LABELS.get(role, role)) for p, role in rows]


@dataclass
class PersonInput:
    """What a form or an import gives to create or change a person."""

    identity: str
    first_name: str
    last_name: str
    address: str = ""
    postal_code: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    protected: bool = False
    note: str = ""


def _validated(data: PersonInput) -> PersonInput:
    data.first_name = data.first_name.strip()
    data.last_name = data.last_name.strip()
    if not data.first_name or not data.last_name:
        raise ValidationError("Förnamn och efternamn måste fyllas i.")
    return data


def create_person(
    db: Database, data: PersonInput, user: str | None = None, today: dt.date | None = None
) -> int:
    data = _validated(data)
    number = parse_identity(data.identity, today or dt.date.today())
    with UnitOfWork(db, user) as uow:
        exists = uow.session.scalar(select(Person.id).where(Person.identity == number.canonical))
        if exists is not None:
            raise ValidationError(f"Det finns redan en person med nummer {number.display}.")
        person = Person(identity=number.canonical, identity_kind=number.kind.value)
        _apply(person, data)
        uow.session.add(person)
        household = Household(name=f"Hushåll {data.last_name}")
        household.members.append(HouseholdMember(person=person, role="applicant"))
        uow.session.add(household)
        uow.session.flush()
        uow.audit("create", "person", person.id)
        uow.commit()
        return person.id


def _apply(person: Person, data: PersonInput) -> None:
    person.first_name = data.first_name
    person.last_name = data.last_name
    person.address = data.address.strip()
    person.postal_code = data.postal_code.strip()
    person.city = data.city.strip()
    person.phone = data.phone.strip()
    person.email = data.email.strip()
    person.protected_identity = data.protected
    person.note = data.note
    refresh_search_text(person)


def update_person(
    db: Database,
    person_id: int,
    expected_version: int,
    data: PersonInput,
    user: str | None = None,
) -> int:
    """Save changes to a person read at `expected_version`; refuse if someone saved since.

    Returns the new version. The identity number is not changed here.
    """
    data = _validated(data)
    with UnitOfWork(db, user) as uow:
        person = uow.session.get(Person, person_id)
        if person is None:
            raise NotFoundError("Personen har tagits bort av någon annan. Ingenting sparades.")
        if person.version != expected_version:
            raise conflict_error(person.updated_by, person.updated_at)
        _apply(person, data)
        uow.audit("update", "person", person.id)
        uow.commit()
        return person.version
