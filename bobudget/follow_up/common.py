"""What the follow-up services share: the users' words, contract checks and who is who."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.model import Contract, HouseholdMember, Person, User
from bobudget.persons.registry import CONTRACT_KIND_LABELS

__all__ = [
    "CONTRACT_GONE",
    "PERSON_GONE",
    "SENDER_LABELS",
    "check_not_before_contract",
    "check_time",
    "contract_label",
    "display_names",
    "person_contracts",
    "require_person",
]

PERSON_GONE = "Personen finns inte längre i databasen. Läs in sidan på nytt."
CONTRACT_GONE = "Kontraktet finns inte längre i databasen. Läs in sidan på nytt."
SENDER_LABELS = {"landlord": "Hyresvärden", "kronofogden": "Kronofogden"}

_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


def require_person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFoundError(PERSON_GONE)
    return person


def person_contracts(session: Session, person_id: int) -> list[Contract]:
    """The person's contracts, their own or their household's, oldest first."""
    households = select(HouseholdMember.household_id).where(HouseholdMember.person_id == person_id)
    return list(
        session.scalars(
            select(Contract)
            .where(or_(Contract.person_id == person_id, Contract.household_id.in_(households)))
            .order_by(Contract.start_date, Contract.id)
        )
    )


def contract_label(contract: Contract) -> str:
    """Which contract, "Socialt kontrakt från 2026-03-01", never where (that may be secret)."""
    kind = CONTRACT_KIND_LABELS.get(contract.kind, contract.kind)
    return f"{kind} från {contract.start_date.isoformat()}"


def check_not_before_contract(day: dt.date, contract: Contract, what: str) -> None:
    """Nothing about a contract happens before it starts: a meeting, a follow-up, a debt."""
    if day < contract.start_date:
        raise ValidationError(
            f"{what} {day.isoformat()} ligger före kontraktets start "
            f"{contract.start_date.isoformat()}. Ändra datumet till kontraktets start eller senare."
        )


def check_time(text: str) -> str:
    """A meeting's time as 09:30; empty is allowed (not booked yet)."""
    text = text.strip()
    if not text:
        return ""
    match = _TIME.match(text)
    if match is None:
        raise ValidationError(f"Klockslaget '{text}' går inte att läsa. Skriv det som 09:30.")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def display_names(session: Session, usernames: set[str]) -> dict[str, str]:
    """The users' full names by username, for "ticked by"; unknown names stay as they are."""
    names = {u for u in usernames if u}
    if not names:
        return {}
    rows = session.execute(select(User.username, User.full_name).where(User.username.in_(names)))
    found = {username: full or username for username, full in rows}
    return {u: found.get(u, u) for u in names}
