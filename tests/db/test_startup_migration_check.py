"""Opening a database checks its schema with one query when it is current, and goes through
Alembic (upgrade, or a refusal a user can act on) only when it is not."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import event, text

from bobudget.db import migrate
from bobudget.db.engine import Database
from bobudget.db.open import DATABASE_FACTS, is_demo, mark_demo, open_database
from bobudget.kernel.errors import DatabaseUnavailableError


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(str(args[2]))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


@pytest.fixture
def no_alembic_scripts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading the migration scripts fails the test: a current database must not need them."""

    def refuse(*_args: Any, **_kwargs: Any) -> ScriptDirectory:
        raise AssertionError("the migration scripts were read")

    monkeypatch.setattr(ScriptDirectory, "from_config", refuse)


def test_the_head_written_out_is_the_head_of_the_migration_scripts() -> None:
    assert migrate.head_revision() == migrate.HEAD_REVISION


def test_a_current_database_is_checked_with_one_query(
    db: Database, no_alembic_scripts: None
) -> None:
    with statements(db) as seen:
        assert migrate.upgrade(db) is None
        assert migrate.is_current(db)
        assert migrate.check_usable(db) == migrate.HEAD_REVISION
    assert seen == ["SELECT version_num FROM alembic_version"] * 3


def test_opening_a_current_database_reads_no_migration_script(
    db: Database, no_alembic_scripts: None
) -> None:
    opened = open_database(db.engine.url.render_as_string(hide_password=False))
    try:
        assert migrate.stored_revisions(opened) == [migrate.HEAD_REVISION]
    finally:
        opened.dispose()


def test_a_database_one_migration_behind_is_upgraded_through_alembic(
    empty_db: Database,
) -> None:
    migrate.upgrade(empty_db, "0015")
    assert migrate.stored_revisions(empty_db) == ["0015"]
    assert not migrate.at_head(empty_db)
    assert not migrate.is_current(empty_db)
    migrate.upgrade(empty_db)
    assert migrate.stored_revisions(empty_db) == [migrate.HEAD_REVISION]
    assert migrate.is_current(empty_db)


def test_a_new_database_has_no_revision_and_is_made_through_alembic(empty_db: Database) -> None:
    assert migrate.stored_revisions(empty_db) is None
    assert not migrate.at_head(empty_db)
    migrate.upgrade(empty_db)
    assert migrate.at_head(empty_db)


def test_two_revisions_beside_the_head_are_not_taken_for_the_head(db: Database) -> None:
    with db.engine.begin() as connection:
        connection.execute(text("INSERT INTO alembic_version (version_num) VALUES ('0015')"))
    assert not migrate.at_head(db)
    with pytest.raises(DatabaseUnavailableError, match="alembic_version"):
        migrate.upgrade(db)


def test_the_facts_table_the_start_reads_is_the_models(db: Database) -> None:
    from bobudget.model import DatabaseFact

    model = DatabaseFact.__table__
    assert DATABASE_FACTS.name == model.name
    assert {c.name for c in DATABASE_FACTS.c} <= {c.name for c in model.c}
    assert not is_demo(db)
    mark_demo(db)
    assert is_demo(db)
