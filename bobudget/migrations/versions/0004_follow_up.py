"""Follow-up: the edited checklist template, who is responsible, boendestöd reviews, indexes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 01:54:27.642256
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Each row a user follows up gets the username of who is responsible; "" is nobody named.
_RESPONSIBLE_TABLES = (
    "eviction_notices",
    "follow_ups",
    "housing_supports",
    "multiparty_meetings",
    "startup_meetings",
)


def _responsible() -> sa.Column[str]:
    # Existing rows get "" (nobody named); new rows get it from the model.
    return sa.Column("responsible", sa.String(length=64), nullable=False, server_default="")


def upgrade() -> None:
    op.create_table(
        "checklist_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_templates")),
        sa.UniqueConstraint("key", name=op.f("uq_checklist_templates_key")),
    )
    for table in _RESPONSIBLE_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(_responsible())

    with op.batch_alter_table("eviction_notices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_eviction_notices_closed_date"), ["closed_date"], unique=False
        )
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.create_index("ix_follow_ups_held_due", ["held_date", "due_date"], unique=False)
    with op.batch_alter_table("housing_supports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_reviewed_date", sa.Date(), nullable=True))
    with op.batch_alter_table("startup_meetings", schema=None) as batch_op:
        batch_op.create_index(
            "ix_startup_meetings_closed_due", ["closed", "due_date"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("startup_meetings", schema=None) as batch_op:
        batch_op.drop_index("ix_startup_meetings_closed_due")
    with op.batch_alter_table("housing_supports", schema=None) as batch_op:
        batch_op.drop_column("last_reviewed_date")
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.drop_index("ix_follow_ups_held_due")
    with op.batch_alter_table("eviction_notices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_eviction_notices_closed_date"))
    for table in reversed(_RESPONSIBLE_TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("responsible")

    op.drop_table("checklist_templates")
