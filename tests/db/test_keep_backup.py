"""Backup, restore and the restore drill on SQLite and on the real PostgreSQL server."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from bobudget.backup.copies import backup, restore
from bobudget.backup.drill import compare, scratch_database
from bobudget.cli import main
from bobudget.db.engine import Database
from bobudget.funds.accounts import open_account
from bobudget.funds.posting import post_entry
from bobudget.funds.queries import AccountInput, EntryInput
from bobudget.kernel.errors import DomainError
from bobudget.kernel.identity import demo_identity
from bobudget.model import FundsTransaction, Person
from bobudget.persons.registry import PersonInput, create_person

TODAY = dt.date(2026, 11, 27)
USER = "testare"


def fill(db: Database) -> None:
    """Two persons, one with an egna medel account and three entries in its chain."""
    for serial, last in ((1, "Öberg"), (2, "Lind")):
        person = create_person(
            db,
            PersonInput(demo_identity(dt.date(1960, 2, 3), serial).display, "Karin", last),
            user=USER,
            today=TODAY,
        )
    account = open_account(db, person, AccountInput(dt.date(2026, 1, 1)), user=USER)
    for kind, day, amount, category in (
        ("income", dt.date(2026, 2, 1), 1_200_000, "pension"),
        ("payment", dt.date(2026, 2, 25), 712_300, "hyra"),
        ("income", dt.date(2026, 3, 1), 1_200_000, "pension"),
    ):
        post_entry(
            db, account, EntryInput(kind, day, amount, category, "Motpart"), user=USER, today=TODAY
        )


def url_of(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def tampered(db: Database, good: Path, bad: Path, sql: str) -> None:
    """A copy of the backup `good` in which `sql` has been run, written to `bad`."""
    if db.is_sqlite:
        shutil.copy(good, bad)
        import sqlite3

        connection = sqlite3.connect(bad)
        connection.execute(sql)
        connection.commit()
        connection.close()
        return
    with scratch_database(db) as scratch:
        restore(scratch, good)
        with scratch.engine.begin() as connection:
            connection.execute(text(sql))
        backup(scratch, bad)


def test_a_backup_restores_into_an_empty_database_with_every_row(
    db: Database, tmp_path: Path
) -> None:
    fill(db)
    file = tmp_path / "kopia.bak"
    backup(db, file)
    with scratch_database(db) as target:
        restore(target, file)
        result = compare(db, target)
        with target.engine.connect() as connection:
            assert connection.scalar(select(func.count()).select_from(Person)) == 2
            assert connection.scalar(select(func.sum(FundsTransaction.amount_ore))) == 1_687_700
    assert result.ok, [line for line in result.lines if not line.same]
    whats = [line.what for line in result.lines]
    assert "Tabell persons (rader)" in whats and "Tabell funds_transactions (rader)" in whats
    assert any(w.startswith("Konto") and "saldo" in w for w in whats)


def test_the_drill_prints_equal_counts_balances_and_chains(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(db)
    file = tmp_path / "kopia.bak"
    assert main(["backup", "--drill", str(file), "--db", url_of(db)]) == 0
    out = capsys.readouterr().out
    assert "Tabell funds_transactions (rader)" in out
    assert "16 877,00" in out.replace("\u00a0", " ")  # the balance, both sides
    assert "hashkedja" in out and "OLIKA" not in out
    assert "Provåterställningen gick bra" in out
    assert file.is_file()


def test_a_tampered_balance_fails_the_drill(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(db)
    good, bad = tmp_path / "kopia.bak", tmp_path / "andrad.bak"
    backup(db, good)
    tampered(
        db,
        good,
        bad,
        "UPDATE funds_transactions SET amount_ore = amount_ore + 100 WHERE voucher_number = 3",
    )
    assert main(["restore", "--drill", str(bad), "--db", url_of(db)]) == 1
    captured = capsys.readouterr()
    assert "OLIKA" in captured.out and "misslyckades" in captured.err
    saldo = [line for line in captured.out.splitlines() if "saldo" in line]
    assert saldo and all("OLIKA" in line for line in saldo)


def test_restore_refuses_a_database_with_data_unless_told_to_replace_it(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(db)
    file = tmp_path / "kopia.bak"
    backup(db, file)
    url = url_of(db)
    with db.engine.begin() as connection:
        connection.execute(text("DELETE FROM funds_transactions WHERE voucher_number = 3"))
    assert main(["restore", str(file), "--db", url]) == 1
    assert "innehåller redan uppgifter" in capsys.readouterr().err
    with db.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(FundsTransaction)) == 2
    assert main(["restore", str(file), "--ersatt", "--db", url]) == 0
    with db.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(FundsTransaction)) == 3


def test_a_backup_from_a_newer_program_is_refused(db: Database, tmp_path: Path) -> None:
    fill(db)
    good, newer = tmp_path / "kopia.bak", tmp_path / "nyare.bak"
    backup(db, good)
    tampered(db, good, newer, "UPDATE alembic_version SET version_num = '9999'")
    with scratch_database(db) as target, pytest.raises(DomainError, match="nyare version"):
        restore(target, newer)


def test_a_missing_or_foreign_file_is_refused_in_words(db: Database, tmp_path: Path) -> None:
    with pytest.raises(DomainError, match="finns inte"):
        restore(db, tmp_path / "saknas.bak")
    junk = tmp_path / "brev.pdf"
    junk.write_bytes(b"%PDF-1.4 inte en databas")
    with pytest.raises(DomainError, match="ingen säkerhetskopia"):
        restore(db, junk)
