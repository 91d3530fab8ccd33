"""Alembic environment: always run with a connection handed over by bobudget.db.migrate."""

from __future__ import annotations

from alembic import context

from bobudget.model import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - bobudget never runs alembic without a connection
    raise RuntimeError("Run migrations through 'bobudget db upgrade'.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things: batch mode copies the table, the same script then
    # runs unchanged on PostgreSQL.
    render_as_batch=True,
    compare_type=True,
    # Alembic takes SQLite's DDL for non-transactional; it is transactional. Every pending
    # migration runs in the one transaction bobudget.db.migrate began (BEGIN IMMEDIATE
    # on SQLite) and commits at the end, or nothing is changed.
    transactional_ddl=True,
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
