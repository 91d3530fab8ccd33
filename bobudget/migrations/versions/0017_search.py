"""Search as you type: folded name keys and the 10-digit number on persons, each indexed.

persons.last_name_key, first_name_key and identity_key are kept by triggers, so that every
writer - the window's services, and the demo and the import with their plain bulk inserts that
do not know these columns - leaves the right keys: SQLite's lower() folds only A-Z and
PostgreSQL's depends on the database's locale, so the triggers replace the capitals of a frozen
list one by one and then lower A-Z, the same on both engines (kernel/search_text.name_key is the
same fold in Python). SQLite's triggers run after the row is written (a BEFORE trigger cannot
change it there), the insert trigger only for a row inserted without keys (the program fills
them itself, kernel/search_text.name_key and number_key, as writing the row again costs four
times the insert); PostgreSQL's run before, always. A later migration that copies the persons
table on SQLite (batch mode) drops these triggers and must create them again.

Downgrade drops the triggers, the indexes and the columns.

Revision ID: 0017_search
Revises: 0016
Create Date: 2026-11-30 16:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017_search"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A frozen copy of kernel/search_text.NAME_KEY_CAPITALS: a migration never changes with the code.
CAPITALS = "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞĀĂĄĆČĎĐĒĘĚĞĪŁŃŇŐŒŘŚŞŠŢŤŪŮŰŹŻŽŸ"
KEYS = ("last_name_key", "first_name_key", "identity_key")
INDEXES = {
    "ix_persons_name_key": ["last_name_key", "first_name_key", "id", "search_text"],
    "ix_persons_first_name_key": ["first_name_key", "last_name_key", "id"],
    "ix_persons_identity_key": ["identity_key", "last_name_key", "first_name_key", "id"],
}


# SQLite's parser takes some twenty nested calls at most ("parser stack overflow"), so on SQLite
# the replacements are made in rounds of this many, one UPDATE each.
ROUND = 20


def _lower(sql: str, postgresql: bool) -> str:
    # Under the "C" collation PostgreSQL's lower() folds A-Z only, as SQLite's does.
    return f'lower(({sql}) COLLATE "C")' if postgresql else f"lower({sql})"


def _replaced(sql: str, capitals: str) -> str:
    for capital in capitals:
        sql = f"replace({sql}, '{capital}', '{capital.lower()}')"
    return sql


def _identity_key(column: str, postgresql: bool) -> str:
    # The 10-digit form of a 12-digit number (YYMMDDNNNN); a reserve number lower-cased.
    return (
        f"CASE WHEN length({column}) = 12 THEN substr({column}, 3) "
        f"ELSE {_lower(column, postgresql)} END"
    )


def _postgresql_function() -> str:
    assignments = "\n".join(
        [
            f"    NEW.last_name_key := {_lower(_replaced('NEW.last_name', CAPITALS), True)};",
            f"    NEW.first_name_key := {_lower(_replaced('NEW.first_name', CAPITALS), True)};",
            f"    NEW.identity_key := {_identity_key('NEW.identity', True)};",
        ]
    )
    return (
        "CREATE FUNCTION persons_search_keys() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN\n{assignments}\n    RETURN NEW;\nEND\n$$"
    )


def _sqlite_updates(row: str, where: str) -> list[str]:
    """The UPDATEs that set the keys of the rows `where` selects, from the values `row` names:
    a round of replacements each, A-Z lowered in the last."""
    rounds = [CAPITALS[i : i + ROUND] for i in range(0, len(CAPITALS), ROUND)]
    updates = []
    for number, capitals in enumerate(rounds):
        names = (
            [f"{row}last_name", f"{row}first_name"]
            if number == 0
            else [
                "last_name_key",
                "first_name_key",
            ]
        )
        last_name, first_name = (_replaced(name, capitals) for name in names)
        if number == len(rounds) - 1:
            last_name, first_name = f"lower({last_name})", f"lower({first_name})"
        sets = f"last_name_key = {last_name}, first_name_key = {first_name}"
        if number == 0:
            sets += f", identity_key = {_identity_key(row + 'identity', False)}"
        updates.append(f"UPDATE persons SET {sets} {where}")
    return updates


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    key_type = sa.String(length=100, collation="C") if postgresql else sa.String(length=100)
    with op.batch_alter_table("persons") as batch:
        for key in KEYS:
            batch.add_column(sa.Column(key, key_type, nullable=True))
    if postgresql:
        op.execute(_postgresql_function())
        op.execute(
            "CREATE TRIGGER persons_search_keys BEFORE INSERT OR UPDATE OF last_name, "
            "first_name, identity ON persons FOR EACH ROW EXECUTE FUNCTION persons_search_keys()"
        )
        # Setting each name to itself fires the trigger: one fold, written once.
        op.execute("UPDATE persons SET last_name = last_name")
    else:
        body = " ".join(f"{sql};" for sql in _sqlite_updates("NEW.", "WHERE id = NEW.id"))
        # The program fills the keys itself on insert (model/persons.py); this is for a row
        # inserted without them. Writing the row again costs four times the insert.
        op.execute(
            "CREATE TRIGGER persons_search_keys_insert AFTER INSERT ON persons WHEN "
            "NEW.last_name_key IS NULL OR NEW.first_name_key IS NULL OR NEW.identity_key IS NULL "
            f"BEGIN {body} END"
        )
        op.execute(
            "CREATE TRIGGER persons_search_keys_update AFTER UPDATE OF last_name, first_name, "
            f"identity ON persons BEGIN {body} END"
        )
        for sql in _sqlite_updates("", ""):
            op.execute(sql)
    for name, columns in INDEXES.items():
        op.create_index(name, "persons", columns, unique=False)
    if postgresql:
        # The planner's statistics of the new columns now, not at the next autovacuum.
        op.execute("ANALYZE persons")


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for name in INDEXES:
        op.drop_index(name, table_name="persons")
    if postgresql:
        op.execute("DROP TRIGGER persons_search_keys ON persons")
        op.execute("DROP FUNCTION persons_search_keys()")
    else:
        op.execute("DROP TRIGGER persons_search_keys_insert")
        op.execute("DROP TRIGGER persons_search_keys_update")
    with op.batch_alter_table("persons") as batch:
        for key in KEYS:
            batch.drop_column(key)
