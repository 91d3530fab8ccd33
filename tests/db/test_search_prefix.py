"""Search as you type on both engines: prefix matches first in list order, infix after, keys
kept by the database for every way a person is written."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, select, text

from bobudget.db import migrate
from bobudget.db.engine import Database
from bobudget.kernel.identity import demo_identity
from bobudget.kernel.search_text import name_key, person_search_text
from bobudget.model import Person
from bobudget.persons.registry import (
    PersonInput,
    create_person,
    search_persons,
    update_person,
)

TODAY = dt.date(2026, 11, 27)


def _add(db: Database, first: str, last: str, serial: int) -> int:
    number = demo_identity(dt.date(1980, 1, 1) + dt.timedelta(days=serial), serial % 20)
    return create_person(db, PersonInput(number.display, first, last), today=TODAY)


def _names(db: Database, query: str, limit: int = 200) -> list[str]:
    return [r.name for r in search_persons(db, query, limit)]


def _core_row(serial: int, first: str, last: str, **extra: object) -> dict[str, object]:
    number = demo_identity(dt.date(1990, 1, 1) + dt.timedelta(days=serial), 3)
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    return {
        "identity": number.canonical,
        "identity_kind": "personnummer",
        "first_name": first,
        "last_name": last,
        "address": "",
        "postal_code": "",
        "city": "",
        "phone": "",
        "email": "",
        "protected_identity": False,
        "note": "",
        "search_text": person_search_text(last, first, number.display, number.canonical),
        "version": 1,
        "created_at": now,
        "created_by": "test",
        "updated_at": now,
        "updated_by": "test",
        **extra,
    }


def _keys(db: Database) -> dict[str, tuple[str | None, str | None, str | None]]:
    with db.sessions() as session:
        rows = session.execute(
            select(
                Person.last_name,
                Person.last_name_key,
                Person.first_name_key,
                Person.identity_key,
                Person.identity,
            )
        ).all()
    return {r.last_name: (r.last_name_key, r.first_name_key, r.identity_key) for r in rows}


def test_keys_are_right_however_the_person_was_written(db: Database) -> None:
    _add(db, "Åsa", "Öberg", 1)
    with db.engine.begin() as connection:
        # As the demo and the import write: a plain Core insert, keys left out or set to None.
        connection.execute(insert(Person), [_core_row(2, "Émile", "Ängström")])
        connection.execute(
            insert(Person),
            [_core_row(3, "Ärla", "ÅBERG", last_name_key=None, first_name_key=None)],
        )
        connection.execute(
            text(
                "INSERT INTO persons (identity, identity_kind, first_name, last_name, address,"
                " postal_code, city, phone, email, protected_identity, note, search_text,"
                " version, created_at, created_by, updated_at, updated_by) VALUES"
                " ('R000123', 'reserve', 'ÖRJAN', 'Ödegård', '', '', '', '', '', false, '', '',"
                " 1, '2026-01-01 00:00:00+00', 't', '2026-01-01 00:00:00+00', 't')"
            )
        )
    keys = _keys(db)
    assert keys["Öberg"][:2] == ("öberg", "åsa")
    assert keys["Ängström"][:2] == ("ängström", "émile")
    assert keys["ÅBERG"][:2] == ("åberg", "ärla")
    assert keys["Ödegård"] == ("ödegård", "örjan", "r000123")
    with db.sessions() as session:
        identity = session.scalar(select(Person.identity).where(Person.last_name == "Öberg"))
    assert identity is not None and keys["Öberg"][2] == identity[2:]
    for last, (last_key, _, _) in keys.items():
        assert last_key == name_key(last)


def test_a_renamed_person_is_found_under_the_new_name_only(db: Database) -> None:
    person_id = _add(db, "Karin", "Lind", 4)
    number = demo_identity(dt.date(1980, 1, 1) + dt.timedelta(days=4), 4)
    with db.sessions() as session:
        version = session.scalar(select(Person.version).where(Person.id == person_id))
    assert version is not None
    update_person(
        db,
        person_id,
        version,
        PersonInput(number.display, "Kajsa", "Östlund"),
    )
    assert _names(db, "öst") == ["Östlund, Kajsa"]
    assert _names(db, "kaj") == ["Östlund, Kajsa"]
    assert _names(db, "lind") == []
    assert _names(db, "kar") == []


def test_prefixes_of_either_name_in_list_order_then_infix(db: Database) -> None:
    for serial, (first, last) in enumerate(
        [
            ("Karl", "Lindberg"),
            ("Berit", "Holm"),
            ("Anna", "Berg"),
            ("Åke", "Bergström"),
            ("Sven", "Söderberg"),
            ("Lars", "Åberg"),
        ]
    ):
        _add(db, first, last, serial + 10)
    # Those whose surname or first name starts with "ber" first, by name; then "berg" inside.
    assert _names(db, "ber") == [
        "Berg, Anna",
        "Bergström, Åke",
        "Holm, Berit",
        "Lindberg, Karl",
        "Söderberg, Sven",
        "Åberg, Lars",
    ]
    assert _names(db, "berg") == [
        "Berg, Anna",
        "Bergström, Åke",
        "Lindberg, Karl",
        "Söderberg, Sven",
        "Åberg, Lars",
    ]
    # One or two letters match the start of a name only.
    assert _names(db, "b") == ["Berg, Anna", "Bergström, Åke", "Holm, Berit"]
    assert _names(db, "åk") == ["Bergström, Åke"]
    assert _names(db, "å") == ["Bergström, Åke", "Åberg, Lars"]
    assert _names(db, "Å") == ["Bergström, Åke", "Åberg, Lars"]
    assert _names(db, "sö") == ["Söderberg, Sven"]
    # Several terms: each must match; the order of the terms does not matter.
    assert _names(db, "åke berg") == ["Bergström, Åke"]
    assert _names(db, "berg åke") == ["Bergström, Åke"]
    assert _names(db, "l k") == ["Lindberg, Karl"]


def test_the_page_is_the_first_persons_in_list_order(db: Database) -> None:
    firsts = ["Adam", "Bo", "Cecilia", "Dan", "Eva", "Filip", "Gun", "Hans", "Ida", "Jan"]
    for serial, first in enumerate(reversed(firsts)):
        _add(db, first, "Andersson", serial + 30)
        _add(db, first, "Anka", serial + 60)
    page = _names(db, "an", limit=5)
    assert page == [f"Andersson, {f}" for f in firsts[:5]]
    assert len(_names(db, "a", limit=15)) == 15
    assert _names(db, "", limit=3) == [f"Andersson, {f}" for f in firsts[:3]]


def test_number_forms_and_last_digits(db: Database) -> None:
    person_id = _add(db, "Nils", "Holm", 90)
    with db.sessions() as session:
        canonical = session.scalar(select(Person.identity).where(Person.id == person_id))
    assert canonical is not None
    for query in (
        canonical,
        canonical[2:],
        canonical[:8],
        f"{canonical[:8]}-{canonical[8:]}",
        f"{canonical[2:8]}-{canonical[8:]}",
        f"{canonical[2:8]}-",
        canonical[2:6],
        canonical[-4:],  # the last four digits, inside the number
    ):
        assert _names(db, query) == ["Holm, Nils"], query


def test_migration_fills_the_keys_of_persons_already_there(db: Database) -> None:
    _add(db, "Östen", "Ärlig", 95)
    migrate.downgrade(db, "0016")
    migrate.upgrade(db)
    assert _keys(db)["Ärlig"][:2] == ("ärlig", "östen")
    assert _names(db, "är") == ["Ärlig, Östen"]
    # The triggers came back with the columns: a new person gets keys too.
    _add(db, "Åke", "Öst", 96)
    assert _names(db, "ös") == ["Ärlig, Östen", "Öst, Åke"]
