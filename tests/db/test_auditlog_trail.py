"""The change trail: every insert, update and delete of a person's data, old and new values,
written by the unit of work itself, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bobudget.app.audit_log import change_history
from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork
from bobudget.kernel.identity import demo_identity
from bobudget.model import ChangeTrail, Person, User
from bobudget.model.vocab import DataOperation, UserRole
from bobudget.persons.registry import PersonInput, create_person, update_person

TODAY = dt.date(2026, 11, 27)


def _person(db: Database, first: str = "Åsa", last: str = "Öberg") -> int:
    number = demo_identity(dt.date(1970, 1, 2), 1)
    return create_person(
        db, PersonInput(number.display, first, last, city="Malmö"), today=TODAY, user="anna"
    )


def _trail(db: Database, person_id: int) -> list[ChangeTrail]:
    with db.sessions() as session:
        return list(
            session.scalars(
                select(ChangeTrail)
                .where(ChangeTrail.person_id == person_id)
                .order_by(ChangeTrail.id)
            )
        )


def test_an_insert_is_trailed_with_its_new_values_and_who(db: Database) -> None:
    person_id = _person(db)
    [row] = [t for t in _trail(db, person_id) if t.table_name == "persons"]
    assert row.operation == DataOperation.INSERT
    assert row.username == "anna"
    assert row.row_id == person_id
    assert row.changes["first_name"] == [None, "Åsa"]
    assert row.changes["city"] == [None, "Malmö"]
    # Who and when are the trail's own columns; the counters and derived texts are left out.
    assert "version" not in row.changes and "search_text" not in row.changes


def test_an_update_keeps_old_and_new_value_of_each_changed_field(db: Database) -> None:
    person_id = _person(db)
    with db.sessions() as session:
        person = session.get(Person, person_id)
        assert person is not None
        version, identity = person.version, person.identity
    update_person(
        db,
        person_id,
        version,
        PersonInput(identity, "Åsa", "Öberg", city="Lund"),
        user="bertil",
    )
    updates = [t for t in _trail(db, person_id) if t.operation == DataOperation.UPDATE]
    assert len(updates) == 1
    assert updates[0].username == "bertil"
    assert updates[0].changes == {"city": ["Malmö", "Lund"]}


def test_a_delete_keeps_the_old_values(db: Database) -> None:
    person_id = _person(db, "Karl", "Lind")
    with UnitOfWork(db, "cecilia") as uow:
        person = uow.session.get(Person, person_id)
        assert person is not None
        [membership] = person.memberships
        uow.session.delete(membership)
        uow.commit()
    deleted = [t for t in _trail(db, person_id) if t.operation == DataOperation.DELETE]
    assert len(deleted) == 1
    assert (deleted[0].username, deleted[0].table_name) == ("cecilia", "household_members")
    assert deleted[0].changes["person_id"] == [person_id, None]


def test_a_rolled_back_change_leaves_no_trail(db: Database) -> None:
    person_id = _person(db)
    before = len(_trail(db, person_id))
    with UnitOfWork(db, "david") as uow:
        person = uow.session.get(Person, person_id)
        assert person is not None
        person.city = "Ystad"
        uow.session.flush()  # the trail is written at the flush …
        # … and leaves with the change when the unit of work is not committed.
    assert len(_trail(db, person_id)) == before


def test_history_reads_the_fields_in_swedish_newest_first(db: Database) -> None:
    person_id = _person(db)
    with db.sessions() as session:
        person = session.get(Person, person_id)
        assert person is not None
        version, identity = person.version, person.identity
    update_person(db, person_id, version, PersonInput(identity, "Åsa", "Öberg", city="Lund"))
    lines = change_history(db, person_id=person_id)
    assert (lines[0].field, lines[0].old, lines[0].new) == ("Ort", "Malmö", "Lund")
    assert lines[0].what == "Person ändrad"
    assert any(line.field == "Förnamn" and line.new == "Åsa" for line in lines)
    by_user = change_history(db, user="anna")
    assert by_user and all(line.username == "anna" for line in by_user)


def test_a_stored_word_reads_as_its_swedish_label(db: Database) -> None:
    with UnitOfWork(db, "admin") as uow:
        uow.session.add(User(username="bo", full_name="Bo Berg"))
        uow.commit()
    with UnitOfWork(db, "admin") as uow:
        user = uow.session.scalar(select(User).where(User.username == "bo"))
        assert user is not None
        user.role = UserRole.ENHETSCHEF
        uow.commit()
    [line] = [
        line for line in change_history(db, user="admin") if line.field == "Roll" and line.old
    ]
    assert (line.what, line.old, line.new) == ("Användare ändrad", "Bostadskonsulent", "Enhetschef")
