"""Schema migrations: Alembic is the only way the schema is made or changed."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from bobudget.db.engine import Database
from bobudget.errors import DatabaseUnavailableError

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


def upgrade(db: Database, target: str = "head") -> None:
    check_not_newer(db)
    with db.engine.begin() as connection:
        command.upgrade(_config(connection), target)


def downgrade(db: Database, target: str) -> None:
    with db.engine.begin() as connection:
        command.downgrade(_config(connection), target)


def is_current(db: Database) -> bool:
    return check_not_newer(db) == head_revision()
