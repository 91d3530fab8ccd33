"""Egna medel: client accounts under a power of attorney, immutable entries, budgets."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bobudget.model.base import Base, Editable, VocabType, responsible_column, utc_now
from bobudget.model.persons import Person
from bobudget.model.vocab import BudgetDirection, EntryKind


class ManagedFundsAccount(Editable, Base):
    __tablename__ = "managed_funds_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id"), index=True)
    power_of_attorney_start: Mapped[dt.date]
    power_of_attorney_end: Mapped[dt.date | None]
    review_date: Mapped[dt.date | None] = mapped_column(index=True)
    bank_account_reference: Mapped[str] = mapped_column(String(60), default="")
    closed_date: Mapped[dt.date | None]
    note: Mapped[str] = mapped_column(Text, default="")
    # The handläggare egna medel who manages the account; None: nobody named.
    responsible: Mapped[str | None] = responsible_column()

    person: Mapped[Person] = relationship()


class FundsTransaction(Base):
    """One ledger entry. Never edited or deleted: a correction is a reversing entry.

    Vouchers run 1, 2, 3… per account without gaps. `balance_after_ore` is the account's
    balance after this voucher (in voucher order), so the balance is one index lookup however
    long the ledger; `entry_hash` chains each entry to the one before it, so that the validator
    can tell an entry changed after it was made (bobudget.funds.rules.entry_hash).
    """

    __tablename__ = "funds_transactions"
    __table_args__ = (
        UniqueConstraint("account_id", "voucher_number", name="uq_funds_transactions_voucher"),
        # An entry is reversed at most once, and the database holds to it. Partial, over the
        # few reversals only: SQLite's statistics would otherwise count every NULL as one value
        # and the planner would scan the whole ledger instead of using the index.
        Index(
            "ix_funds_transactions_reverses_id",
            "reverses_id",
            unique=True,
            sqlite_where=text("reverses_id IS NOT NULL"),
            postgresql_where=text("reverses_id IS NOT NULL"),
        ),
        # Covers the amount too: a balance on a date (a statement's opening balance) is summed
        # from the index alone, never from the table's rows.
        Index("ix_funds_transactions_account_date", "account_id", "entry_date", "amount_ore"),
        CheckConstraint("amount_ore <> 0", name="amount_not_zero"),
        CheckConstraint("voucher_number > 0", name="voucher_positive"),
        CheckConstraint("balance_after_ore >= 0", name="balance_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("managed_funds_accounts.id"))
    voucher_number: Mapped[int] = mapped_column(Integer)
    entry_date: Mapped[dt.date]
    # Signed: income positive, payments and cash out negative.
    amount_ore: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[EntryKind] = mapped_column(VocabType(EntryKind, 20))
    category: Mapped[str] = mapped_column(String(60), default="")
    counterparty: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    handed_out_by: Mapped[str] = mapped_column(String(64), default="")
    receipt_signed: Mapped[bool] = mapped_column(Boolean, default=False)
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("funds_transactions.id"))
    # The month a payment is for (rent for December paid in November): first day of that month.
    covers_month: Mapped[dt.date | None]
    # Set when the entry confirms a proposed recurring payment.
    recurring_payment_id: Mapped[int | None] = mapped_column(
        ForeignKey("recurring_payments.id"), index=True
    )
    balance_after_ore: Mapped[int] = mapped_column(BigInteger)
    entry_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    created_by: Mapped[str] = mapped_column(String(64), default="")


class BudgetLine(Editable, Base):
    """The agreed monthly budget: one row per category of income or expense."""

    __tablename__ = "budget_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("managed_funds_accounts.id", ondelete="CASCADE"), index=True
    )
    direction: Mapped[BudgetDirection] = mapped_column(VocabType(BudgetDirection, 10))
    category: Mapped[str] = mapped_column(String(60))
    monthly_amount_ore: Mapped[int] = mapped_column(BigInteger)


class RecurringPayment(Editable, Base):
    """A bill paid every month (rent on the 25th…): proposed each month for confirmation."""

    __tablename__ = "recurring_payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("managed_funds_accounts.id"), index=True)
    # 1–31; in a shorter month the proposal falls on its last day.
    day_of_month: Mapped[int] = mapped_column(Integer)
    amount_ore: Mapped[int] = mapped_column(BigInteger)
    category: Mapped[str] = mapped_column(String(60))
    counterparty: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # Rent is paid the month before the month it is for.
    covers_next_month: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Reconciliation(Base):
    """The bank's balance on a day against the book balance; recorded, never changed."""

    __tablename__ = "funds_reconciliations"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("managed_funds_accounts.id"), index=True)
    reconciled_on: Mapped[dt.date]
    bank_balance_ore: Mapped[int] = mapped_column(BigInteger)
    book_balance_ore: Mapped[int] = mapped_column(BigInteger)
    difference_ore: Mapped[int] = mapped_column(BigInteger)
    # The highest voucher when it was made: what was posted later is "since the reconciliation".
    last_voucher_number: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    created_by: Mapped[str] = mapped_column(String(64), default="")
