"""What the statistics are told by hand: survey persons and the housing company's lettings.

Two new tables and nothing else: the survey's persons added for a measurement week (usually
from other units) and the municipal housing company's yearly total of lettings, against which
the share going to social needs is counted.

Revision ID: 0013
Revises: 0011
Create Date: 2026-11-30 12:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _editable() -> list[sa.Column[object]]:
    return [
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "survey_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("identity", sa.String(length=16), nullable=False),
        sa.Column("situation", sa.Integer(), nullable=False),
        sa.Column("with_children", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_editable(),
        sa.CheckConstraint(
            "situation BETWEEN 1 AND 4", name=op.f("ck_survey_entries_situation_known")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_entries")),
        sa.UniqueConstraint("week_start", "identity", name="uq_survey_entries_week_identity"),
    )
    with op.batch_alter_table("survey_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_entries_week_start"), ["week_start"], unique=False
        )
    op.create_table(
        "housing_company_lettings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        *_editable(),
        sa.CheckConstraint(
            "total >= 0", name=op.f("ck_housing_company_lettings_total_not_negative")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_housing_company_lettings")),
        sa.UniqueConstraint("year", name=op.f("uq_housing_company_lettings_year")),
    )


def downgrade() -> None:
    op.drop_table("housing_company_lettings")
    with op.batch_alter_table("survey_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_entries_week_start"))
    op.drop_table("survey_entries")
