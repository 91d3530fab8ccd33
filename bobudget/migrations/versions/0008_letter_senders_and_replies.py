"""What letters need to be signed and sent: the officer's phone and e-mail, an offer's reply-by
date, and which participants of a flerpartssamtal the tenant agreed may be named to the landlord.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 08:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN on both engines (see 0002): no batch copy of a table that
    # other tables refer to. Existing rows get the model's default.
    op.add_column(
        "users", sa.Column("phone", sa.String(length=40), nullable=False, server_default="")
    )
    op.add_column(
        "users", sa.Column("email", sa.String(length=200), nullable=False, server_default="")
    )
    op.add_column("offers", sa.Column("reply_by", sa.Date(), nullable=True))
    op.add_column(
        "multiparty_meetings",
        sa.Column("consented_participants", sa.Text(), nullable=False, server_default=""),
    )


def downgrade() -> None:
    with op.batch_alter_table("multiparty_meetings", schema=None) as batch_op:
        batch_op.drop_column("consented_participants")
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.drop_column("reply_by")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("email")
        batch_op.drop_column("phone")
