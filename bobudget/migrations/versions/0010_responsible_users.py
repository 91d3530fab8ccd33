"""Who answers for a case is a user: every "responsible" column refers to the users list.

Until now "Ansvarig" was free text and took any word, also a user who does not exist. The
columns of the start-up meetings, follow-ups, boendestöd, eviction notices and multiparty
meetings now hold a username from `users` or nothing (NULL). Existing text is converted: where
it is exactly the username of a user in the list, it is kept and now refers to that user;
anything else (a name typed by hand, a misspelt or unknown login, an empty field) is left
empty, and the item becomes "Utan ansvarig" on Att göra until someone assigns it.
Decisions (the queue), contracts and temporary placements, and egna medel accounts get the
same column, empty.

Downgrade turns an empty responsible back into "" and drops the new columns.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 09:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The tables that had a free-text "responsible", and those that get one now.
CONVERTED = (
    "startup_meetings",
    "follow_ups",
    "housing_supports",
    "eviction_notices",
    "multiparty_meetings",
)
ADDED = ("decisions", "contracts", "managed_funds_accounts")


def _fk(table: str) -> str:
    return f"fk_{table}_responsible_users"


def upgrade() -> None:
    for table in CONVERTED:
        with op.batch_alter_table(table) as batch:
            batch.alter_column("responsible", existing_type=sa.String(length=64), nullable=True)
        # Kept only where a user has exactly that username; anything else is nobody.
        op.execute(
            sa.text(
                f"UPDATE {table} SET responsible = NULL WHERE responsible IS NOT NULL AND "
                "responsible NOT IN (SELECT username FROM users)"
            )
        )
        with op.batch_alter_table(table) as batch:
            batch.create_foreign_key(_fk(table), "users", ["responsible"], ["username"])
    for table in ADDED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("responsible", sa.String(length=64), nullable=True))
            batch.create_foreign_key(_fk(table), "users", ["responsible"], ["username"])


def downgrade() -> None:
    for table in ADDED:
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(_fk(table), type_="foreignkey")
            batch.drop_column("responsible")
    for table in CONVERTED:
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(_fk(table), type_="foreignkey")
        op.execute(sa.text(f"UPDATE {table} SET responsible = '' WHERE responsible IS NULL"))
        with op.batch_alter_table(table) as batch:
            batch.alter_column("responsible", existing_type=sa.String(length=64), nullable=False)
