"""The streaming import: a file read in many chunks gives what one chunk gives, all or nothing.

Chunks are made small (three rows) so that a short file spans many: a person's latest row, a
dwelling's first and last rows, an error in the last row all fall in other chunks than their
first rows. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text

from bobudget.db import migrate
from bobudget.db.changes import ChangeKind, collect_changes
from bobudget.db.engine import Database, connect
from bobudget.importing.reader import ImportRejected, import_file
from bobudget.kernel.identity import demo_identity
from bobudget.model import (
    AuditEntry,
    ChangeTrail,
    Contract,
    ContractPeriod,
    Dwelling,
    Household,
    HouseholdMember,
    Landlord,
    Person,
    TemporaryPlace,
)
from bobudget.persons.registry import search_persons
from tests.db.test_import import GOOD_ROWS, TODAY, counts, write_csv

NUMBERS = [demo_identity(dt.date(1970, 1, 1) + dt.timedelta(days=n), 5).display for n in range(9)]


def _rows() -> list[list[str]]:
    """Persons whose rows are far apart, a dwelling let twice, places by name and address."""
    rows = [list(r) for r in GOOD_ROWS]
    for n, number in enumerate(NUMBERS):
        rows.append(
            [number, f"Först{n}", "Kim", "socialt", f"2020-0{1 + n % 9}-01", "2021-01-01",
             f"Bygatan {n}", "123 45", "Småstad", "Bygdens Hem", "5 000", ""]
        )  # fmt: skip
    for n, number in enumerate(NUMBERS):
        # The same persons later in the file: a newer name, a newer contract.
        rows.append(
            [number, f"Sist{n}", "Kim", "bostad_forst", "2025-05-01", "", f"Bygatan {n % 3}",
             "12345", "Småstad", "BYGDENS HEM", "6 000", "ja" if n % 2 else ""]
        )  # fmt: skip
    rows.append([NUMBERS[0], "Sist0", "Kim", "tillfalligt", "2026-10-01", "", "", "", "",
                 "Hotell Central", "", ""])  # fmt: skip
    return rows


def _state(db: Database) -> dict[str, Any]:
    """What a user can see of an import, by natural keys (ids and timestamps left out)."""
    with db.sessions() as session:
        identity = {r[0]: r[1] for r in session.execute(select(Person.id, Person.identity))}
        persons = sorted(
            (p.identity, p.first_name, p.last_name, p.address, p.postal_code, p.city,
             p.protected_identity, p.search_text, p.version)
            for p in session.scalars(select(Person))
        )  # fmt: skip
        households = sorted(
            (identity[m.person_id], m.role, h.name)
            for m, h in session.execute(
                select(HouseholdMember, Household).join(
                    Household, Household.id == HouseholdMember.household_id
                )
            )
        )
        dwellings = {d.id: (d.address, d.postal_code) for d in session.scalars(select(Dwelling))}
        places = {p.id: p.name for p in session.scalars(select(TemporaryPlace))}
        contracts = sorted(
            (identity[c.person_id], c.kind, c.start_date, c.end_date, c.end_reason,
             c.monthly_rent_ore, dwellings.get(c.dwelling_id or 0),
             places.get(c.temporary_place_id or 0))
            for c in session.scalars(select(Contract))
        )  # fmt: skip
        periods = sorted(
            (p.start_date, p.end_date, p.outcome, p.sequence)
            for p in session.scalars(select(ContractPeriod))
        )
        dwelling_rows = sorted(
            (d.address, d.postal_code, d.city, d.rent_ore, d.status)
            for d in session.scalars(select(Dwelling))
        )
        landlords = sorted(session.scalars(select(Landlord.name)))
        place_rows = sorted(
            (p.name, p.kind, p.address) for p in session.scalars(select(TemporaryPlace))
        )
        audit = sorted(
            (entity, detail)
            for entity, detail in session.execute(select(AuditEntry.entity, AuditEntry.detail))
        )
        trail = sorted(
            (table, operation)
            for table, operation in session.execute(
                select(ChangeTrail.table_name, ChangeTrail.operation)
            )
        )
    return {
        "persons": persons,
        "households": households,
        "contracts": contracts,
        "periods": periods,
        "dwellings": dwelling_rows,
        "landlords": landlords,
        "places": place_rows,
        "audit": audit,
        "trail": trail,
    }


def test_many_chunks_give_what_one_chunk_gives(db: Database, tmp_path: Path) -> None:
    first = write_csv(tmp_path / "forsta.csv", _rows())
    again = _rows()
    again[0][1] = "Öberg-Lind"  # a changed name for a person already there
    again.append([GOOD_ROWS[1][0], "Persson", "Per", "socialt", "2026-12-01", "", "Lillgatan 2",
                  "12346", "Småstad", "Småstadshem AB", "5000", ""])  # fmt: skip
    second = write_csv(tmp_path / "andra.csv", again)

    results = [import_file(db, first, TODAY, chunk_rows=3)]
    results.append(import_file(db, second, TODAY, chunk_rows=3))
    chunked = _state(db)

    # The same two files, each in one chunk, on a fresh database of the same engine.
    with _fresh_like(db, tmp_path) as other:
        whole = [import_file(other, first, TODAY), import_file(other, second, TODAY)]
        assert results == whole
        assert chunked == _state(other)

    assert (results[0].persons_new, results[0].contracts_new) == (14, 25)
    assert (results[1].persons_updated, results[1].contracts_new) == (1, 1)
    assert results[1].summary == (
        "Importen klar: 14 personer (0 nya, 14 fanns redan), 26 kontrakt (1 nya, 25 fanns redan)."
    )
    # The latest row of each person gives the name, wherever it stands in the file.
    assert {
        p[0]: p[2] for p in chunked["persons"] if p[0] in {n.replace("-", "") for n in NUMBERS}
    } == {n.replace("-", ""): f"Sist{i}" for i, n in enumerate(NUMBERS)}
    # One household each; Per's dwelling, available after his ended lease, let again.
    assert len(chunked["households"]) == 14
    assert ("Lillgatan 2", "123 46", "Småstad", 500000, "let") in chunked["dwellings"]
    assert ("dwelling", "ändrad") in chunked["audit"]


@contextmanager
def _fresh_like(db: Database, tmp_path: Path) -> Iterator[Database]:
    """An empty migrated database on the same engine as `db`, dropped afterwards."""
    url = db.url
    admin = None
    if url.get_backend_name() == "sqlite":
        url = url.set(database=str(tmp_path / "ett-stycke.db"))
    else:
        name = f"{url.database}_{uuid.uuid4().hex[:6]}"
        admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        url = url.set(database=name)
    fresh = connect(url)
    try:
        migrate.upgrade(fresh)
        yield fresh
    finally:
        fresh.dispose()
        if admin is not None:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
            admin.dispose()


def test_an_error_in_the_last_row_of_many_chunks_writes_nothing(
    db: Database, tmp_path: Path
) -> None:
    rows = _rows()
    rows.append([NUMBERS[1], "Sist1", "Kim", "socialt", "2026-02-30", "", "Bygatan 1", "12345",
                 "Småstad", "Bygdens Hem", "6 000", ""])  # fmt: skip
    path = write_csv(tmp_path / "fel.csv", rows)
    last_row = len(rows) + 1  # the header is row 1

    with pytest.raises(ImportRejected) as raised:
        import_file(db, path, TODAY, chunk_rows=3)

    (problem,) = raised.value.problems
    assert problem.row == last_row
    assert f"Rad {last_row}: Startdatum 2026-02-30 finns inte i kalendern" in str(raised.value)
    assert set(counts(db).values()) == {0}


def test_a_failure_in_a_late_chunk_takes_back_the_earlier_chunks(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bobudget.importing import passes

    written: list[int] = []
    real = passes._ImportWriter._contracts

    def failing(self: passes._ImportWriter, rows: Any) -> None:
        real(self, rows)
        written.append(len(rows))
        if len(written) == 4:
            raise RuntimeError("the disk fell out")

    monkeypatch.setattr(passes._ImportWriter, "_contracts", failing)
    with pytest.raises(RuntimeError):
        import_file(db, write_csv(tmp_path / "lista.csv", _rows()), TODAY, chunk_rows=3)
    assert sum(written) > 0  # contracts were written in earlier chunks …
    assert set(counts(db).values()) == {0}  # … and taken back with everything else
    with db.sessions() as session:
        assert session.scalars(select(ChangeTrail)).first() is None


def test_the_window_hears_of_what_the_import_wrote(db: Database, tmp_path: Path) -> None:
    with collect_changes() as collected:
        import_file(db, write_csv(tmp_path / "lista.csv", _rows()), TODAY, chunk_rows=3)
    with db.sessions() as session:
        person_ids = set(session.scalars(select(Person.id)))
    assert collected.changes.touches(ChangeKind.PERSONS, ChangeKind.PLACEMENT)
    assert {"persons", "households", "contracts", "dwellings"} <= collected.changes.tables
    assert "audit_entries" not in collected.changes.tables
    assert collected.changes.person_ids == person_ids


def test_an_xlsx_file_streams_alike(db: Database, tmp_path: Path) -> None:
    from openpyxl import Workbook

    from tests.db.test_import import HEADERS

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in _rows():
        sheet.append(row)
    sheet.append([])  # an empty row keeps the numbering and is skipped
    workbook.save(tmp_path / "lista.xlsx")
    result = import_file(db, tmp_path / "lista.xlsx", TODAY, chunk_rows=3)
    assert (result.persons_new, result.contracts_new) == (14, 25)


def test_imported_persons_are_found_by_search_as_you_type(db: Database, tmp_path: Path) -> None:
    """The bulk writer asks no per-row default: the database fills the search keys, and a
    one-letter prefix finds an imported person (and a renamed one under the new name)."""
    import_file(db, write_csv(tmp_path / "lista.csv", _rows()), TODAY, chunk_rows=3)
    found = {row.identity for row in search_persons(db, "sist", limit=50)}
    assert set(NUMBERS) <= found
    assert not {row.identity for row in search_persons(db, "först", limit=50)} & set(NUMBERS)
    with db.sessions() as session:
        keys = session.execute(
            select(Person.first_name_key, Person.last_name_key).where(
                Person.identity == NUMBERS[0].replace("-", "")
            )
        ).one()
    assert keys == ("kim", "sist0") or keys == ("sist0", "kim")
