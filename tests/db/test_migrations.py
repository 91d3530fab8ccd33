"""The migrations are the schema: they build it on both engines and agree with the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from bobudget.db import migrate
from bobudget.db.engine import Database
from bobudget.kernel.errors import DatabaseUnavailableError
from bobudget.model import Base


def _differences(db: Database) -> list[object]:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def test_upgrade_builds_exactly_the_models(empty_db: Database) -> None:
    migrate.upgrade(empty_db)
    assert migrate.current_revision(empty_db) == migrate.head_revision()
    assert _differences(empty_db) == []
    tables = set(inspect(empty_db.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_downgrade_to_base_and_up_again(empty_db: Database) -> None:
    migrate.upgrade(empty_db)
    migrate.downgrade(empty_db, "base")
    leftover = set(inspect(empty_db.engine).get_table_names()) - {"alembic_version"}
    assert leftover == set()
    migrate.upgrade(empty_db)
    assert _differences(empty_db) == []


def test_upgrade_twice_changes_nothing(db: Database) -> None:
    migrate.upgrade(db)
    assert migrate.is_current(db)


def test_a_database_from_a_newer_version_is_refused(db: Database) -> None:
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'fffffffffff9'"))
    try:
        migrate.upgrade(db)
    except DatabaseUnavailableError as error:
        assert "nyare version av bobudget" in str(error)
    else:  # pragma: no cover - the assertion below documents the failure
        raise AssertionError("a newer schema was accepted")
    # Nothing was touched: the revision is still the unknown one.
    assert migrate.current_revision(db) == "fffffffffff9"


def test_downgrade_and_upgrade_with_data_in_every_table(db: Database) -> None:
    """Real databases hold rows: each migration must go down and up again over them."""
    from bobudget.demo.generate import fill_demo

    fill_demo(db, 15, seed=3)
    before = _row_count(db, "persons"), _row_count(db, "contracts")
    migrate.downgrade(db, "0001")
    migrate.upgrade(db)
    assert (_row_count(db, "persons"), _row_count(db, "contracts")) == before
    assert _differences(db) == []


def _row_count(db: Database, table: str) -> int:
    with db.engine.connect() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
