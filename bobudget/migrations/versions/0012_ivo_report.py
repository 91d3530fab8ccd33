"""The quarterly report to IVO: reasons for delay per decision and quarter, and submissions.

Two new tables, nothing else changes: `ivo_delay_reasons` (one reason per decision and quarter,
editable like every other row) and `ivo_submissions` (every report once made, kept as made).

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 12:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _editable() -> list[sa.Column[object]]:
    # The same who-and-when columns every editable row has (model/base.py Editable).
    return [
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
    ]


def upgrade() -> None:
    reasons = "ivo_delay_reasons"
    op.create_table(
        reasons,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.String(length=6), nullable=False),
        sa.Column("reason", sa.String(length=2000), nullable=False),
        *_editable(),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decisions.id"],
            name=op.f("fk_ivo_delay_reasons_decision_id_decisions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ivo_delay_reasons")),
        sa.UniqueConstraint(
            "decision_id", "quarter", name=op.f("uq_ivo_delay_reasons_decision_id")
        ),
    )
    with op.batch_alter_table(reasons, schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ivo_delay_reasons_decision_id"), ["decision_id"], unique=False
        )
    submissions = "ivo_submissions"
    op.create_table(
        submissions,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.String(length=6), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("made_by", sa.String(length=64), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ivo_submissions")),
    )
    with op.batch_alter_table(submissions, schema=None) as batch_op:
        batch_op.create_index("ix_ivo_submissions_first_day", ["first_day"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ivo_submissions", schema=None) as batch_op:
        batch_op.drop_index("ix_ivo_submissions_first_day")
    op.drop_table("ivo_submissions")
    with op.batch_alter_table("ivo_delay_reasons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ivo_delay_reasons_decision_id"))
    op.drop_table("ivo_delay_reasons")
