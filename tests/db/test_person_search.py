"""Searching persons by any part of a name or number, å, ä, ö folded, on both engines."""

from __future__ import annotations

import datetime as dt

from bobudget.db.engine import Database
from bobudget.kernel.identity import demo_identity
from bobudget.persons.registry import PersonInput, create_person, search_persons

TODAY = dt.date(2026, 11, 27)


def _add(db: Database, first: str, last: str, born: dt.date, serial: int, **kw: object) -> str:
    number = demo_identity(born, serial)
    create_person(db, PersonInput(number.display, first, last, **kw), today=TODAY)  # type: ignore[arg-type]
    return number.display


def test_lowercase_finds_swedish_capitals(db: Database) -> None:
    _add(db, "Åsa", "Öberg", dt.date(1970, 1, 2), 1)
    _add(db, "Ärla", "Ängström", dt.date(1971, 2, 3), 2)
    _add(db, "Asa", "Oberg", dt.date(1972, 3, 4), 3)

    assert [r.name for r in search_persons(db, "öberg")] == ["Öberg, Åsa"]
    assert [r.name for r in search_persons(db, "ÅSA")] == ["Öberg, Åsa"]
    assert [r.name for r in search_persons(db, "ängs")] == ["Ängström, Ärla"]
    assert [r.name for r in search_persons(db, "oberg")] == ["Oberg, Asa"]


def test_any_part_and_several_terms(db: Database) -> None:
    _add(db, "Karin", "Lindqvist", dt.date(1985, 6, 7), 4)
    _add(db, "Karl", "Lind", dt.date(1986, 6, 7), 5)
    assert {r.name for r in search_persons(db, "lind")} == {"Lindqvist, Karin", "Lind, Karl"}
    assert [r.name for r in search_persons(db, "qvist kar")] == ["Lindqvist, Karin"]
    assert search_persons(db, "zzz") == []


def test_by_number_in_any_written_form(db: Database) -> None:
    display = _add(db, "Nils", "Holm", dt.date(1990, 12, 24), 6)
    canonical = display.replace("-", "")
    for query in (
        display,
        canonical,
        canonical[2:],
        f"{canonical[2:8]}-{canonical[8:]}",
        canonical[2:8],
    ):
        assert [r.name for r in search_persons(db, query)] == ["Holm, Nils"], query


def test_protected_person_shows_no_town(db: Database) -> None:
    _add(db, "Sara", "Berg", dt.date(1988, 1, 1), 7, city="Hemlig ort", protected=True)
    row = search_persons(db, "berg")[0]
    assert row.protected and row.city == ""


def test_wildcards_in_a_query_are_literal(db: Database) -> None:
    _add(db, "Per", "Nord", dt.date(1960, 1, 1), 8)
    assert search_persons(db, "%") == []
    assert search_persons(db, "_") == []


def test_protected_persons_card_shows_no_dwelling_address(db: Database) -> None:
    from bobudget.app.person_card import get_person_card
    from bobudget.db.uow import UnitOfWork
    from bobudget.model import Contract, Dwelling
    from bobudget.persons.registry import PROTECTED_ADDRESS_TEXT

    number = demo_identity(dt.date(1975, 4, 4), 9)
    person_id = create_person(
        db,
        PersonInput(number.display, "Lena", "Skog", address="Hemliga vägen 3", protected=True),
        today=TODAY,
    )
    with UnitOfWork(db, "anna") as uow:
        dwelling = Dwelling(address="Hemliga vägen 3", postal_code="123 45")
        uow.session.add(dwelling)
        uow.session.flush()
        uow.session.add(
            Contract(
                kind="social",
                person_id=person_id,
                dwelling_id=dwelling.id,
                start_date=dt.date(2025, 1, 1),
                basis="decision",
            )
        )
        uow.commit()
    card = get_person_card(db, person_id)
    assert card.address_lines == [PROTECTED_ADDRESS_TEXT]
    assert [c.where for c in card.contracts] == [PROTECTED_ADDRESS_TEXT]
