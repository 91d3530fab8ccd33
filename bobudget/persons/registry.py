"""The person register: search, find by number, and saving a person without overwriting anyone's
change. The person card, which gathers from every part of the work, is in app/person_card.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from bobudget.db.access import record_access
from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork, conflict_error
from bobudget.kernel.contact import email_address, phone_number, postal_code
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.identity import display_canonical, parse_identity
from bobudget.kernel.problems import Problems
from bobudget.kernel.search_text import person_search_text, search_terms
from bobudget.kernel.text_check import check_text
from bobudget.model import (
    Household,
    HouseholdMember,
    Person,
)
from bobudget.model.vocab import AccessKind, HouseholdRole
from bobudget.persons.reference import parse_case_reference
from bobudget.persons.search import COLUMNS as SEARCH_COLUMNS
from bobudget.persons.search import find_person_rows

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


def search_persons(
    db: Database, query: str, limit: int = 200, *, user: str | None = None
) -> list[PersonRow]:
    """Persons whose name or number matches every typed term (å, ä, ö folded): those whose names
    or number start with the terms first, in list order, then (for terms of three characters or
    more) those holding them anywhere; persons/search.py says why.

    The persons found are shown: their ids go to the access log, one INSERT for the whole
    list (the search text is not logged: it may be a name).
    """
    terms = search_terms(query)
    case_id = parse_case_reference(query)
    with db.sessions() as session:
        if case_id is not None:
            # BU-123 as a calendar event names the case: that person only.
            stmt = select(*SEARCH_COLUMNS).where(Person.id == case_id)
            rows: list[Any] = list(session.execute(stmt).all())
        else:
            rows = find_person_rows(session, terms, limit)
    record_access(db, AccessKind.SEARCH, [r.id for r in rows], user=user)
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


# The form's words for each text of a person, to name the field a wrong character is in.
_FIELD_LABELS = {
    "identity": "Personnummer",
    "first_name": "Förnamn",
    "last_name": "Efternamn",
    "address": "Adress",
    "postal_code": "Postnummer",
    "city": "Ort",
    "phone": "Telefon",
    "email": "E-post",
}


def _validated(data: PersonInput, problems: Problems | None = None) -> PersonInput:
    """Every field checked before refusing (with what `problems` already holds), each problem
    named by the form's label."""
    problems = problems or Problems()
    for field, label in _FIELD_LABELS.items():
        try:
            check_text(getattr(data, field), label)
        except ValidationError as error:
            problems.add(label, str(error))
    problems.check("Anteckning", lambda: check_text(data.note, "Anteckning", multiline=True))
    data.first_name = data.first_name.strip()
    data.last_name = data.last_name.strip()
    data.postal_code = problems.check("Postnummer", lambda: postal_code(data.postal_code)) or ""
    data.phone = problems.check("Telefon", lambda: phone_number(data.phone)) or ""
    data.email = problems.check("E-post", lambda: email_address(data.email)) or ""
    if not data.first_name:
        problems.add("Förnamn", "Fyll i förnamn.")
    if not data.last_name:
        problems.add("Efternamn", "Fyll i efternamn.")
    problems.raise_any()
    return data


def create_person(
    db: Database, data: PersonInput, user: str | None = None, today: dt.date | None = None
) -> int:
    problems = Problems()
    number = problems.check(
        "Personnummer", lambda: parse_identity(data.identity, today or dt.date.today())
    )
    data = _validated(data, problems)
    assert number is not None  # refused above otherwise
    with UnitOfWork(db, user) as uow:
        exists = uow.session.scalar(select(Person.id).where(Person.identity == number.canonical))
        if exists is not None:
            raise ValidationError(f"Det finns redan en person med nummer {number.display}.")
        person = Person(identity=number.canonical, identity_kind=number.kind.value)
        _apply(person, data)
        uow.session.add(person)
        household = Household(name=f"Hushåll {data.last_name}")
        household.members.append(HouseholdMember(person=person, role=HouseholdRole.APPLICANT))
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
