"""Egna medel accounts: open one for a power of attorney, change its facts, close it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from bobudget.db.engine import Database
from bobudget.db.responsible import responsible_for_change, responsible_for_new
from bobudget.db.uow import UnitOfWork, conflict_error
from bobudget.funds.posting import lock_account
from bobudget.funds.queries import AccountInput, last_entry
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.formatting import format_date
from bobudget.kernel.money import format_amount
from bobudget.model import Person
from bobudget.model.funds import FundsTransaction, ManagedFundsAccount

__all__ = ["close_account", "open_account", "update_account"]


def _check_account_input(data: AccountInput) -> AccountInput:
    start, end, review = data.power_of_attorney_start, data.power_of_attorney_end, data.review_date
    if end is not None and end < start:
        raise ValidationError(
            f"Fullmaktens slut ({format_date(end)}) ligger före dess början "
            f"({format_date(start)}). Rätta datumen."
        )
    if review is not None and review < start:
        raise ValidationError(
            f"Omprövningsdatumet ({format_date(review)}) ligger före fullmaktens början. "
            "Ange ett senare datum."
        )
    reference = data.bank_account_reference.strip()
    if len(reference) > 60:
        raise ValidationError("Bankkontots beteckning får vara högst 60 tecken. Korta den.")
    return AccountInput(start, end, review, reference, data.note.strip(), data.responsible)


def open_account(
    db: Database, person_id: int, data: AccountInput, *, user: str | None = None
) -> int:
    """Open an account for a person who has given a power of attorney; one open at a time."""
    data = _check_account_input(data)
    with UnitOfWork(db, user) as uow:
        s = uow.session
        if s.get(Person, person_id) is None:
            raise NotFoundError("Personen finns inte längre i databasen.")
        already = s.scalar(
            select(ManagedFundsAccount.id).where(
                ManagedFundsAccount.person_id == person_id,
                ManagedFundsAccount.closed_date.is_(None),
            )
        )
        if already is not None:
            raise ValidationError(
                "Personen har redan ett öppet konto för egna medel. Ändra det kontot i stället, "
                "eller avsluta det först."
            )
        account = ManagedFundsAccount(
            person_id=person_id,
            power_of_attorney_start=data.power_of_attorney_start,
            power_of_attorney_end=data.power_of_attorney_end,
            review_date=data.review_date,
            bank_account_reference=data.bank_account_reference,
            note=data.note,
            responsible=responsible_for_new(s, data.responsible, uow.user),
        )
        s.add(account)
        s.flush()
        uow.audit("create", "managed_funds_account", account.id)
        uow.commit()
        return account.id


def update_account(
    db: Database,
    account_id: int,
    expected_version: int,
    data: AccountInput,
    *,
    user: str | None = None,
) -> int:
    """Change the power of attorney's dates, the review date or the bank reference.

    The entries already booked must stay inside the power of attorney. Returns the new version.
    """
    data = _check_account_input(data)
    with UnitOfWork(db, user) as uow:
        s = uow.session
        account = s.get(ManagedFundsAccount, account_id)
        if account is None:
            raise NotFoundError("Kontot finns inte längre i databasen. Ingenting sparades.")
        if account.version != expected_version:
            raise conflict_error(account.updated_by, account.updated_at)
        first, last = s.execute(
            select(
                func.min(FundsTransaction.entry_date), func.max(FundsTransaction.entry_date)
            ).where(FundsTransaction.account_id == account_id)
        ).one()
        if first is not None and data.power_of_attorney_start > first:
            raise ValidationError(
                f"Det finns transaktioner från {format_date(first)}: fullmaktens början kan "
                "inte läggas efter dem."
            )
        end = data.power_of_attorney_end
        if last is not None and end is not None and end < last:
            raise ValidationError(
                f"Det finns transaktioner till och med {format_date(last)}: fullmaktens slut "
                "kan inte läggas före dem."
            )
        account.power_of_attorney_start = data.power_of_attorney_start
        account.power_of_attorney_end = end
        account.review_date = data.review_date
        account.bank_account_reference = data.bank_account_reference
        account.note = data.note
        account.responsible = responsible_for_change(s, data.responsible, account.responsible)
        uow.audit("update", "managed_funds_account", account.id)
        uow.commit()
        return account.version


def close_account(
    db: Database,
    account_id: int,
    closed_date: dt.date,
    *,
    user: str | None = None,
    today: dt.date | None = None,
) -> None:
    """Close the account when the power of attorney ends; its balance must be paid out first."""
    today = today or dt.date.today()
    with UnitOfWork(db, user) as uow:
        s = uow.session
        account = lock_account(s, account_id)
        if account.closed_date is not None:
            raise ValidationError(f"Kontot avslutades redan {format_date(account.closed_date)}.")
        last = last_entry(s, account_id)
        balance = last.balance_after_ore if last else 0
        if balance != 0:
            raise ValidationError(
                f"Kontot har ett saldo på {format_amount(balance)}. Betala ut eller för över "
                "pengarna till klienten (kategori Överfört vid avslut) innan kontot avslutas."
            )
        latest = s.scalar(
            select(func.max(FundsTransaction.entry_date)).where(
                FundsTransaction.account_id == account_id
            )
        )
        if latest is not None and closed_date < latest:
            raise ValidationError(
                f"Det finns transaktioner till och med {format_date(latest)}. Kontot kan "
                "avslutas tidigast den dagen."
            )
        if closed_date > today or closed_date < account.power_of_attorney_start:
            raise ValidationError("Avslutsdatumet ska ligga mellan fullmaktens början och i dag.")
        account.closed_date = closed_date
        if account.power_of_attorney_end is None or account.power_of_attorney_end > closed_date:
            account.power_of_attorney_end = closed_date
        account.review_date = None
        uow.audit("close", "managed_funds_account", account.id)
        uow.commit()
