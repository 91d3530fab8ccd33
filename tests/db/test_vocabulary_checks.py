"""Migration 0005: the database itself refuses a status or kind outside the vocabulary."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from bobudget.db import migrate
from bobudget.db.engine import Database
from bobudget.kernel.errors import DatabaseUnavailableError
from bobudget.model import Base


def _differences(db: Database) -> list[object]:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def _insert_contract(db: Database, kind: str) -> int:
    """A person and a contract of `kind`, written as plain SQL (below the ORM's own check)."""
    with db.engine.begin() as connection:
        person_id = connection.execute(
            text(
                "INSERT INTO persons (identity, identity_kind, first_name, last_name, address,"
                " postal_code, city, phone, email, protected_identity, note, search_text,"
                " version, created_at, created_by, updated_at, updated_by) VALUES"
                " ('R000001', 'reserve', 'Test', 'Testsson', '', '', '', '', '', false, '', '',"
                " 1, CURRENT_TIMESTAMP, '', CURRENT_TIMESTAMP, '') RETURNING id"
            )
        ).scalar_one()
        return int(
            connection.execute(
                text(
                    "INSERT INTO contracts (kind, person_id, basis, start_date, end_reason,"
                    " follow_up_interval_months, municipality_lease_reference,"
                    " tenure_waiver_approved, takeover_review_note, guarantee_covers_damages,"
                    " placement_cost_unit, note, version, created_at, created_by, updated_at,"
                    " updated_by) VALUES (:kind, :person, 'decision', '2026-01-01', '', 3, '',"
                    " false, '', false, '', '', 1, CURRENT_TIMESTAMP, '', CURRENT_TIMESTAMP,"
                    " '') RETURNING id"
                ),
                {"kind": kind, "person": person_id},
            ).scalar_one()
        )


def _contract_kind(db: Database, contract_id: int) -> str:
    with db.engine.connect() as connection:
        return str(
            connection.execute(
                text("SELECT kind FROM contracts WHERE id = :id"), {"id": contract_id}
            ).scalar_one()
        )


def test_a_kind_outside_the_vocabulary_is_refused_by_the_database(db: Database) -> None:
    assert _contract_kind(db, _insert_contract(db, "social")) == "social"
    with pytest.raises(IntegrityError):
        _insert_contract(db, "socialt")


def test_an_upgrade_over_a_value_outside_stops_and_names_the_row(empty_db: Database) -> None:
    migrate.upgrade(empty_db, "0004")
    contract_id = _insert_contract(empty_db, "socialt")

    with pytest.raises(DatabaseUnavailableError) as refused:
        migrate.upgrade(empty_db)

    message = str(refused.value)
    assert f"tabellen contracts, rad {contract_id}, kolumnen kind: 'socialt'" in message
    assert "Ingenting ändrades" in message
    assert migrate.current_revision(empty_db) == "0004"
    assert _contract_kind(empty_db, contract_id) == "socialt"


def test_the_upgrade_goes_on_once_the_row_is_put_right(empty_db: Database) -> None:
    migrate.upgrade(empty_db, "0004")
    contract_id = _insert_contract(empty_db, "socialt")
    with pytest.raises(DatabaseUnavailableError):
        migrate.upgrade(empty_db)
    with empty_db.engine.begin() as connection:
        connection.execute(
            text("UPDATE contracts SET kind = 'social' WHERE id = :id"), {"id": contract_id}
        )

    migrate.upgrade(empty_db)

    assert migrate.is_current(empty_db)
    assert _differences(empty_db) == []


def test_downgrade_removes_the_checks_and_upgrade_puts_them_back(db: Database) -> None:
    migrate.downgrade(db, "0004")
    contract_id = _insert_contract(db, "socialt")  # allowed again without the check
    with db.engine.begin() as connection:
        connection.execute(text("DELETE FROM contracts WHERE id = :id"), {"id": contract_id})

    migrate.upgrade(db)

    assert _differences(db) == []
    with pytest.raises(IntegrityError):
        _insert_contract(db, "socialt")


def test_the_models_declare_every_check_the_migration_creates(db: Database) -> None:
    from sqlalchemy import inspect

    inspector = inspect(db.engine)
    in_database = {
        (table, check["name"])
        for table in Base.metadata.tables
        for check in inspector.get_check_constraints(table)
    }
    on_models = {
        (table.name, str(constraint.name))
        for table in Base.metadata.tables.values()
        for constraint in table.constraints
        if constraint.__class__.__name__ == "CheckConstraint"
    }
    assert in_database == on_models
