"""A database someone else is writing to, and the other cases that used to end in "ett oväntat
fel": each says what is wrong and what to do, and nothing is changed (issue 14, point 6)."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import URL

from bobudget.cli import main
from bobudget.db import engine as db_engine
from bobudget.db import migrate
from bobudget.db.engine import Database, connect
from bobudget.funds import posting as funds_posting
from bobudget.kernel.errors import BUSY_MESSAGE, DatabaseBusyError
from bobudget.model import AuditEntry, Person
from tests.db.test_funds import TODAY, income, new_account
from tests.db.test_import import GOOD_ROWS, HEADERS


@pytest.fixture
def short_wait(monkeypatch: pytest.MonkeyPatch, sqlite_db: Database) -> Database:
    """SQLite waits 0.2 s for a lock instead of 10 s (connections made from now on)."""
    monkeypatch.setattr(db_engine, "BUSY_TIMEOUT_MS", 200)
    sqlite_db.engine.dispose()
    return sqlite_db


@pytest.fixture
def colleague_writing(short_wait: Database) -> Iterator[sqlite3.Connection]:
    """Another program in the middle of a save: it holds the write lock."""
    other = sqlite3.connect(short_wait.location)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield other
    finally:
        other.rollback()
        other.close()


def _count(db: Database, model: type) -> int:
    with db.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_the_engine_waits_ten_seconds_for_a_colleague_by_default(sqlite_db: Database) -> None:
    with sqlite_db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar_one() == 10_000


def test_import_while_another_writes_is_exit_1_with_the_busy_message_and_nothing_written(
    short_wait: Database,
    colleague_writing: sqlite3.Connection,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "lista.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(HEADERS)
        writer.writerows(GOOD_ROWS)
    url = short_wait.url.render_as_string(hide_password=False)
    assert main(["import", str(path), "--db", url]) == 1
    err = capsys.readouterr().err
    assert BUSY_MESSAGE in err
    assert "oväntat" not in err and "Traceback" not in err
    colleague_writing.rollback()
    assert _count(short_wait, Person) == 0


def test_posting_while_another_writes_is_refused_as_busy(short_wait: Database) -> None:
    account = new_account(short_wait)
    audited = _count(short_wait, AuditEntry)
    other = sqlite3.connect(short_wait.location)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseBusyError, match="används av någon annan just nu"):
            funds_posting.post_entry(
                short_wait, account, income(500, TODAY), user="testare", today=TODAY
            )
    finally:
        other.rollback()
        other.close()
    assert _count(short_wait, AuditEntry) == audited
    # Once the colleague is done, the same entry goes through.
    funds_posting.post_entry(short_wait, account, income(500, TODAY), user="testare", today=TODAY)


def test_a_plain_session_write_is_refused_as_busy_too(
    short_wait: Database, colleague_writing: sqlite3.Connection
) -> None:
    with short_wait.sessions() as session, pytest.raises(DatabaseBusyError):
        session.execute(text("UPDATE persons SET first_name = first_name"))
        session.commit()


def test_a_port_that_is_not_a_number_is_explained(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", "postgresql://u:hemligt@h:abc/x", "db", "status"]) == 1
    err = capsys.readouterr().err
    assert "Porten i databasadressen" in err and "inget tal" in err
    assert "hemligt" not in err
    assert "oväntat" not in err and "Traceback" not in err


def test_two_rows_in_alembic_version_are_explained(
    sqlite_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite_db.engine.begin() as connection:
        connection.execute(text("INSERT INTO alembic_version (version_num) VALUES ('0001')"))
    url = sqlite_db.url.render_as_string(hide_password=False)
    for command in (["db", "status"], ["db", "upgrade"]):
        assert main(["--db", url, *command]) == 1
        err = capsys.readouterr().err
        assert "alembic_version" in err and "Kontakta IT" in err
        assert "oväntat" not in err and "Traceback" not in err


# --- PostgreSQL: lock_timeout, like SQLite's busy wait ----------------------------------------


@pytest.mark.postgres
def test_postgres_waits_ten_seconds_for_a_lock_by_default(postgres_url: URL) -> None:
    db = connect(postgres_url)
    try:
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("SHOW lock_timeout").scalar_one() == "10s"
            # The program's short queries are not compiled to machine code (engine.py).
            assert connection.exec_driver_sql("SHOW jit").scalar_one() == "off"
    finally:
        db.dispose()


@pytest.fixture
def postgres_short_wait(monkeypatch: pytest.MonkeyPatch, postgres_url: URL) -> Iterator[Database]:
    monkeypatch.setattr(db_engine, "BUSY_TIMEOUT_MS", 200)
    db = connect(postgres_url)
    migrate.upgrade(db)
    try:
        yield db
    finally:
        db.dispose()


@pytest.mark.postgres
def test_a_postgres_lock_held_by_a_colleague_gives_the_busy_message(
    postgres_short_wait: Database,
) -> None:
    db = postgres_short_wait
    account = new_account(db)
    audited = _count(db, AuditEntry)
    colleague = connect(db.url)
    try:
        with colleague.engine.connect() as other:
            other.exec_driver_sql("BEGIN")
            # A colleague's posting on the same account, not yet committed.
            other.exec_driver_sql(
                "SELECT id FROM managed_funds_accounts WHERE id = %s FOR UPDATE", (account,)
            )
            with pytest.raises(DatabaseBusyError, match="används av någon annan just nu"):
                funds_posting.post_entry(
                    db, account, income(500, TODAY), user="testare", today=TODAY
                )
            other.exec_driver_sql("LOCK TABLE persons IN ACCESS EXCLUSIVE MODE")
            with db.sessions() as session, pytest.raises(DatabaseBusyError, match=BUSY_MESSAGE):
                session.execute(text("UPDATE persons SET first_name = first_name"))
            other.rollback()
    finally:
        colleague.dispose()
    assert _count(db, AuditEntry) == audited
    # Once the colleague is done, the same entry goes through.
    funds_posting.post_entry(db, account, income(500, TODAY), user="testare", today=TODAY)


@pytest.mark.postgres
def test_import_while_a_postgres_colleague_holds_the_lock_is_exit_1_in_swedish(
    postgres_short_wait: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "lista.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(HEADERS)
        writer.writerows(GOOD_ROWS)
    colleague = connect(postgres_short_wait.url)
    try:
        with colleague.engine.connect() as other:
            other.exec_driver_sql("BEGIN")
            other.exec_driver_sql("LOCK TABLE persons IN ACCESS EXCLUSIVE MODE")
            url = postgres_short_wait.url.render_as_string(hide_password=False)
            assert main(["import", str(path), "--db", url]) == 1
            other.rollback()
    finally:
        colleague.dispose()
    err = capsys.readouterr().err
    assert BUSY_MESSAGE in err
    assert "oväntat" not in err and "Traceback" not in err
    assert _count(postgres_short_wait, Person) == 0
