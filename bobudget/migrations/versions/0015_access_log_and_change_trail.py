"""The access log (who saw which person) and the change trail (every saved change to a row).

Two new tables, written only by INSERT. Neither refers to persons by a foreign key: a person
purged under the retention rules leaves the record that they were seen and changed.

Revision ID: 0015
Revises: 0011
Create Date: 2026-11-30 12:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A frozen copy of the words these columns may hold, named as 0005 names its constraints.
ALLOWED: dict[str, dict[str, tuple[str, ...]]] = {
    "access_log": {"what": ("card_opened", "list_shown", "search", "letter_printed", "export")},
    "change_trail": {"operation": ("insert", "update", "delete")},
}


def _allowed(table: str, column: str) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in ALLOWED[table][column])})"


def upgrade() -> None:
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("what", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=False),
        sa.CheckConstraint(_allowed("access_log", "what"), name=op.f("ck_access_log_what_allowed")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_log")),
    )
    op.create_index(op.f("ix_access_log_at"), "access_log", ["at"])
    op.create_index("ix_access_log_person_at", "access_log", ["person_id", "at"])
    op.create_index("ix_access_log_username_at", "access_log", ["username", "at"])

    op.create_table(
        "change_trail",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("table_name", sa.String(length=60), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("operation", sa.String(length=10), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.CheckConstraint(
            _allowed("change_trail", "operation"), name=op.f("ck_change_trail_operation_allowed")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_trail")),
    )
    op.create_index("ix_change_trail_person_at", "change_trail", ["person_id", "at"])
    op.create_index("ix_change_trail_username_at", "change_trail", ["username", "at"])


def downgrade() -> None:
    op.drop_table("change_trail")
    op.drop_table("access_log")
