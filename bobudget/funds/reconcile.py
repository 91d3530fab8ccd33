"""Egna medel reconciliation: the bank's balance on a day against the books, recorded.

The administrator types the balance the bank shows for a day; the program shows the book
balance on that day, the difference, and the entries since the last reconciliation (what to
tick off against the bank statement), then records the reconciliation as it stood.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork
from bobudget.funds.posting import lock_account
from bobudget.funds.queries import EntryLine, entry_lines
from bobudget.funds.reports import closing_balance
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.formatting import format_date
from bobudget.kernel.money import format_amount, parse_amount_ore
from bobudget.model.funds import FundsTransaction, ManagedFundsAccount, Reconciliation

__all__ = [
    "ReconciliationLine",
    "ReconciliationView",
    "reconcile_preview",
    "reconciliations",
    "record_reconciliation",
]


@dataclass(frozen=True)
class ReconciliationLine:
    id: int
    reconciled_on: dt.date
    bank_balance_ore: int
    book_balance_ore: int
    difference_ore: int
    last_voucher_number: int
    note: str
    created_by: str
    created_at: dt.datetime


@dataclass(frozen=True)
class ReconciliationView:
    """What the administrator sees before recording: the two balances and what happened since."""

    account_id: int
    reconciled_on: dt.date
    bank_balance_ore: int
    book_balance_ore: int
    previous: ReconciliationLine | None
    entries_since: list[EntryLine]
    last_voucher_number: int

    @property
    def difference_ore(self) -> int:
        """The bank less the books: 0 when they agree."""
        return self.bank_balance_ore - self.book_balance_ore


def _line(r: Reconciliation) -> ReconciliationLine:
    return ReconciliationLine(
        r.id,
        r.reconciled_on,
        r.bank_balance_ore,
        r.book_balance_ore,
        r.difference_ore,
        r.last_voucher_number,
        r.note,
        r.created_by,
        r.created_at,
    )


def _previous(session: Session, account_id: int) -> Reconciliation | None:
    return session.scalars(
        select(Reconciliation)
        .where(Reconciliation.account_id == account_id)
        .order_by(Reconciliation.reconciled_on.desc(), Reconciliation.id.desc())
        .limit(1)
    ).first()


def _view(
    session: Session, account: ManagedFundsAccount, on: dt.date, bank_ore: int, today: dt.date
) -> ReconciliationView:
    if on > today:
        raise ValidationError(
            f"Datumet {format_date(on)} ligger i framtiden. Stäm av mot bankens saldo för i dag "
            "eller en tidigare dag."
        )
    if on < account.power_of_attorney_start:
        raise ValidationError(
            f"Datumet {format_date(on)} ligger före fullmaktens början "
            f"({format_date(account.power_of_attorney_start)})."
        )
    previous = _previous(session, account.id)
    if previous is not None and on < previous.reconciled_on:
        raise ValidationError(
            f"Kontot är redan avstämt per {format_date(previous.reconciled_on)}. En ny "
            "avstämning kan inte gälla en tidigare dag."
        )
    stmt = select(FundsTransaction).where(
        FundsTransaction.account_id == account.id, FundsTransaction.entry_date <= on
    )
    if previous is not None:
        # Since the last reconciliation: dated after it, or posted after it with an earlier
        # date (a back-dated entry the last reconciliation could not have seen).
        stmt = stmt.where(
            or_(
                FundsTransaction.entry_date > previous.reconciled_on,
                FundsTransaction.voucher_number > previous.last_voucher_number,
            )
        )
    entries = session.scalars(
        stmt.order_by(FundsTransaction.entry_date, FundsTransaction.voucher_number)
    ).all()
    last_voucher = session.scalar(
        select(func.max(FundsTransaction.voucher_number)).where(
            FundsTransaction.account_id == account.id
        )
    )
    return ReconciliationView(
        account_id=account.id,
        reconciled_on=on,
        bank_balance_ore=bank_ore,
        book_balance_ore=closing_balance(session, account.id, on),
        previous=_line(previous) if previous else None,
        entries_since=entry_lines(session, list(entries)),
        last_voucher_number=int(last_voucher or 0),
    )


def _bank_ore(bank_balance: int | str) -> int:
    return parse_amount_ore(bank_balance) if isinstance(bank_balance, str) else bank_balance


def reconcile_preview(
    db: Database,
    account_id: int,
    on: dt.date,
    bank_balance: int | str,
    *,
    today: dt.date | None = None,
) -> ReconciliationView:
    """The book balance on `on` beside the bank's, and the entries since the last time."""
    today = today or dt.date.today()
    bank_ore = _bank_ore(bank_balance)
    with db.sessions() as session:
        account = session.get(ManagedFundsAccount, account_id)
        if account is None:
            raise NotFoundError("Kontot finns inte längre i databasen.")
        return _view(session, account, on, bank_ore, today)


def record_reconciliation(
    db: Database,
    account_id: int,
    on: dt.date,
    bank_balance: int | str,
    note: str = "",
    *,
    user: str | None = None,
    today: dt.date | None = None,
) -> ReconciliationLine:
    """Record the reconciliation; a difference must be explained in the note."""
    today = today or dt.date.today()
    bank_ore = _bank_ore(bank_balance)
    note = note.strip()
    with UnitOfWork(db, user) as uow:
        s = uow.session
        # Locked, so that no entry slips in between the balance we record and its voucher.
        account = lock_account(s, account_id)
        view = _view(s, account, on, bank_ore, today)
        if view.difference_ore != 0 and not note:
            raise ValidationError(
                f"Banken och bokföringen skiljer sig med {format_amount(view.difference_ore)}. "
                "Skriv i anteckningen vad skillnaden beror på innan avstämningen sparas."
            )
        row = Reconciliation(
            account_id=account_id,
            reconciled_on=on,
            bank_balance_ore=bank_ore,
            book_balance_ore=view.book_balance_ore,
            difference_ore=view.difference_ore,
            last_voucher_number=view.last_voucher_number,
            note=note,
            created_by=uow.user,
        )
        s.add(row)
        s.flush()
        uow.audit("reconcile", "managed_funds_account", account_id, f"avstämning {row.id}")
        uow.commit()
        return _line(row)


def reconciliations(db: Database, account_id: int) -> list[ReconciliationLine]:
    """Every reconciliation of the account, the latest first."""
    with db.sessions() as session:
        rows = session.scalars(
            select(Reconciliation)
            .where(Reconciliation.account_id == account_id)
            .order_by(Reconciliation.reconciled_on.desc(), Reconciliation.id.desc())
        ).all()
        return [_line(r) for r in rows]
