"""Placement: the takeover review, the price and move history of a placement, list indexes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 01:50:08.289891
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_contract_periods_outcome_end", "contract_periods", ["outcome", "end_date"])
    # Plain ALTER TABLE ADD COLUMN on both engines, no batch copy of the table: on SQLite a
    # copy means dropping `contracts`, which the foreign keys of every table that refers to it
    # forbid once the database holds data.
    op.add_column("contracts", sa.Column("takeover_reviewed_date", sa.Date(), nullable=True))
    # Existing rows get the model's default; new rows get it from the model.
    op.add_column(
        "contracts",
        sa.Column("takeover_review_note", sa.Text(), nullable=False, server_default=""),
    )
    op.add_column("contracts", sa.Column("placement_cost_ore", sa.BigInteger(), nullable=True))
    op.add_column(
        "contracts",
        sa.Column("placement_cost_unit", sa.String(length=10), nullable=False, server_default=""),
    )
    fk_name = op.f("fk_contracts_moved_from_id_contracts")
    if op.get_bind().dialect.name == "sqlite":
        # SQLite adds a foreign key only inline with its column (REFERENCES …).
        op.add_column(
            "contracts",
            sa.Column("moved_from_id", sa.Integer(), sa.ForeignKey("contracts.id", name=fk_name)),
            inline_references=True,
        )
    else:
        op.add_column("contracts", sa.Column("moved_from_id", sa.Integer(), nullable=True))
        op.create_foreign_key(fk_name, "contracts", "contracts", ["moved_from_id"], ["id"])
    op.create_index(op.f("ix_contracts_moved_from_id"), "contracts", ["moved_from_id"])
    op.create_index("ix_contracts_start_date", "contracts", ["start_date"])

    op.create_index("ix_dwellings_status_address", "dwellings", ["status", "address"])


def downgrade() -> None:
    with op.batch_alter_table("dwellings", schema=None) as batch_op:
        batch_op.drop_index("ix_dwellings_status_address")

    with op.batch_alter_table("contracts", schema=None) as batch_op:
        if op.get_bind().dialect.name != "sqlite":
            # On SQLite the key was made inline, without a name; dropping the column drops it.
            batch_op.drop_constraint(
                batch_op.f("fk_contracts_moved_from_id_contracts"), type_="foreignkey"
            )
        batch_op.drop_index("ix_contracts_start_date")
        batch_op.drop_index(batch_op.f("ix_contracts_moved_from_id"))
        batch_op.drop_column("moved_from_id")
        batch_op.drop_column("placement_cost_unit")
        batch_op.drop_column("placement_cost_ore")
        batch_op.drop_column("takeover_review_note")
        batch_op.drop_column("takeover_reviewed_date")

    with op.batch_alter_table("contract_periods", schema=None) as batch_op:
        batch_op.drop_index("ix_contract_periods_outcome_end")
