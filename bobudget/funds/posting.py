"""Egna medel posting: book income, payments and cash, and reverse entries, under a lock.

Posting locks the account first (SELECT … FOR UPDATE on PostgreSQL, BEGIN IMMEDIATE on
SQLite), so two staff posting to the same account at the same moment are served one after the
other: each sees the other's voucher and balance, and no number is taken twice or skipped.
What an entry may be is decided in bobudget.funds.rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork
from bobudget.funds import rules
from bobudget.funds.queries import EntryInput, Posted, account_facts, balance_in_session, last_entry
from bobudget.kernel.errors import ConflictError, NotFoundError, ValidationError
from bobudget.kernel.formatting import format_date
from bobudget.kernel.money import parse_amount_ore
from bobudget.kernel.months import first_of_month
from bobudget.kernel.text_check import check_text
from bobudget.model.base import utc_now
from bobudget.model.funds import FundsTransaction, ManagedFundsAccount
from bobudget.model.vocab import BudgetDirection, EntryKind

__all__ = [
    "audit_detail",
    "book_entry",
    "lock_account",
    "post_entry",
    "rent_payments",
    "reverse_entry",
]


def lock_account(session: Session, account_id: int) -> ManagedFundsAccount:
    """Take the account for this transaction: whoever posts to it next waits until we commit.

    PostgreSQL locks the account row (SELECT … FOR UPDATE). SQLite has no row locks: BEGIN
    IMMEDIATE takes the database's write lock before anything is read, so the last voucher
    and balance read next are still the last when we write (others wait, busy_timeout).
    """
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        raw = connection.connection.dbapi_connection
        if raw is not None and not getattr(raw, "in_transaction", True):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
    account = session.scalars(
        select(ManagedFundsAccount)
        .where(ManagedFundsAccount.id == account_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one_or_none()
    if account is None:
        raise NotFoundError("Kontot för egna medel finns inte längre i databasen.")
    return account


def _ledger(entry: FundsTransaction) -> rules.LedgerEntry:
    return rules.LedgerEntry(
        id=entry.id,
        account_id=entry.account_id,
        voucher_number=entry.voucher_number,
        entry_date=entry.entry_date,
        amount_ore=entry.amount_ore,
        kind=entry.kind,
        category=entry.category,
        counterparty=entry.counterparty,
        note=entry.note,
        handed_out_by=entry.handed_out_by,
        receipt_signed=entry.receipt_signed,
        reverses_id=entry.reverses_id,
        covers_month=entry.covers_month,
        recurring_payment_id=entry.recurring_payment_id,
        balance_after_ore=entry.balance_after_ore,
        created_by=entry.created_by,
        created_at=entry.created_at,
        entry_hash=entry.entry_hash,
    )


def _check_fits(session: Session, account_id: int, entry_date: dt.date, amount: int) -> None:
    """Refuse an amount that would take the balance below zero on or after its date."""
    if amount >= 0:
        return
    later = [
        a
        for (a,) in session.execute(
            select(FundsTransaction.amount_ore)
            .where(
                FundsTransaction.account_id == account_id,
                FundsTransaction.entry_date > entry_date,
            )
            .order_by(FundsTransaction.entry_date, FundsTransaction.voucher_number)
        )
    ]
    through_day = balance_in_session(session, account_id) - sum(later)
    rules.check_not_overdrawn(entry_date, amount, through_day, later)


def _book(
    uow: UnitOfWork, account: ManagedFundsAccount, draft: rules.LedgerEntry, action: str
) -> Posted:
    s = uow.session
    previous = last_entry(s, account.id)
    sealed = rules.seal(_ledger(previous) if previous else None, draft)
    row = FundsTransaction(
        account_id=sealed.account_id,
        voucher_number=sealed.voucher_number,
        entry_date=sealed.entry_date,
        amount_ore=sealed.amount_ore,
        kind=sealed.kind,
        category=sealed.category,
        counterparty=sealed.counterparty,
        note=sealed.note,
        handed_out_by=sealed.handed_out_by,
        receipt_signed=sealed.receipt_signed,
        reverses_id=sealed.reverses_id,
        covers_month=sealed.covers_month,
        recurring_payment_id=sealed.recurring_payment_id,
        balance_after_ore=sealed.balance_after_ore,
        entry_hash=sealed.entry_hash,
        created_by=sealed.created_by,
        created_at=sealed.created_at,
    )
    s.add(row)
    try:
        s.flush()
        uow.audit(action, "funds_transaction", row.id, audit_detail(account.id, row.voucher_number))
        uow.commit()
    except IntegrityError:
        # Only if the lock was bypassed (another program wrote the same voucher): refuse, retry.
        uow.session.rollback()
        raise ConflictError(
            "Någon annan bokförde på kontot samtidigt. Ingenting sparades: försök igen.",
            changed_by=None,
            changed_at=None,
        ) from None
    return Posted(row.id, row.voucher_number, row.balance_after_ore)


def audit_detail(account_id: int, voucher_number: int) -> str:
    """What the audit trail says of a booked entry; the validator reads it back."""
    return f"konto {account_id}, verifikation {voucher_number}"


def _amount_ore(amount: int | str) -> int:
    return parse_amount_ore(amount) if isinstance(amount, str) else amount


def _clean(text: str, limit: int, what: str) -> str:
    text = check_text(text, what).strip()
    if len(text) > limit:
        raise ValidationError(f"{what} får vara högst {limit} tecken. Korta texten.")
    return text


def rent_payments(session: Session, account_id: int) -> list[rules.RentPayment]:
    """The account's rent entries, each marked when a later entry reverses it."""
    reversed_ids = set(
        session.scalars(
            select(FundsTransaction.reverses_id).where(
                FundsTransaction.account_id == account_id,
                FundsTransaction.reverses_id.is_not(None),
            )
        )
    )
    rows = session.execute(
        select(
            FundsTransaction.id,
            FundsTransaction.voucher_number,
            FundsTransaction.entry_date,
            FundsTransaction.covers_month,
            FundsTransaction.amount_ore,
            FundsTransaction.kind,
        ).where(FundsTransaction.account_id == account_id, FundsTransaction.category == "hyra")
    ).all()
    return [
        rules.RentPayment(voucher, day, covers, amount, EntryKind(kind), id_ in reversed_ids)
        for id_, voucher, day, covers, amount, kind in rows
    ]


def _check_rent_not_paid(
    session: Session, account_id: int, data: EntryInput, covers: dt.date | None
) -> None:
    month = covers or first_of_month(data.entry_date)
    if data.category != "hyra" or data.kind != EntryKind.PAYMENT:
        return
    first = rules.rent_already_paid(
        data.category, data.kind, month, rent_payments(session, account_id)
    )
    if first is not None:
        raise rules.RentAlreadyPaidError(month, first)


def post_entry(
    db: Database,
    account_id: int,
    data: EntryInput,
    *,
    user: str | None = None,
    today: dt.date | None = None,
    force: bool = False,
) -> Posted:
    """Book income, a payment or cash handed out; refused whole, with a Swedish reason, if
    the amount, the date, the category or the balance does not allow it, or if it pays rent
    for a month already paid (unless `force`: the user was told and books it anyway)."""
    with UnitOfWork(db, user) as uow:
        return book_entry(uow, account_id, data, today=today or dt.date.today(), force=force)


def book_entry(
    uow: UnitOfWork,
    account_id: int,
    data: EntryInput,
    *,
    today: dt.date,
    guard: Callable[[Session], None] | None = None,
    force: bool = False,
) -> Posted:
    """post_entry inside a unit of work the caller opened; `guard(session)` runs under the
    account's lock, before anything is written (e.g. "this proposal is not confirmed yet").

    A second rent payment for a month already paid is refused (RentAlreadyPaidError, naming
    the first voucher) unless `force`: the user was told and books it anyway."""
    amount = rules.signed_amount(data.kind, _amount_ore(data.amount))
    rules.check_category(
        data.category,
        BudgetDirection.INCOME if data.kind == EntryKind.INCOME else BudgetDirection.EXPENSE,
    )
    counterparty = _clean(data.counterparty, 200, "Motparten")
    handed_out_by = _clean(data.handed_out_by, 64, "Namnet på den som lämnade ut pengarna")
    if data.kind == EntryKind.CASH and not handed_out_by:
        raise ValidationError("Ange vem som lämnade ut pengarna.")
    covers = first_of_month(data.covers_month) if data.covers_month else None
    account = lock_account(uow.session, account_id)
    if guard is not None:
        guard(uow.session)
    rules.check_entry_date(account_facts(account), data.entry_date, today)
    if not force:
        _check_rent_not_paid(uow.session, account_id, data, covers)
    _check_fits(uow.session, account_id, data.entry_date, amount)
    draft = rules.LedgerEntry(
        id=0,
        account_id=account_id,
        voucher_number=0,
        entry_date=data.entry_date,
        amount_ore=amount,
        kind=data.kind,
        category=data.category,
        counterparty=counterparty,
        note=check_text(data.note, "Anteckningen", multiline=True).strip(),
        handed_out_by=handed_out_by if data.kind == EntryKind.CASH else "",
        receipt_signed=data.receipt_signed if data.kind == EntryKind.CASH else False,
        covers_month=covers,
        recurring_payment_id=data.recurring_payment_id,
        created_by=uow.user,
        created_at=utc_now(),
    )
    return _book(uow, account, draft, "post")


def reverse_entry(
    db: Database,
    entry_id: int,
    reason: str,
    *,
    entry_date: dt.date | None = None,
    user: str | None = None,
    today: dt.date | None = None,
) -> Posted:
    """Cancel an entry exactly with a reversing entry that points at it (dated today unless
    given). Refused for a reversal, for an entry already reversed, and when taking back an
    income would make the balance negative."""
    today = today or dt.date.today()
    entry_date = entry_date or today
    reason = check_text(reason, "Orsaken till rättelsen", multiline=True).strip()
    if not reason:
        raise ValidationError("Skriv varför transaktionen rättas. Orsaken sparas med rättelsen.")
    with db.sessions() as session:
        found = session.get(FundsTransaction, entry_id)
        if found is None:
            raise NotFoundError("Transaktionen som skulle rättas finns inte i databasen.")
        account_id = found.account_id
    with UnitOfWork(db, user) as uow:
        s = uow.session
        account = lock_account(s, account_id)
        original = s.get(FundsTransaction, entry_id)
        assert original is not None  # entries are never deleted
        reversed_by = s.scalar(
            select(FundsTransaction.voucher_number).where(FundsTransaction.reverses_id == entry_id)
        )
        rules.check_reversible(_ledger(original), reversed_by)
        if entry_date < original.entry_date:
            raise ValidationError(
                f"Rättelsen kan inte dateras före transaktionen den rättar "
                f"({format_date(original.entry_date)})."
            )
        rules.check_entry_date(account_facts(account), entry_date, today)
        _check_fits(s, account_id, entry_date, -original.amount_ore)
        draft = rules.LedgerEntry(
            id=0,
            account_id=account_id,
            voucher_number=0,
            entry_date=entry_date,
            amount_ore=-original.amount_ore,
            kind=EntryKind.REVERSAL,
            category=original.category,
            counterparty=original.counterparty,
            note=reason,
            reverses_id=original.id,
            covers_month=original.covers_month,
            created_by=uow.user,
            created_at=utc_now(),
        )
        return _book(uow, account, draft, "reverse")
