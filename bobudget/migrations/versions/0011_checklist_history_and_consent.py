"""Checklist history and the consent's particulars.

Every tick and untick of a start-up meeting's checklist item is kept (who, when) in a table of
its own; the ticks already set become its first entries. A multiparty meeting's consent records
how it was given (in writing, orally), from when, until when, and its withdrawal (the day and
how). The new columns are optional or blank by default, so existing rows stay as they were.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 09:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A frozen copy of the words these columns may hold (as 0005 froze the older ones); the
# constraints are named as 0005 names them.
ALLOWED: dict[str, dict[str, tuple[str, ...]]] = {
    "startup_checklist_item_events": {"action": ("ticked", "unticked")},
    "multiparty_meetings": {
        "consent_form": ("written", "oral", ""),
        "consent_withdrawal_form": ("written", "oral", ""),
    },
}


def _check(table: str, column: str) -> tuple[str, str]:
    listed = ", ".join(f"'{value}'" for value in ALLOWED[table][column])
    return f"ck_{table}_{column}_allowed", f"{column} IN ({listed})"


def upgrade() -> None:
    events = "startup_checklist_item_events"
    op.create_table(
        events,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("happened_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(_check(events, "action")[1], name=op.f(_check(events, "action")[0])),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["startup_checklist_items.id"],
            name=op.f("fk_startup_checklist_item_events_item_id_startup_checklist_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_startup_checklist_item_events")),
    )
    with op.batch_alter_table(events, schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_startup_checklist_item_events_item_id"), ["item_id"], unique=False
        )
    # The ticks set before there was a history: each is the history's first entry.
    op.execute(
        "INSERT INTO startup_checklist_item_events (item_id, action, username, happened_at) "
        "SELECT id, 'ticked', done_by, done_at FROM startup_checklist_items "
        "WHERE done_at IS NOT NULL"
    )

    meetings = "multiparty_meetings"
    with op.batch_alter_table(meetings, schema=None) as batch_op:
        for column in ("consent_form", "consent_withdrawal_form"):
            batch_op.add_column(
                sa.Column(column, sa.String(length=10), nullable=False, server_default="")
            )
        for column in ("consent_given_on", "consent_valid_until", "consent_withdrawn_on"):
            batch_op.add_column(sa.Column(column, sa.Date(), nullable=True))
    with op.batch_alter_table(meetings, schema=None) as batch_op:
        for column in ALLOWED[meetings]:
            name, condition = _check(meetings, column)
            batch_op.create_check_constraint(op.f(name), condition)


def downgrade() -> None:
    meetings = "multiparty_meetings"
    with op.batch_alter_table(meetings, schema=None) as batch_op:
        for column in reversed(ALLOWED[meetings]):
            batch_op.drop_constraint(op.f(_check(meetings, column)[0]), type_="check")
    with op.batch_alter_table(meetings, schema=None) as batch_op:
        for column in (
            "consent_withdrawn_on",
            "consent_valid_until",
            "consent_given_on",
            "consent_withdrawal_form",
            "consent_form",
        ):
            batch_op.drop_column(column)
    events = "startup_checklist_item_events"
    with op.batch_alter_table(events, schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_startup_checklist_item_events_item_id"))
    op.drop_table(events)
