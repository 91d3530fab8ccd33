"""Two imports of one file, or two staff opening one start-up meeting, at the same moment.

Each runs in its own thread with its own engine (its own connections). Both first look for
what is already there and find nothing; a barrier at each one's first write (the session's
first flush, or its first INSERT, UPDATE or nextval: the import writes past the flush) makes
sure of that, then both write. The database holds each contract and each
meeting once: one succeeds, the other is told in Swedish that someone else ran at the same
time, and nothing of it is kept. On PostgreSQL and on SQLite.

The barrier stands before the first write, not before the commit: a second insert of the same
key waits for the first transaction to end, so a barrier before the commit would only wait.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, MetaData, Table, delete, event, func, select
from sqlalchemy.orm import Session

from bobudget.db import migrate
from bobudget.db.engine import Database, connect
from bobudget.follow_up.startup_meetings import open_startup_meeting
from bobudget.importing.reader import import_file
from bobudget.importing.writer import ImportResult
from bobudget.kernel.errors import ConflictError, DatabaseUnavailableError
from bobudget.model import AuditEntry, Contract, Person, StartupChecklistItem, StartupMeeting
from bobudget.model.vocab import ContractBasis, ContractKind, IdentityKind
from tests.db.follow_up_helpers import USER, tenant
from tests.db.test_import import GOOD_ROWS, TODAY, write_csv


@pytest.fixture
def two_engines(db: Database) -> Iterator[tuple[Database, Database]]:
    """Two separate engines on the same database, as two staff members' programs."""
    first, second = connect(db.url), connect(db.url)
    try:
        yield first, second
    finally:
        first.dispose()
        second.dispose()


def meet_at_first_write(engines: tuple[Database, ...]) -> None:
    """Each engine's first flush waits until every engine has reached its own."""
    barrier = threading.Barrier(len(engines), timeout=30)
    for engine in engines:
        waited: list[bool] = []

        def wait(_session: Session, _context: object, _instances: object, w=waited) -> None:
            if not w:
                w.append(True)
                barrier.wait()

        def wait_to_insert(
            _connection: Connection, _cursor: object, statement: str, *_args: object, w=waited
        ) -> None:
            # The import writes past the session's flush: multi-row INSERT statements on SQLite;
            # on PostgreSQL COPY, which it prepares by taking ids from the sequence.
            first = statement.lstrip().upper()
            if first.startswith(("INSERT", "UPDATE")) or "NEXTVAL(" in first:
                wait(None, None, None, w)  # type: ignore[arg-type]

        event.listen(engine.sessions, "before_flush", wait)
        event.listen(engine.engine, "before_cursor_execute", wait_to_insert)


def race(workers: list[Callable[[], object]]) -> tuple[list[object], list[BaseException]]:
    """Run the workers in threads at once; what they returned and what they raised."""
    results: list[object] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(work: Callable[[], object]) -> None:
        try:
            result = work()
        except BaseException as error:  # collected and asserted on in the test thread
            with lock:
                errors.append(error)
        else:
            with lock:
                results.append(result)

    threads = [threading.Thread(target=run, args=(w,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
        assert not t.is_alive(), "a worker never finished: a deadlock"
    return results, errors


def count(db: Database, table: type[object]) -> int:
    with db.sessions() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0  # type: ignore[arg-type]


def _import_race(
    db: Database, engines: tuple[Database, Database], path: Path
) -> tuple[list[object], list[BaseException]]:
    meet_at_first_write(engines)
    return race([lambda e=e: import_file(e, path, TODAY, user="anna") for e in engines])


def test_two_imports_of_a_new_file_at_once_write_every_person_and_contract_once(
    db: Database, two_engines: tuple[Database, Database], tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "lista.csv", GOOD_ROWS)

    results, errors = _import_race(db, two_engines, path)

    assert len(results) == 1 and len(errors) == 1, (results, errors)
    (won,) = results
    assert isinstance(won, ImportResult) and won.contracts_new == 6
    assert isinstance(errors[0], ConflictError)
    assert "En annan import" in str(errors[0]) and "sparade ingenting" in str(errors[0])
    assert count(db, Person) == 5
    assert count(db, Contract) == 6
    # The loser left no audit entry either: only the winner's (5 persons + 6 contracts + …).
    again = import_file(db, path, TODAY)
    assert (again.persons_new, again.contracts_new) == (0, 0)


def test_two_imports_of_new_contracts_for_known_persons_write_each_contract_once(
    db: Database, two_engines: tuple[Database, Database], tmp_path: Path
) -> None:
    """The persons are there already: only the contracts' own key stops the second import."""
    import_file(db, write_csv(tmp_path / "forsta.csv", GOOD_ROWS[:1]), TODAY)
    later = [[*GOOD_ROWS[0][:4], "2026-06-01", *GOOD_ROWS[0][5:]]]
    path = write_csv(tmp_path / "andra.csv", later)
    audited = count(db, AuditEntry)

    results, errors = _import_race(db, two_engines, path)

    assert len(results) == 1 and len(errors) == 1, (results, errors)
    assert isinstance(errors[0], ConflictError) and "En annan import" in str(errors[0])
    assert count(db, Contract) == 2
    # One import's audit entries (the contract, at most a new dwelling), not two.
    assert count(db, AuditEntry) - audited <= 2


def test_two_staff_opening_one_start_up_meeting_at_once_make_one(
    db: Database, two_engines: tuple[Database, Database]
) -> None:
    contract_id = tenant(db, serial=1).contract_id
    meet_at_first_write(two_engines)

    results, errors = race(
        [lambda e=e: open_startup_meeting(e, contract_id, user=USER) for e in two_engines]
    )

    assert len(results) == 1 and len(errors) == 1, (results, errors)
    assert isinstance(errors[0], ConflictError)
    assert "En kollega skapade uppstartsmötet" in str(errors[0])
    assert count(db, StartupMeeting) == 1
    (meeting_id,) = results
    with db.sessions() as session:
        items = session.scalars(select(StartupChecklistItem.meeting_id)).all()
    assert set(items) == {meeting_id}
    assert open_startup_meeting(db, contract_id, user=USER) == meeting_id


# --- migration 0006 over data written before it --------------------------------------------------


def _insert(connection: Connection, table_name: str, **values: object) -> int:
    """A row as the schema of that day holds it: the tables are read from the database, so the
    test does not break when a later migration adds a column the ORM knows and 0005 does not."""
    table = Table(table_name, MetaData(), autoload_with=connection)
    filler: dict[type, object] = {int: 1, str: "", bool: False, dt.date: TODAY}
    for column in table.columns:
        if column.name in values or column.nullable or column.primary_key:
            continue
        if column.server_default is None:
            python_type = column.type.python_type
            values[column.name] = (
                dt.datetime(2026, 1, 1) if python_type is dt.datetime else filler[python_type]
            )
    key = connection.execute(table.insert().values(**values)).inserted_primary_key
    assert key is not None
    return int(key[0])


def _person_with_contracts(db: Database, *bases: ContractBasis) -> list[int]:
    """A person with one social contract per basis, all starting the same day."""
    with db.engine.begin() as connection:
        person = _insert(
            connection,
            "persons",
            identity="R000001",
            identity_kind=IdentityKind.RESERVE.value,
            first_name="T",
            last_name="T",
        )
        contracts = [
            _insert(
                connection,
                "contracts",
                kind=ContractKind.SOCIAL.value,
                person_id=person,
                basis=basis.value,
                start_date=TODAY,
            )
            for basis in bases
        ]
        for _ in range(2 if len(bases) > 2 else 1):
            _insert(connection, "startup_meetings", contract_id=contracts[0], due_date=TODAY)
        return contracts


def test_the_upgrade_over_duplicates_stops_and_names_them(empty_db: Database) -> None:
    migrate.upgrade(empty_db, "0005")
    ids = _person_with_contracts(
        empty_db, ContractBasis.IMPORT, ContractBasis.IMPORT, ContractBasis.DECISION
    )
    with empty_db.sessions() as session:
        meetings = session.scalars(select(StartupMeeting.id).order_by(StartupMeeting.id)).all()

    with pytest.raises(DatabaseUnavailableError) as refused:
        migrate.upgrade(empty_db)

    message = str(refused.value)
    assert f"tabellen contracts, raderna {ids[0]}, {ids[1]} (person_id" in message
    assert str(ids[2]) not in message.split("tabellen contracts", 1)[1].split("\n", 1)[0]
    assert f"tabellen startup_meetings, raderna {meetings[0]}, {meetings[1]}" in message
    assert "Ingenting ändrades" in message
    assert migrate.current_revision(empty_db) == "0005"
    assert count(empty_db, Contract) == 3 and count(empty_db, StartupMeeting) == 2

    with empty_db.engine.begin() as connection:
        connection.execute(delete(StartupMeeting).where(StartupMeeting.id == meetings[1]))
        connection.execute(delete(Contract).where(Contract.id == ids[1]))
    migrate.upgrade(empty_db)
    assert migrate.current_revision(empty_db) == migrate.head_revision()


def test_contracts_made_in_the_program_may_share_the_key(empty_db: Database) -> None:
    """A move on the day of the placement: same person, kind and day, both not imported."""
    migrate.upgrade(empty_db, "0005")
    _person_with_contracts(empty_db, ContractBasis.DECISION, ContractBasis.DECISION)
    migrate.upgrade(empty_db)
    assert migrate.current_revision(empty_db) == migrate.head_revision()
    assert count(empty_db, Contract) == 2
