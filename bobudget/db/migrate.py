"""Schema migrations: Alembic is the only way the schema is made or changed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from bobudget.db.engine import Database
from bobudget.kernel.errors import DatabaseUnavailableError

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def known_revisions() -> set[str]:
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
    """A connection in one transaction; on SQLite with foreign keys off meanwhile.

    SQLite changes a table by copying it (batch mode), and with enforcement on, dropping the
    old copy fails or cascades wherever other rows refer to it. The keys are checked after.
    """
    with db.engine.connect() as connection:
        sqlite = db.is_sqlite
        if sqlite:
            # Outside any transaction: SQLite ignores this pragma inside one.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                yield connection
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise DatabaseUnavailableError(
                            "Uppgraderingen av databasen skulle lämna trasiga kopplingar "
                            f"mellan tabeller ({len(broken)} st). Ingenting ändrades; "
                            "kontakta IT."
                        )
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def upgrade(db: Database, target: str = "head") -> None:
    check_not_newer(db)
    with _migration_connection(db) as connection:
        command.upgrade(_config(connection), target)


def downgrade(db: Database, target: str) -> None:
    with _migration_connection(db) as connection:
        command.downgrade(_config(connection), target)


def is_current(db: Database) -> bool:
    return check_not_newer(db) == head_revision()
