"""Egna medel: client accounts under a power of attorney, immutable entries, budgets."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bobudget.model.base import Base, Editable, utc_now
from bobudget.model.persons import Person


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

    person: Mapped[Person] = relationship()


class FundsTransaction(Base):
    """One ledger entry. Never edited or deleted: a correction is a reversing entry."""

    __tablename__ = "funds_transactions"
    __table_args__ = (
        UniqueConstraint("account_id", "voucher_number", name="uq_funds_transactions_voucher"),
        Index("ix_funds_transactions_account_date", "account_id", "entry_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("managed_funds_accounts.id"))
    voucher_number: Mapped[int] = mapped_column(Integer)
    entry_date: Mapped[dt.date]
    # Signed: income positive, payments and cash out negative.
    amount_ore: Mapped[int] = mapped_column(BigInteger)
    # income, payment, cash, reversal
    kind: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(60), default="")
    counterparty: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    handed_out_by: Mapped[str] = mapped_column(String(64), default="")
    receipt_signed: Mapped[bool] = mapped_column(Boolean, default=False)
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("funds_transactions.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    created_by: Mapped[str] = mapped_column(String(64), default="")


class BudgetLine(Editable, Base):
    """The agreed monthly budget: one row per category of income or expense."""

    __tablename__ = "budget_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("managed_funds_accounts.id", ondelete="CASCADE"), index=True
    )
    # income or expense
    direction: Mapped[str] = mapped_column(String(10))
    category: Mapped[str] = mapped_column(String(60))
    monthly_amount_ore: Mapped[int] = mapped_column(BigInteger)
