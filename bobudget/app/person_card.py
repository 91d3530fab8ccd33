"""The person card: a person with their household, decisions, contracts and timeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bobudget.app.timeline import Event, card_events
from bobudget.db.access import record_access
from bobudget.db.engine import Database
from bobudget.db.responsible import responsible_names
from bobudget.kernel.errors import NotFoundError
from bobudget.model import (
    Contract,
    Decision,
    HouseholdMember,
    Person,
)
from bobudget.model.vocab import (
    AccessKind,
    ContractBasis,
    ContractKind,
    DecisionKind,
    DecisionStatus,
    HouseholdRole,
    IdentityKind,
)
from bobudget.persons.registry import PROTECTED_ADDRESS_TEXT, identity_display


@dataclass(frozen=True)
class ContractLine:
    id: int
    kind: ContractKind
    kind_label: str
    start_date: dt.date
    end_date: dt.date | None
    where: str
    monthly_rent_ore: int | None
    periods: int
    current_period_end: dt.date | None
    basis: ContractBasis
    responsible_name: str = ""  # the responsible user's full name; "" for nobody


@dataclass(frozen=True)
class DecisionLine:
    id: int
    kind_label: str
    decision_date: dt.date
    reference: str
    status_label: str
    responsible_name: str = ""  # the responsible user's full name; "" for nobody


@dataclass(frozen=True)
class PersonCard:
    id: int
    version: int
    identity: str
    identity_kind: IdentityKind
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


def _where(contract: Contract, protected: bool) -> str:
    # Where a protected person lives is their address: it is not shown, even on their card.
    if protected:
        return PROTECTED_ADDRESS_TEXT
    if contract.temporary_place is not None:
        return contract.temporary_place.name
    if contract.dwelling is not None:
        return contract.dwelling.address
    return ""


def open_person_card(
    db: Database, person_id: int, today: dt.date | None = None, *, user: str | None = None
) -> PersonCard:
    """The card a user opens: read, and its opening written to the access log."""
    card = get_person_card(db, person_id, today)
    record_access(db, AccessKind.CARD_OPENED, [person_id], user=user)
    return card


def get_person_card(db: Database, person_id: int, today: dt.date | None = None) -> PersonCard:
    """The card as it is now (a reload after a change; a check that needs no access logged)."""
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
        names = responsible_names(session)
        periods = {c.id: list(c.periods) for c in contracts if c.kind == ContractKind.TEMPORARY}
        contract_lines = [
            ContractLine(
                id=c.id,
                kind=c.kind,
                kind_label=ContractKind(c.kind).label,
                start_date=c.start_date,
                end_date=c.end_date,
                where=_where(c, person.protected_identity),
                monthly_rent_ore=c.monthly_rent_ore,
                periods=len(periods.get(c.id, [])),
                current_period_end=(periods[c.id][-1].end_date if periods.get(c.id) else None),
                basis=c.basis,
                responsible_name=names.get(c.responsible or "", c.responsible or ""),
            )
            for c in contracts
        ]
        decision_lines = [
            DecisionLine(
                id=d.id,
                kind_label=DecisionKind(d.kind).label,
                decision_date=d.decision_date,
                reference=d.reference,
                status_label=DecisionStatus(d.status).label,
                responsible_name=names.get(d.responsible or "", d.responsible or ""),
            )
            for d in decisions
        ]
        events = card_events(session, person_id, today)
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
    return [(identity_display(p), p.full_name, HouseholdRole(role).label) for p, role in rows]
