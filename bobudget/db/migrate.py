"""Schema migrations: Alembic is the only way the schema is made or changed."""

from __future__ import annotations

import functools
import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, cast

from sqlalchemy import Connection, inspect, make_url, text
from sqlalchemy.exc import DBAPIError

from bobudget.db.engine import Database, connect
from bobudget.kernel.errors import DatabaseBusyError, DatabaseUnavailableError

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"

# The newest revision in bobudget/migrations/versions/, written out: opening a database that is
# already there costs one query (`at_head`), without Alembic and its reading of every migration
# script. A new migration changes it; tests/db/test_startup_migration_check.py keeps it equal to
# the scripts' head.
HEAD_REVISION = "0019_queue"


def stored_revisions(db: Database) -> list[str] | None:
    """The rows of alembic_version, in one query; None when they cannot be read that way (no
    such table yet, or any other trouble: the full check then says what is wrong)."""
    try:
        with db.engine.connect() as connection:
            rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except DBAPIError:
        return None
    return [str(row[0]) for row in rows]


def at_head(db: Database) -> bool:
    """True when the database has this version's schema: alembic_version holds the head, alone.

    The whole check (newer, half upgraded, pending migrations) is for the other cases only.
    """
    return stored_revisions(db) == [HEAD_REVISION]


# Alembic is imported only where a database is not at the head already (or is told to move):
# a start on a current database never loads it.


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as connection:
        heads = MigrationContext.configure(connection).get_current_heads()
    if len(heads) > 1:
        # bobudget's migrations are one line: two rows in alembic_version were written by hand
        # or by two programs at once, and which schema the file has cannot be told.
        raise DatabaseUnavailableError(
            f"Databasen ({db.location}) har {len(heads)} schemaversioner registrerade "
            f"({', '.join(sorted(heads))}) i tabellen alembic_version, men ska ha en. "
            "Programmet kan inte avgöra vilken version databasen har och ändrar ingenting. "
            "Kontakta IT: tabellen alembic_version ska ha en enda rad med den version som "
            "databasen faktiskt har."
        )
    return heads[0] if heads else None


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}


def check_not_newer(db: Database) -> str | None:
    """Refuse a database migrated by a newer bobudget: this version would misread it."""
    revision = current_revision(db)
    if revision is not None and revision not in known_revisions():
        raise DatabaseUnavailableError(
            f"Databasen ({db.location}) har uppgraderats av en nyare version av bobudget "
            f"(schemaversion {revision}). Installera den senaste versionen av programmet."
        )
    return revision


@contextmanager
def _migration_connection(db: Database) -> Iterator[Connection]:
    """A connection in ONE transaction; on SQLite with foreign keys off meanwhile.

    SQLite's DDL is transactional, but the pysqlite driver opens a transaction only before
    INSERT/UPDATE/DELETE: a CREATE TABLE ran outside any transaction, so a migration killed
    halfway left half a schema. Here the driver's own handling is switched off on this one
    connection and BEGIN IMMEDIATE is emitted by hand: every pending migration, the first
    upgrade of a new file included, commits together at the end or not at all.

    SQLite changes a table by copying it (batch mode), and with enforcement on, dropping the
    old copy fails or cascades wherever other rows refer to it. `PRAGMA foreign_keys` cannot
    change inside a transaction: it is set off before BEGIN and on after COMMIT, and the keys
    are checked before committing.
    """
    with db.engine.connect() as connection:
        if not db.is_sqlite:
            with connection.begin():
                yield connection
            return
        connection.commit()  # no transaction of the driver's own left open
        dbapi = cast(sqlite3.Connection, connection.connection.dbapi_connection)
        driver_isolation = dbapi.isolation_level
        dbapi.isolation_level = None
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
        try:
            with connection.begin():
                # The write lock at once (waiting busy_timeout for a colleague's save): nobody
                # writes between the backup and the upgrade.
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                yield connection
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise DatabaseUnavailableError(
                        "Uppgraderingen av databasen skulle lämna trasiga kopplingar "
                        f"mellan tabeller ({len(broken)} st). Ingenting ändrades; "
                        "kontakta IT."
                    )
        finally:
            try:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()
                dbapi.isolation_level = driver_isolation
            except Exception:  # a broken connection: the pool must not hand it out again
                connection.invalidate()
                raise


def _pending(revision: str | None, target: str) -> bool:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config()).get_revision(target)
    return script is not None and revision != script.revision


def backup_path(db: Database, revision: str) -> Path:
    """Where the copy taken before upgrading a file at `revision` lies: beside the file."""
    file = Path(db.location)
    return file.with_name(f"{file.name}.bak-{revision}")


def _backup(db: Database, target: Path) -> None:
    """Copy the file with SQLite's online backup API while the upgrade holds the write lock.

    SQLite will not copy from the connection that holds the lock, so a second connection
    reads it: it sees exactly what is about to be upgraded. Written to a temporary name first
    and renamed: a copy cut short is never taken for one.
    """
    partial = target.with_name(target.name + ".tmp")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(db.location)
    try:
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    os.replace(partial, target)


def _run_upgrade(db: Database, target: str) -> Path | None:
    try:
        return _upgrade_in_one_transaction(db, target)
    except DatabaseBusyError:
        raise DatabaseUnavailableError(
            f"Databasen ({db.location}) används av någon annan just nu och kunde inte "
            "uppgraderas. Ingenting ändrades. Stäng bobudget på de andra datorerna och "
            "försök igen."
        ) from None


def _upgrade_in_one_transaction(db: Database, target: str) -> Path | None:
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    with _migration_connection(db) as connection:
        saved = None
        if db.is_sqlite and db.location != ":memory:":
            revision = MigrationContext.configure(connection).get_current_revision()
            if revision is not None and _pending(revision, target):
                saved = backup_path(db, revision)
                _backup(db, saved)
                log.info("backup before upgrading from %s: %s", revision, saved)
        command.upgrade(_config(connection), target)
    return saved


def upgrade(db: Database, target: str = "head") -> Path | None:
    """Upgrade to `target` in one transaction; the path of the backup taken first, if any.

    A SQLite file that already holds data is copied to `<file>.bak-<revision>` before.
    """
    if target in ("head", HEAD_REVISION) and at_head(db):
        return None  # the usual start: one query, nothing to do
    revision = check_usable(db)
    if not _pending(revision, target):
        return None  # already there: no write lock needed, a colleague's save need not end
    return _run_upgrade(db, target)


def downgrade(db: Database, target: str) -> None:
    from alembic import command

    with _migration_connection(db) as connection:
        command.downgrade(_config(connection), target)


@functools.cache
def tables_at(revision: str) -> frozenset[str]:
    """The tables a database at `revision` has: the migrations run on a scratch database."""
    scratch = connect(make_url("sqlite://"))
    try:
        _run_upgrade(scratch, revision)
        return frozenset(inspect(scratch.engine).get_table_names()) - {"alembic_version"}
    finally:
        scratch.dispose()


def _half_migrated(db: Database, revision: str | None) -> bool:
    """Tables that `revision` does not explain: an older bobudget was stopped mid-upgrade.

    Only on SQLite: there an older version ran the DDL outside a transaction. On a shared
    PostgreSQL server the schema may hold others' tables, and DDL was always transactional.
    """
    if not db.is_sqlite or revision == head_revision():
        return False
    tables = set(inspect(db.engine).get_table_names()) - {"alembic_version"}
    expected = frozenset() if revision is None else tables_at(revision)
    return bool(tables - expected)


def _existing_backups(db: Database, revision: str | None) -> list[Path]:
    if db.location == ":memory:":
        return []
    if revision is not None and backup_path(db, revision).exists():
        return [backup_path(db, revision)]
    file = Path(db.location)
    found = [p for p in file.parent.glob(f"{file.name}.bak-*") if not p.name.endswith(".tmp")]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def check_whole(db: Database, revision: str | None) -> None:
    """Refuse, in words a user can act on, a file that an older version half upgraded."""
    if not _half_migrated(db, revision):
        return
    file = Path(db.location)
    backups = _existing_backups(db, revision)
    what = (
        f"Databasen ({file}) är bara delvis uppgraderad: en tidigare uppgradering avbröts "
        "innan den var klar, och programmet kan inte använda filen som den är. "
    )
    if backups:
        raise DatabaseUnavailableError(
            what + f"Stäng programmet, flytta undan {file.name} (och {file.name}-wal och "
            f"{file.name}-shm om de finns) och återställ säkerhetskopian {backups[0]} genom "
            f"att byta namn på den till {file.name}. Starta sedan programmet igen."
        )
    raise DatabaseUnavailableError(
        what + "Det finns ingen säkerhetskopia bredvid filen: kontakta IT, som kan återställa "
        "databasen från sin säkerhetskopia."
    )


def check_usable(db: Database) -> str | None:
    """The revision of a database this version can open: not newer, not half upgraded."""
    if at_head(db):
        return HEAD_REVISION
    revision = check_not_newer(db)
    check_whole(db, revision)
    return revision


def is_current(db: Database) -> bool:
    return at_head(db) or check_not_newer(db) == head_revision()
