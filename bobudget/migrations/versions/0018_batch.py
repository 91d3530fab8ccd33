"""A letter printed in a batch is logged with what it was drawn from, not a PDF of its own.

printed_letters.facts holds the letter's facts as JSON (values, address, date, letterhead,
pages in the batch); letter_sources keeps each template text and logo they were drawn from
once, by its SHA-256. Earlier letters keep their PDFs (facts stays NULL for them).

Downgrade drops both: letters logged with facts only can then no longer be shown again.

Revision ID: 0018_batch
Revises: 0017_search
Create Date: 2026-11-30 16:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018_batch"
down_revision: str | None = "0017_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "letter_sources",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_letter_sources")),
    )
    with op.batch_alter_table("printed_letters") as batch:
        batch.add_column(sa.Column("facts", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("printed_letters") as batch:
        batch.drop_column("facts")
    op.drop_table("letter_sources")
