"""Two people editing the same person: the second save is refused and nothing is lost."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bobudget.app.person_card import get_person_card
from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork
from bobudget.kernel.errors import ConflictError
from bobudget.kernel.identity import demo_identity
from bobudget.model import Person
from bobudget.persons.registry import PersonInput, create_person, update_person

TODAY = dt.date(2026, 11, 27)


def _new_person(db: Database) -> int:
    number = demo_identity(dt.date(1980, 5, 17), 3)
    return create_person(
        db,
        PersonInput(number.display, "Åsa", "Öberg", address="Storgatan 1"),
        user="anna",
        today=TODAY,
    )


def test_second_save_from_a_stale_read_is_refused(db: Database) -> None:
    person_id = _new_person(db)
    first = get_person_card(db, person_id)
    second = get_person_card(db, person_id)

    update_person(
        db,
        person_id,
        first.version,
        PersonInput(first.identity, "Åsa", "Öberg", address="Nygatan 2"),
        user="anna",
    )
    with pytest.raises(ConflictError) as raised:
        update_person(
            db,
            person_id,
            second.version,
            PersonInput(second.identity, "Åsa", "Öberg", address="Fel 9"),
            user="bertil",
        )

    assert raised.value.changed_by == "anna"
    assert "ändrades av anna" in str(raised.value)
    card = get_person_card(db, person_id)
    assert card.address == "Nygatan 2"
    assert card.updated_by == "anna"


def test_two_sessions_racing_on_the_same_row(db: Database) -> None:
    """Both sessions read version 1; the flush of the second finds the row already changed."""
    person_id = _new_person(db)
    with UnitOfWork(db, "anna") as anna, UnitOfWork(db, "bertil") as bertil:
        mine = anna.session.get(Person, person_id)
        theirs = bertil.session.get(Person, person_id)
        assert mine is not None and theirs is not None
        mine.address = "Annas adress 1"
        anna.commit()
        theirs.address = "Bertils adress 2"
        with pytest.raises(ConflictError) as raised:
            bertil.commit()
    assert raised.value.changed_by == "anna"
    with db.sessions() as session:
        row = session.execute(select(Person).where(Person.id == person_id)).scalar_one()
    assert row.address == "Annas adress 1"
    assert row.version == 2


def test_version_counts_every_save(db: Database) -> None:
    person_id = _new_person(db)
    card = get_person_card(db, person_id)
    version = card.version
    for street in ("A-gatan 1", "B-gatan 2", "C-gatan 3"):
        version = update_person(
            db, person_id, version, PersonInput(card.identity, "Åsa", "Öberg", address=street)
        )
    assert version == card.version + 3
