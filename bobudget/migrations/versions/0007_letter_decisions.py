"""What the decision letters need: the client's fee, the decisions behind renewals, ends and
takeover reviews, and whether the municipality rents at least three flats from a landlord.

All new columns are optional or have a default, so existing rows stay as they were.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 08:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A frozen copy of the words these columns may hold (as 0005 froze the older ones); the
# constraints are named as 0005 names them.
ALLOWED: dict[str, dict[str, tuple[str, ...]]] = {
    "contracts": {
        "client_fee_unit": ("night", "month", ""),
        "takeover_outcome": ("taken_over", "extended", "not_taken_over", ""),
    },
}


def _text(name: str, length: int) -> sa.Column[str]:
    return sa.Column(name, sa.String(length=length), nullable=False, server_default="")


def _check(column: str, values: Sequence[str]) -> tuple[str, str]:
    listed = ", ".join(f"'{value}'" for value in values)
    return f"ck_contracts_{column}_allowed", f"{column} IN ({listed})"


def upgrade() -> None:
    with op.batch_alter_table("contracts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("client_fee_ore", sa.BigInteger(), nullable=True))
        batch_op.add_column(_text("client_fee_unit", 10))
        batch_op.add_column(sa.Column("end_decision_date", sa.Date(), nullable=True))
        batch_op.add_column(_text("end_decided_by", 200))
        batch_op.add_column(_text("end_decision_reference", 100))
        batch_op.add_column(_text("takeover_outcome", 20))
        batch_op.add_column(_text("takeover_decided_by", 200))
        batch_op.add_column(_text("takeover_decision_reference", 100))
    with op.batch_alter_table("contracts", schema=None) as batch_op:
        for column, values in ALLOWED["contracts"].items():
            name, condition = _check(column, values)
            batch_op.create_check_constraint(op.f(name), condition)
    with op.batch_alter_table("contract_periods", schema=None) as batch_op:
        batch_op.add_column(sa.Column("decision_date", sa.Date(), nullable=True))
        batch_op.add_column(_text("decided_by", 200))
        batch_op.add_column(_text("decision_reference", 100))
    with op.batch_alter_table("landlords", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "municipality_rents_three", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("landlords", schema=None) as batch_op:
        batch_op.drop_column("municipality_rents_three")
    with op.batch_alter_table("contract_periods", schema=None) as batch_op:
        for column in ("decision_reference", "decided_by", "decision_date"):
            batch_op.drop_column(column)
    with op.batch_alter_table("contracts", schema=None) as batch_op:
        for column in reversed(ALLOWED["contracts"]):
            batch_op.drop_constraint(op.f(_check(column, ())[0]), type_="check")
    with op.batch_alter_table("contracts", schema=None) as batch_op:
        for column in (
            "takeover_decision_reference",
            "takeover_decided_by",
            "takeover_outcome",
            "end_decision_reference",
            "end_decided_by",
            "end_decision_date",
            "client_fee_unit",
            "client_fee_ore",
        ):
            batch_op.drop_column(column)
