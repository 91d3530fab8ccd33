"""Egna medel: running balance and hash chain on entries, recurring payments, reconciliations.

Entries already in the database (demo data) are sealed here: each gets its running balance
in voucher order and its link in the account's hash chain, so the validator finds them whole.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 01:53:17.110538
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_GENESIS_HASH = "0" * 64

_entries = sa.table(
    "funds_transactions",
    sa.column("id", sa.Integer()),
    sa.column("account_id", sa.Integer()),
    sa.column("voucher_number", sa.Integer()),
    sa.column("entry_date", sa.Date()),
    sa.column("amount_ore", sa.BigInteger()),
    sa.column("kind", sa.String()),
    sa.column("category", sa.String()),
    sa.column("counterparty", sa.String()),
    sa.column("note", sa.Text()),
    sa.column("handed_out_by", sa.String()),
    sa.column("receipt_signed", sa.Boolean()),
    sa.column("reverses_id", sa.Integer()),
    sa.column("covers_month", sa.Date()),
    sa.column("recurring_payment_id", sa.Integer()),
    sa.column("balance_after_ore", sa.BigInteger()),
    sa.column("created_by", sa.String()),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("entry_hash", sa.String()),
)


def _utc(value: Any) -> dt.datetime:
    # SQLite hands the stored UTC time back without a zone.
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)  # type: ignore[no-any-return]
    return value.astimezone(dt.UTC)  # type: ignore[no-any-return]


def _hash(previous: str, row: Any, balance: int) -> str:
    """A frozen copy of bobudget.funds.rules.entry_hash as it was at this revision."""
    values = [
        row.account_id,
        row.voucher_number,
        row.entry_date.isoformat(),
        row.amount_ore,
        row.kind,
        row.category,
        row.counterparty,
        row.note,
        row.handed_out_by,
        bool(row.receipt_signed),
        row.reverses_id,
        row.covers_month.isoformat() if row.covers_month else None,
        row.recurring_payment_id,
        balance,
        row.created_by,
        _utc(row.created_at).isoformat(timespec="microseconds"),
    ]
    text = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{previous}|{text}".encode()).hexdigest()


def _seal_existing_entries() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(_entries).order_by(_entries.c.account_id, _entries.c.voucher_number)
    ).all()
    update = (
        _entries.update()
        .where(_entries.c.id == sa.bindparam("entry_id"))
        .values(balance_after_ore=sa.bindparam("balance"), entry_hash=sa.bindparam("digest"))
    )
    account = None
    balance, previous = 0, _GENESIS_HASH
    sealed: list[dict[str, Any]] = []
    for row in rows:
        if row.account_id != account:
            account, balance, previous = row.account_id, 0, _GENESIS_HASH
        balance += row.amount_ore
        previous = _hash(previous, row, balance)
        sealed.append({"entry_id": row.id, "balance": balance, "digest": previous})
        if len(sealed) >= 5000:
            connection.execute(update, sealed)
            sealed = []
    if sealed:
        connection.execute(update, sealed)


def upgrade() -> None:
    op.create_table(
        "recurring_payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("day_of_month", sa.Integer(), nullable=False),
        sa.Column("amount_ore", sa.BigInteger(), nullable=False),
        sa.Column("category", sa.String(length=60), nullable=False),
        sa.Column("counterparty", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("covers_next_month", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["managed_funds_accounts.id"],
            name=op.f("fk_recurring_payments_account_id_managed_funds_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recurring_payments")),
    )
    with op.batch_alter_table("recurring_payments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recurring_payments_account_id"), ["account_id"], unique=False
        )

    op.create_table(
        "funds_reconciliations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("reconciled_on", sa.Date(), nullable=False),
        sa.Column("bank_balance_ore", sa.BigInteger(), nullable=False),
        sa.Column("book_balance_ore", sa.BigInteger(), nullable=False),
        sa.Column("difference_ore", sa.BigInteger(), nullable=False),
        sa.Column("last_voucher_number", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["managed_funds_accounts.id"],
            name=op.f("fk_funds_reconciliations_account_id_managed_funds_accounts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funds_reconciliations")),
    )
    with op.batch_alter_table("funds_reconciliations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_funds_reconciliations_account_id"), ["account_id"], unique=False
        )

    # Added empty first, filled from the entries, then made required.
    with op.batch_alter_table("funds_transactions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("covers_month", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("recurring_payment_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("balance_after_ore", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("entry_hash", sa.String(length=64), nullable=True))

    _seal_existing_entries()

    with op.batch_alter_table("funds_transactions", schema=None) as batch_op:
        batch_op.alter_column("balance_after_ore", existing_type=sa.BigInteger(), nullable=False)
        batch_op.drop_index("ix_funds_transactions_account_date")
        batch_op.create_index(
            "ix_funds_transactions_account_date",
            ["account_id", "entry_date", "amount_ore"],
            unique=False,
        )
        batch_op.alter_column("entry_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_index(
            batch_op.f("ix_funds_transactions_recurring_payment_id"),
            ["recurring_payment_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_funds_transactions_reverses_id",
            ["reverses_id"],
            unique=True,
            sqlite_where=sa.text("reverses_id IS NOT NULL"),
            postgresql_where=sa.text("reverses_id IS NOT NULL"),
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_funds_transactions_recurring_payment_id_recurring_payments"),
            "recurring_payments",
            ["recurring_payment_id"],
            ["id"],
        )
        batch_op.create_check_constraint(
            op.f("ck_funds_transactions_amount_not_zero"), "amount_ore <> 0"
        )
        batch_op.create_check_constraint(
            op.f("ck_funds_transactions_voucher_positive"), "voucher_number > 0"
        )
        batch_op.create_check_constraint(
            op.f("ck_funds_transactions_balance_not_negative"), "balance_after_ore >= 0"
        )


def downgrade() -> None:
    with op.batch_alter_table("funds_transactions", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_funds_transactions_balance_not_negative"), type_="check")
        batch_op.drop_constraint(op.f("ck_funds_transactions_voucher_positive"), type_="check")
        batch_op.drop_constraint(op.f("ck_funds_transactions_amount_not_zero"), type_="check")
        batch_op.drop_constraint(
            batch_op.f("fk_funds_transactions_recurring_payment_id_recurring_payments"),
            type_="foreignkey",
        )
        batch_op.drop_index("ix_funds_transactions_reverses_id")
        batch_op.drop_index("ix_funds_transactions_account_date")
        batch_op.create_index(
            "ix_funds_transactions_account_date", ["account_id", "entry_date"], unique=False
        )
        batch_op.drop_index(batch_op.f("ix_funds_transactions_recurring_payment_id"))
        batch_op.drop_column("entry_hash")
        batch_op.drop_column("balance_after_ore")
        batch_op.drop_column("recurring_payment_id")
        batch_op.drop_column("covers_month")

    with op.batch_alter_table("funds_reconciliations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_funds_reconciliations_account_id"))
    op.drop_table("funds_reconciliations")

    with op.batch_alter_table("recurring_payments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recurring_payments_account_id"))
    op.drop_table("recurring_payments")
