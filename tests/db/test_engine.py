"""Opening databases: SQLite's safety settings and clear messages when a database can't open."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import URL

from bobudget.db.engine import connect, parse_url
from bobudget.db.open import open_database
from bobudget.kernel.errors import DatabaseUnavailableError, PasswordRequiredError


def test_sqlite_runs_with_foreign_keys_wal_and_full_sync(sqlite_url: URL) -> None:
    db = connect(sqlite_url)
    with db.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    db.dispose()


def test_unreachable_server_says_so_in_swedish() -> None:
    with pytest.raises(DatabaseUnavailableError, match="Det går inte att nå databasservern"):
        connect(parse_url("postgresql://postgres@127.0.0.1:1/bobudget"))


def test_missing_database_is_named(postgres_admin_url: URL) -> None:
    url = postgres_admin_url.set(database="bobudget_finns_inte")
    with pytest.raises(DatabaseUnavailableError, match="'bobudget_finns_inte' finns inte"):
        connect(url)


def test_unknown_user_is_named(postgres_admin_url: URL) -> None:
    url = postgres_admin_url.set(username="ingen_sadan_anvandare")
    with pytest.raises(DatabaseUnavailableError, match="ingen_sadan_anvandare"):
        connect(url)


def test_password_is_asked_only_when_the_server_wants_one(postgres_admin_url: URL) -> None:
    asked: list[URL] = []

    def ask(url: URL) -> str | None:
        asked.append(url)
        return None

    # The local test server trusts us: no password, nobody asked.
    db = connect(postgres_admin_url, ask)
    db.dispose()
    assert asked == []


def test_wrong_kind_of_url_is_explained() -> None:
    with pytest.raises(DatabaseUnavailableError, match="stöds inte"):
        parse_url("mysql://root@localhost/x")
    with pytest.raises(DatabaseUnavailableError, match="går inte att tolka"):
        parse_url("inte en adress")


def test_first_start_creates_the_local_database(isolated_home: Path) -> None:
    db = open_database(None)
    try:
        assert db.is_sqlite
        assert Path(db.location).is_file()
        assert str(isolated_home) in db.location
    finally:
        db.dispose()


def test_not_a_database_file(tmp_path: Path) -> None:
    bad = tmp_path / "trasig.db"
    bad.write_bytes(b"detta ar ingen databas" * 100)
    with pytest.raises(DatabaseUnavailableError, match="ingen bobudget-databas"):
        open_database(f"sqlite:///{bad}")


def test_password_required_error_is_distinct() -> None:
    assert issubclass(PasswordRequiredError, DatabaseUnavailableError)
