"""Persons with a lease to follow up, for the follow-up tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork
from bobudget.kernel.identity import demo_identity
from bobudget.model import Contract, Dwelling, HouseholdMember, Landlord
from bobudget.persons.registry import PersonInput, create_person

TODAY = dt.date(2026, 11, 27)
USER = "handledare1"


@dataclass(frozen=True)
class Tenant:
    person_id: int
    contract_id: int


def make_person(db: Database, first: str = "Karin", last: str = "Öberg", serial: int = 1) -> int:
    identity = demo_identity(dt.date(1985, 3, 12), serial).display
    return create_person(db, PersonInput(identity, first, last), user=USER, today=TODAY)


def add_lease(
    db: Database,
    person_id: int,
    start: dt.date,
    *,
    kind: str = "social",
    end: dt.date | None = None,
    interval: int = 3,
    basis: str = "decision",
    address: str | None = None,
) -> int:
    with UnitOfWork(db, USER) as uow:
        s = uow.session
        household_id = s.scalar(
            select(HouseholdMember.household_id).where(HouseholdMember.person_id == person_id)
        )
        landlord = s.scalar(select(Landlord).where(Landlord.name == "Sjöviksbostäder"))
        if landlord is None:
            landlord = Landlord(name="Sjöviksbostäder", kind="municipal_company")
            s.add(landlord)
        dwelling = Dwelling(
            address=address or f"Kvarngatan {person_id}-{start.isoformat()}",
            postal_code="734 31",
            city="Sjövik",
            landlord=landlord,
            rent_ore=712_300,
        )
        s.add(dwelling)
        s.flush()
        contract = Contract(
            kind=kind,
            person_id=person_id,
            household_id=household_id,
            dwelling_id=dwelling.id,
            start_date=start,
            end_date=end,
            monthly_rent_ore=712_300,
            follow_up_interval_months=interval,
            basis=basis,
        )
        s.add(contract)
        s.flush()
        uow.commit()
        return contract.id


def tenant(
    db: Database,
    start: dt.date = dt.date(2026, 3, 1),
    *,
    serial: int = 1,
    first: str = "Karin",
    last: str = "Öberg",
    **lease: object,
) -> Tenant:
    person_id = make_person(db, first, last, serial)
    return Tenant(person_id, add_lease(db, person_id, start, **lease))  # type: ignore[arg-type]


def staff(db: Database, *usernames: str, role: str = "bostadshandledare") -> None:
    """Users on the staff list, who can be named responsible (USER among them when asked)."""
    from bobudget.app.users import StaffInput, add_staff
    from bobudget.model.vocab import UserRole

    for username in usernames:
        full_name = username.replace(".", " ").title()
        add_staff(db, username, StaffInput(full_name, role=UserRole(role)), user=USER)
