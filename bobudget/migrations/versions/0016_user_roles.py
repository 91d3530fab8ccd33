"""A user may hold several roles (user_roles), and may be named for protected persons.

Every user's one role in users.role becomes their first row in user_roles; users.role stays,
kept equal to the first role, for what reads one role. users.protected_access says the user
is named for persons with skyddade personuppgifter (row-level security on PostgreSQL reads it).

Downgrade drops both; users.role still holds each user's first role.

Revision ID: 0016
Revises: 0011
Create Date: 2026-11-30 12:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A frozen copy of the roles (model/vocab.py UserRole): a migration never changes with the code.
ROLES = (
    "bostadskonsulent",
    "bostadshandledare",
    "handlaggare_egna_medel",
    "enhetschef",
    "administrator",
)
# The vocabulary column this migration adds, as tests/core/test_vocab.py reads it.
ALLOWED: dict[str, dict[str, tuple[str, ...]]] = {"user_roles": {"role": ROLES}}


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("protected_access", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    allowed = ", ".join(f"'{role}'" for role in ROLES)
    op.create_table(
        "user_roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.CheckConstraint(f"role IN ({allowed})", name=op.f("ck_user_roles_role_allowed")),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_user_roles_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_roles")),
        sa.UniqueConstraint("user_id", "role", name="uq_user_roles_user_id_role"),
    )
    op.create_index(op.f("ix_user_roles_user_id"), "user_roles", ["user_id"], unique=False)
    op.execute(
        sa.text("INSERT INTO user_roles (user_id, role) SELECT id, role FROM users ORDER BY id")
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_user_roles_user_id"), table_name="user_roles")
    op.drop_table("user_roles")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("protected_access")
