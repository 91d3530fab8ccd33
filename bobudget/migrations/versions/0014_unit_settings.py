"""The unit's settings and letter templates in the database.

Letterhead, the tax agency's forwarding address, the temporary period and reminder days, the
Bostad först target and the socialjour's number were each PC's own (a JSON file); the unit's
own template texts were files in a folder each PC named. Now they are rows every PC reads:
`unit_settings` (the current value of each key), `unit_setting_changes` (every change: who,
when, old, new) and `letter_templates` (each version of a template's text; one is active).

Revision ID: 0014
Revises: 0011
Create Date: 2026-11-30 12:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# A frozen copy of the words the source columns may hold.
ALLOWED: dict[str, dict[str, tuple[str, ...]]] = {
    "unit_setting_changes": {"source": ("edited", "carried_over", "restored")},
    "letter_templates": {"source": ("edited", "carried_over", "restored")},
}


def _source_check(table: str) -> sa.CheckConstraint:
    listed = ", ".join(f"'{value}'" for value in ALLOWED[table]["source"])
    return sa.CheckConstraint(f"source IN ({listed})", name=op.f(f"ck_{table}_source_allowed"))


def upgrade() -> None:
    op.create_table(
        "unit_settings",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_unit_settings")),
    )
    op.create_table(
        "unit_setting_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=False),
        sa.Column("new_value", sa.Text(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_by", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        _source_check("unit_setting_changes"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_setting_changes")),
    )
    op.create_index(
        "ix_unit_setting_changes_key", "unit_setting_changes", ["key", "changed_at"], unique=False
    )
    op.create_table(
        "letter_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        _source_check("letter_templates"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letter_templates")),
        sa.UniqueConstraint("name", "version", name="uq_letter_templates_name_version"),
    )
    op.create_index(op.f("ix_letter_templates_name"), "letter_templates", ["name"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_letter_templates_name"), table_name="letter_templates")
    op.drop_table("letter_templates")
    op.drop_index("ix_unit_setting_changes_key", table_name="unit_setting_changes")
    op.drop_table("unit_setting_changes")
    op.drop_table("unit_settings")
