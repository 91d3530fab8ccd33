"""`bobudget admin setup`: the group roles, the owner, the grants and the policies, then migrate.

Run as an administrator of the server. Every statement states the end result (create what is
missing, revoke then grant, replace the policy), so running it again changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
from psycopg import sql

from bobudget.db import migrate
from bobudget.db.engine import Database
from bobudget.db.rights.grants import OWN_DETAILS_COLUMNS, privileges
from bobudget.db.rights.groups import GROUPS, OWNER
from bobudget.db.rights.policies import (
    POLICY_NAME,
    PROTECTED_HOUSEHOLDS_FUNCTION,
    PROTECTED_HOUSEHOLDS_SQL,
    PROTECTED_TABLES,
    policy_expression,
)
from bobudget.kernel.errors import DomainError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SetupResult:
    database: str
    roles_created: tuple[str, ...]
    tables: int
    policies: int


@contextmanager
def _driver(db: Database) -> Iterator[psycopg.Connection[object]]:
    """The psycopg connection itself, committed when the block ends, rolled back on error."""
    raw = db.engine.raw_connection()
    try:
        connection = raw.driver_connection
        assert isinstance(connection, psycopg.Connection)
        yield connection
        connection.commit()
    finally:
        raw.close()  # back to the pool, rolled back if not committed


def ensure_role(cur: psycopg.Cursor[object], name: str) -> bool:
    """Create the NOLOGIN role `name` unless it exists (role names are cluster-wide: another
    bobudget database on the server may have made it). True when it was created."""
    cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,))
    if cur.fetchone() is not None:
        return False
    cur.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(name)))
    return True


def _tables(cur: psycopg.Cursor[object]) -> list[str]:
    cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    return [str(row[0]) for row in cur.fetchall()]  # type: ignore[index]


def _sequences(cur: psycopg.Cursor[object]) -> list[str]:
    cur.execute(
        "SELECT sequence_name FROM information_schema.sequences "
        "WHERE sequence_schema = 'public' ORDER BY sequence_name"
    )
    return [str(row[0]) for row in cur.fetchall()]  # type: ignore[index]


def _require_superuser(cur: psycopg.Cursor[object]) -> None:
    cur.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    row = cur.fetchone()
    if row is None or not row[0]:  # type: ignore[index]
        raise DomainError(
            "bobudget admin setup måste köras av en administratör av databasservern (t.ex. "
            "postgres). Ingenting ändrades."
        )


def setup_database(db: Database) -> SetupResult:
    """Roles, migrations, owner, grants and row-level security on the database `db` opens."""
    if db.is_sqlite:
        raise DomainError(
            "bobudget admin setup gäller en PostgreSQL-databas. I en lokal SQLite-fil är "
            "rollerna bara vägledande. Ingenting ändrades."
        )
    with _driver(db) as connection, connection.cursor() as cur:
        _require_superuser(cur)
        created = tuple(name for name in (*GROUPS, OWNER) if ensure_role(cur, name))
    migrate.upgrade(db)
    with _driver(db) as connection, connection.cursor() as cur:
        tables = _tables(cur)
        _own(cur, tables, _sequences(cur))
        _grant(cur, tables, _sequences(cur), str(db.url.database))
        policies = _secure_rows(cur, tables)
    log.info("admin setup: %d roles created, %d tables", len(created), len(tables))
    return SetupResult(str(db.url.database), created, len(tables), policies)


def _own(cur: psycopg.Cursor[object], tables: list[str], sequences: list[str]) -> None:
    """The schema and everything in it belongs to the owner nobody logs in as (the migrations
    ran as the server administrator; ownership is handed over after)."""
    owner = sql.Identifier(OWNER)
    cur.execute(sql.SQL("ALTER SCHEMA public OWNER TO {}").format(owner))
    for table in tables:
        cur.execute(sql.SQL("ALTER TABLE {} OWNER TO {}").format(sql.Identifier(table), owner))
    for sequence in sequences:
        cur.execute(
            sql.SQL("ALTER SEQUENCE {} OWNER TO {}").format(sql.Identifier(sequence), owner)
        )


def _grant(
    cur: psycopg.Cursor[object], tables: list[str], sequences: list[str], database: str
) -> None:
    dbname = sql.Identifier(database)
    cur.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(dbname))
    cur.execute(sql.SQL("REVOKE ALL ON SCHEMA public FROM PUBLIC"))
    for group in GROUPS:
        role = sql.Identifier(group)
        cur.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(dbname, role))
        cur.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(role))
    for table in tables:
        name = sql.Identifier(table)
        cur.execute(sql.SQL("REVOKE ALL ON {} FROM PUBLIC").format(name))
        for group in GROUPS:
            role = sql.Identifier(group)
            cur.execute(sql.SQL("REVOKE ALL ON {} FROM {}").format(name, role))
            granted = sql.SQL(", ").join(sql.SQL(word) for word in privileges(table, group))
            cur.execute(sql.SQL("GRANT {} ON {} TO {}").format(granted, name, role))
            if table == "users" and "UPDATE" not in privileges(table, group):
                columns = sql.SQL(", ").join(sql.Identifier(c) for c in OWN_DETAILS_COLUMNS)
                cur.execute(sql.SQL("GRANT UPDATE ({}) ON users TO {}").format(columns, role))
    for sequence in sequences:
        name = sql.Identifier(sequence)
        cur.execute(sql.SQL("REVOKE ALL ON SEQUENCE {} FROM PUBLIC").format(name))
        for group in GROUPS:
            cur.execute(
                sql.SQL("GRANT USAGE, SELECT ON SEQUENCE {} TO {}").format(
                    name, sql.Identifier(group)
                )
            )


def _secure_rows(cur: psycopg.Cursor[object], tables: list[str]) -> int:
    """Row-level security on persons, households and every table hanging off either."""
    _protected_households_function(cur)
    count = 0
    for table in PROTECTED_TABLES:
        if table not in tables:
            continue
        name = sql.Identifier(table)
        expression = sql.SQL(policy_expression(table))  # fixed text from policies.py
        cur.execute(sql.SQL("ALTER TABLE {} ENABLE ROW LEVEL SECURITY").format(name))
        cur.execute(
            sql.SQL("DROP POLICY IF EXISTS {} ON {}").format(sql.Identifier(POLICY_NAME), name)
        )
        cur.execute(
            sql.SQL("CREATE POLICY {} ON {} USING {} WITH CHECK {}").format(
                sql.Identifier(POLICY_NAME), name, expression, expression
            )
        )
        count += 1
    return count


def _protected_households_function(cur: psycopg.Cursor[object]) -> None:
    """The owner's function the households policy asks (it passes row-level security)."""
    cur.execute(sql.SQL(PROTECTED_HOUSEHOLDS_SQL))  # fixed text from policies.py
    function = sql.SQL(PROTECTED_HOUSEHOLDS_FUNCTION + "()")
    cur.execute(sql.SQL("ALTER FUNCTION {} OWNER TO {}").format(function, sql.Identifier(OWNER)))
    cur.execute(sql.SQL("REVOKE ALL ON FUNCTION {} FROM PUBLIC").format(function))
    for group in GROUPS:
        cur.execute(
            sql.SQL("GRANT EXECUTE ON FUNCTION {} TO {}").format(function, sql.Identifier(group))
        )
