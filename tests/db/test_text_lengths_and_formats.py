"""Texts take at most what their columns hold, and contact details are checked, whoever saves:
a 5 000-character first name or målnummer once broke the person card. Each refusal names the
field by its form's label, and nothing is saved."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from bobudget.app.person_card import get_person_card
from bobudget.db.engine import Database
from bobudget.follow_up.trouble import EvictionNoticeInput, register_eviction_notice
from bobudget.kernel.errors import FieldError, ValidationError
from bobudget.kernel.identity import demo_identity
from bobudget.model import EvictionNotice, Person
from bobudget.model.lengths import max_length
from bobudget.model.vocab import NoticeSender
from bobudget.persons.registry import PersonInput, create_person, update_person
from bobudget.placement.housing_stock import (
    DwellingInput,
    LandlordInput,
    save_dwelling,
    save_landlord,
)
from tests.db.placement_data import TODAY, USER, person


def count(db: Database, model: type) -> int:
    with db.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_the_lengths_are_read_from_the_model() -> None:
    assert max_length(Person.first_name) == 100
    assert max_length(Person.postal_code) == 10
    assert max_length(EvictionNotice.case_number) == 60
    assert max_length(Person.note) is None  # a note has no limit


def test_a_5000_character_first_name_is_refused_by_its_label(db: Database) -> None:
    number = demo_identity(dt.date(1985, 3, 12), 3).display
    with pytest.raises(ValidationError) as refused:
        create_person(db, PersonInput(number, "A" * 5000, "Öberg"), user=USER, today=TODAY)
    assert refused.value.field_errors == (
        FieldError("Förnamn", "Förnamn får vara högst 100 tecken, men texten har 5000. Korta den."),
    )
    assert count(db, Person) == 0


def test_every_too_long_field_is_named_at_once(db: Database) -> None:
    person_id = person(db)
    card = get_person_card(db, person_id)
    data = PersonInput(card.identity, "Karin", "Ö" * 101, address="Storgatan " + "4" * 200)
    with pytest.raises(ValidationError) as refused:
        update_person(db, person_id, card.version, data, user=USER)
    assert [e.field for e in refused.value.field_errors] == ["Efternamn", "Adress"]
    assert get_person_card(db, person_id).last_name == "Öberg"


def test_a_too_long_målnummer_is_refused(db: Database) -> None:
    person_id = person(db)
    data = EvictionNoticeInput(person_id, TODAY, NoticeSender.KRONOFOGDEN, case_number="1" * 61)
    with pytest.raises(ValidationError, match=r"^Målnummer får vara högst 60 tecken"):
        register_eviction_notice(db, data, user=USER, today=TODAY)
    assert count(db, EvictionNotice) == 0


def test_postnummer_telephone_and_e_mail_of_a_person(db: Database) -> None:
    number = demo_identity(dt.date(1985, 3, 12), 4).display
    person_id = create_person(
        db,
        PersonInput(
            number,
            "Karin",
            "Öberg",
            postal_code="65224",
            phone="0701112233",
            email="karin@exempel.se",
        ),
        user=USER,
        today=TODAY,
    )
    card = get_person_card(db, person_id)
    assert (card.postal_code, card.phone) == ("652 24", "070-111 22 33")
    bad = PersonInput(card.identity, "Karin", "Öberg", postal_code="6522", phone="070", email="x@")
    with pytest.raises(ValidationError) as refused:
        update_person(db, person_id, card.version, bad, user=USER)
    assert [e.field for e in refused.value.field_errors] == ["Postnummer", "Telefon", "E-post"]
    assert get_person_card(db, person_id).postal_code == "652 24"


def test_a_landlords_contact_and_a_dwellings_postnummer(db: Database) -> None:
    with pytest.raises(ValidationError) as refused:
        save_landlord(db, LandlordInput("Sjöviks Bostäder AB", phone="1", email="nej"), user=USER)
    assert [e.field for e in refused.value.field_errors] == ["Telefon", "E-post"]
    landlord_id = save_landlord(db, LandlordInput("Sjöviks Bostäder AB"), user=USER)
    with pytest.raises(ValidationError, match="Postnumret '1234' ska vara fem siffror"):
        save_dwelling(
            db, DwellingInput("Kvarngatan 7", landlord_id=landlord_id, postal_code="1234")
        )
