"""An upgrade stopped halfway leaves the old schema whole; a file with data is copied first.

Measured before (issue 14): kill -9 during `bobudget db upgrade` left half the tables on
SQLite, and every command after said "ett oväntat fel". Now all pending migrations commit
together or not at all, and a file an older version left half upgraded gets a message that
says what to do.
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import op
from sqlalchemy import inspect, text
from sqlalchemy.engine import URL

from bobudget.cli import main
from bobudget.db import migrate
from bobudget.db.engine import Database, connect
from bobudget.kernel.errors import DatabaseUnavailableError

KILL_TRIALS = int(os.environ.get("BOBUDGET_KILL_TRIALS", "5"))


def _tables(db: Database) -> set[str]:
    return set(inspect(db.engine).get_table_names()) - {"alembic_version"}


def _count(db: Database, table: str) -> int:
    with db.engine.connect() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def _url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


@pytest.fixture
def file_db(sqlite_url: URL) -> Iterator[Database]:
    db = connect(sqlite_url)
    try:
        yield db
    finally:
        db.dispose()


def _with_data_at(db: Database, revision: str) -> int:
    """The file at `revision` holding the demo's rows; how many persons it holds."""
    from bobudget.demo.generate import fill_demo

    migrate.upgrade(db)
    fill_demo(db, 15, seed=3)
    migrate.downgrade(db, revision)
    return _count(db, "persons")


def _fail_on_call(monkeypatch: pytest.MonkeyPatch, name: str, call: int) -> None:
    """`op.<name>` works `call - 1` times, then the migration breaks (after doing its work)."""
    real: Callable[..., Any] = getattr(op, name)
    calls = 0

    def breaking(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        result = real(*args, **kwargs)
        if calls >= call:
            raise RuntimeError("migreringen avbröts (test)")
        return result

    monkeypatch.setattr(op, name, breaking)


def test_a_migration_failing_halfway_over_data_leaves_the_old_schema(
    file_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    persons = _with_data_at(file_db, "0003")
    before = _tables(file_db)
    # 0004 creates checklist_templates first; then it breaks.
    _fail_on_call(monkeypatch, "create_table", 1)
    with pytest.raises(RuntimeError):
        migrate.upgrade(file_db)
    assert migrate.current_revision(file_db) == "0003"
    assert _tables(file_db) == before
    assert "checklist_templates" not in _tables(file_db)
    assert _count(file_db, "persons") == persons

    monkeypatch.undo()
    migrate.upgrade(file_db)
    assert migrate.is_current(file_db)
    assert _count(file_db, "persons") == persons


def test_the_first_upgrade_failing_halfway_leaves_an_empty_file(
    empty_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fail_on_call(monkeypatch, "create_table", 10)
    with pytest.raises(RuntimeError):
        migrate.upgrade(empty_db)
    assert migrate.current_revision(empty_db) is None
    assert _tables(empty_db) == set()

    monkeypatch.undo()
    migrate.upgrade(empty_db)
    assert migrate.is_current(empty_db)


_UPGRADE_IN_CHILD = """
import sys
from sqlalchemy import make_url
from bobudget.db import migrate
from bobudget.db.engine import connect
db = connect(make_url(sys.argv[1]))
print("start", flush=True)
migrate.upgrade(db)
print("done", flush=True)
"""


def _upgrade_killed(url: str, rng: random.Random) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", _UPGRADE_IN_CHILD, url], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "start"
    time.sleep(rng.uniform(0.0, 0.4))
    child.kill()  # SIGKILL: no cleanup, as a power cut or the task manager
    child.wait()
    child.stdout.close()


@pytest.mark.parametrize("old", [None, "0003"])
def test_kill_9_during_the_upgrade_leaves_old_or_new_never_between(
    tmp_path: Path, old: str | None
) -> None:
    rng = random.Random()
    template = tmp_path / "template.db"
    seeded = connect(URL.create("sqlite", database=str(template)))
    try:
        persons = _with_data_at(seeded, old) if old else 0
    finally:
        seeded.dispose()
    for trial in range(KILL_TRIALS):
        file = tmp_path / f"trial-{trial}.db"
        if old:
            with sqlite3.connect(template) as source, sqlite3.connect(file) as copy:
                source.backup(copy)
        db = connect(URL.create("sqlite", database=str(file)))
        try:
            _upgrade_killed(_url(db), rng)
            revision = migrate.current_revision(db)
            assert revision in (old, migrate.head_revision())
            expected = migrate.tables_at(revision) if revision else frozenset()
            assert _tables(db) == expected, f"trial {trial}: at {revision} with other tables"
            migrate.upgrade(db)  # the next upgrade completes
            assert migrate.is_current(db)
            if old:
                assert _count(db, "persons") == persons
        finally:
            db.dispose()


def test_a_file_with_data_is_copied_before_the_upgrade(
    file_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    persons = _with_data_at(file_db, "0004")
    assert main(["db", "upgrade", "--db", _url(file_db)]) == 0
    out = capsys.readouterr().out

    backup = Path(file_db.location).with_name("bobudget-test.db.bak-0004")
    assert backup.exists()
    assert str(backup) in out
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [("0004",)]
        assert copy.execute("SELECT count(*) FROM persons").fetchone() == (persons,)
        assert "checklist_templates" in {
            row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    assert migrate.is_current(file_db)


def test_no_copy_of_a_new_file_or_of_one_already_current(
    file_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade", "--db", _url(file_db)]) == 0
    assert main(["db", "upgrade", "--db", _url(file_db)]) == 0
    assert "kopierades" not in capsys.readouterr().out
    assert list(Path(file_db.location).parent.glob("*.bak-*")) == []


def _upgrade_stopped_by_an_older_version(db: Database) -> None:
    """As an older bobudget left it: 0004's first table made, the revision still 0003."""
    migrate.upgrade(db, "0003")
    with db.engine.begin() as connection:
        connection.execute(text("CREATE TABLE checklist_templates (id INTEGER PRIMARY KEY)"))


def test_a_half_upgraded_file_is_named_with_its_backup(
    file_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    _upgrade_stopped_by_an_older_version(file_db)
    backup = Path(file_db.location).with_name("bobudget-test.db.bak-0003")
    backup.write_bytes(b"")  # a copy from before: only its name matters here

    assert main(["db", "upgrade", "--db", _url(file_db)]) == 1
    err = capsys.readouterr().err
    assert "delvis uppgraderad" in err
    assert str(backup) in err and "byta namn" in err
    assert "oväntat" not in err and "Traceback" not in err
    # Nothing was touched.
    assert migrate.current_revision(file_db) == "0003"


def test_an_empty_alembic_version_beside_tables_says_contact_it(
    file_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    migrate.upgrade(file_db)
    with file_db.engine.begin() as connection:
        connection.execute(text("CREATE TABLE extra_by_hand (id INTEGER PRIMARY KEY)"))
        connection.execute(text("DELETE FROM alembic_version"))

    for argv in (["db", "upgrade"], ["db", "status"], ["queue"]):
        assert main([*argv, "--db", _url(file_db)]) == 1
        err = capsys.readouterr().err
        assert "delvis uppgraderad" in err and "kontakta IT" in err
        assert "oväntat" not in err and "Traceback" not in err
    with pytest.raises(DatabaseUnavailableError):
        migrate.upgrade(file_db)
    assert _tables(file_db) >= {"persons", "extra_by_hand"}


def test_an_upgrade_waits_for_a_colleagues_save_then_runs(file_db: Database) -> None:
    persons = _with_data_at(file_db, "0004")
    other = sqlite3.connect(file_db.location, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # a colleague's program in the middle of a save
    other.execute("UPDATE persons SET first_name = first_name")
    saved = threading.Timer(0.5, other.commit)
    saved.start()
    try:
        migrate.upgrade(file_db)
    finally:
        saved.join()
        other.close()
    assert migrate.is_current(file_db)
    assert _count(file_db, "persons") == persons


def test_a_save_that_never_ends_stops_the_upgrade_with_words(file_db: Database) -> None:
    _with_data_at(file_db, "0004")
    with file_db.engine.connect() as connection:  # the pool hands this connection out again
        connection.exec_driver_sql("PRAGMA busy_timeout=200")
    other = sqlite3.connect(file_db.location)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseUnavailableError, match="används av någon annan"):
            migrate.upgrade(file_db)
    finally:
        other.rollback()
        other.close()
    assert migrate.current_revision(file_db) == "0004"


def test_after_the_upgrade_the_connection_enforces_foreign_keys_again(file_db: Database) -> None:
    migrate.upgrade(file_db)
    with file_db.engine.connect() as connection:  # the one the upgrade gave back to the pool
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
        dbapi = connection.connection.dbapi_connection
        assert dbapi is not None and dbapi.isolation_level == ""  # type: ignore[attr-defined]
