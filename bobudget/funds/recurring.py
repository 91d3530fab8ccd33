"""Egna medel recurring payments: set up once, proposed each month, confirmed by a person.

A recurring payment (rent on the 25th…) is never booked by itself: each month it is proposed,
and the administrator confirms it, which books a payment that points back at it. A proposal is
done for a month when a payment confirming it for that month stands (is not reversed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, aliased

from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork, conflict_error
from bobudget.funds import rules
from bobudget.funds.budget import positive_ore
from bobudget.funds.posting import book_entry
from bobudget.funds.queries import EntryInput, Posted
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.formatting import swedish_day
from bobudget.kernel.months import add_months, day_in_month, first_of_month
from bobudget.model.funds import FundsTransaction, ManagedFundsAccount, RecurringPayment
from bobudget.model.vocab import BudgetDirection, EntryKind

__all__ = [
    "Proposal",
    "RecurringInput",
    "RecurringRow",
    "add_recurring",
    "confirm_proposal",
    "recurring_payments",
    "recurring_proposals",
    "update_recurring",
]


@dataclass(frozen=True)
class RecurringRow:
    id: int
    version: int
    account_id: int
    day_of_month: int
    amount_ore: int
    category: str
    counterparty: str
    note: str
    covers_next_month: bool
    active: bool

    @property
    def label(self) -> str:
        return rules.category_label(self.category)


@dataclass(frozen=True)
class RecurringInput:
    day_of_month: int
    amount: int | str
    category: str
    counterparty: str
    note: str = ""
    covers_next_month: bool = False
    active: bool = True


def _row(r: RecurringPayment) -> RecurringRow:
    return RecurringRow(
        r.id,
        r.version,
        r.account_id,
        r.day_of_month,
        r.amount_ore,
        r.category,
        r.counterparty,
        r.note,
        r.covers_next_month,
        r.active,
    )


def _checked(data: RecurringInput) -> tuple[RecurringInput, int]:
    if not 1 <= data.day_of_month <= 31:
        raise ValidationError("Dagen i månaden ska vara mellan 1 och 31.")
    rules.check_category(data.category, BudgetDirection.EXPENSE)
    counterparty = data.counterparty.strip()
    if not counterparty:
        raise ValidationError("Ange vem som ska få betalningen (till exempel hyresvärden).")
    if len(counterparty) > 200:
        raise ValidationError("Mottagaren får vara högst 200 tecken. Korta texten.")
    ore = positive_ore(data.amount, "Beloppet")
    return (
        RecurringInput(
            data.day_of_month,
            ore,
            data.category,
            counterparty,
            data.note.strip(),
            data.covers_next_month,
            data.active,
        ),
        ore,
    )


def recurring_payments(db: Database, account_id: int) -> list[RecurringRow]:
    with db.sessions() as session:
        rows = session.scalars(
            select(RecurringPayment)
            .where(RecurringPayment.account_id == account_id)
            .order_by(RecurringPayment.active.desc(), RecurringPayment.day_of_month)
        ).all()
        return [_row(r) for r in rows]


def add_recurring(
    db: Database, account_id: int, data: RecurringInput, *, user: str | None = None
) -> int:
    data, ore = _checked(data)
    with UnitOfWork(db, user) as uow:
        account = uow.session.get(ManagedFundsAccount, account_id)
        if account is None:
            raise NotFoundError("Kontot finns inte längre i databasen. Ingenting sparades.")
        if account.closed_date is not None:
            raise ValidationError("Kontot är avslutat: inga nya återkommande betalningar.")
        row = RecurringPayment(
            account_id=account_id,
            day_of_month=data.day_of_month,
            amount_ore=ore,
            category=data.category,
            counterparty=data.counterparty,
            note=data.note,
            covers_next_month=data.covers_next_month,
            active=data.active,
        )
        uow.session.add(row)
        uow.session.flush()
        uow.audit("create", "recurring_payment", row.id)
        uow.commit()
        return row.id


def update_recurring(
    db: Database,
    recurring_id: int,
    expected_version: int,
    data: RecurringInput,
    *,
    user: str | None = None,
) -> int:
    """Change a recurring payment, or stop it (active=False); returns the new version."""
    data, ore = _checked(data)
    with UnitOfWork(db, user) as uow:
        row = uow.session.get(RecurringPayment, recurring_id)
        if row is None:
            raise NotFoundError("Den återkommande betalningen finns inte längre.")
        if row.version != expected_version:
            raise conflict_error(row.updated_by, row.updated_at)
        row.day_of_month = data.day_of_month
        row.amount_ore = ore
        row.category = data.category
        row.counterparty = data.counterparty
        row.note = data.note
        row.covers_next_month = data.covers_next_month
        row.active = data.active
        uow.audit("update", "recurring_payment", row.id)
        uow.commit()
        return row.version


@dataclass(frozen=True)
class Proposal:
    """A recurring payment proposed for one month, waiting for the administrator to confirm."""

    recurring_id: int
    month: dt.date  # the first of the month it is proposed in
    proposed_date: dt.date
    amount_ore: int
    category: str
    counterparty: str
    note: str
    covers_month: dt.date  # what the payment is for: this month, or the next for rent

    @property
    def label(self) -> str:
        return rules.category_label(self.category)

    def is_late(self, today: dt.date) -> bool:
        return self.proposed_date < today


def _covers(recurring: RecurringPayment, month: dt.date) -> dt.date:
    return add_months(month, 1) if recurring.covers_next_month else month


def _confirmed(session: Session, recurring: RecurringPayment, covers: dt.date) -> int | None:
    """The voucher that paid the proposal for `covers`, unless it has been reversed.

    Confirming the proposal pays it; so does a payment booked by hand in the same category
    for the same month ("avser"), e.g. rent paid before the proposal came: it is not proposed
    again, so the same rent is never paid twice by mistake.
    """
    reversal = aliased(FundsTransaction)
    return session.scalar(
        select(FundsTransaction.voucher_number)
        .outerjoin(reversal, reversal.reverses_id == FundsTransaction.id)
        .where(
            FundsTransaction.account_id == recurring.account_id,
            FundsTransaction.covers_month == covers,
            FundsTransaction.kind == EntryKind.PAYMENT,
            or_(
                FundsTransaction.recurring_payment_id == recurring.id,
                and_(
                    FundsTransaction.recurring_payment_id.is_(None),
                    FundsTransaction.category == recurring.category,
                ),
            ),
            reversal.id.is_(None),
        )
        .order_by(FundsTransaction.voucher_number)
        .limit(1)
    )


def recurring_proposals(
    db: Database, account_id: int, *, today: dt.date | None = None, months_back: int = 1
) -> list[Proposal]:
    """The active recurring payments not yet confirmed for this month, and for the
    `months_back` months before it (a month that passed unpaid stays proposed), earliest
    first. Nothing before the recurring payment was set up or the power of attorney began."""
    today = today or dt.date.today()
    this_month = first_of_month(today)
    proposals: list[Proposal] = []
    with db.sessions() as session:
        account = session.get(ManagedFundsAccount, account_id)
        if account is None:
            raise NotFoundError("Kontot finns inte längre i databasen.")
        if account.closed_date is not None:
            return []
        recurring = session.scalars(
            select(RecurringPayment)
            .where(RecurringPayment.account_id == account_id, RecurringPayment.active.is_(True))
            .order_by(RecurringPayment.day_of_month, RecurringPayment.id)
        ).all()
        for r in recurring:
            # The month it was set up in Sweden: set up at 00:30 on the 1st (23:30 UTC the day
            # before), the month before is not proposed.
            created = first_of_month(swedish_day(r.created_at))
            for back in range(months_back, -1, -1):
                month = add_months(this_month, -back)
                day = day_in_month(month, r.day_of_month)
                end = account.power_of_attorney_end
                if month < created or day < account.power_of_attorney_start:
                    continue
                if end is not None and day > end:
                    continue
                covers = _covers(r, month)
                if _confirmed(session, r, covers) is not None:
                    continue
                proposals.append(
                    Proposal(
                        r.id, month, day, r.amount_ore, r.category, r.counterparty, r.note, covers
                    )
                )
    proposals.sort(key=lambda p: (p.proposed_date, p.recurring_id))
    return proposals


def confirm_proposal(
    db: Database,
    recurring_id: int,
    month: dt.date,
    *,
    entry_date: dt.date | None = None,
    amount: int | str | None = None,
    user: str | None = None,
    today: dt.date | None = None,
    force: bool = False,
) -> Posted:
    """Book the recurring payment proposed for `month` as a payment (today's date when the
    proposed day has not come yet), refused if that month's payment is already made; rent
    for a month paid by hand is refused too (RentAlreadyPaidError) unless `force`."""
    today = today or dt.date.today()
    month = first_of_month(month)
    with db.sessions() as session:
        recurring = session.get(RecurringPayment, recurring_id)
        if recurring is None:
            raise NotFoundError("Den återkommande betalningen finns inte längre.")
        if not recurring.active:
            raise ValidationError("Den återkommande betalningen är avslutad och föreslås inte.")
        account_id = recurring.account_id
        covers = _covers(recurring, month)
        proposed = day_in_month(month, recurring.day_of_month)
        data = EntryInput(
            kind=EntryKind.PAYMENT,
            entry_date=entry_date or min(proposed, today),
            amount=recurring.amount_ore if amount is None else amount,
            category=recurring.category,
            counterparty=recurring.counterparty,
            note=recurring.note,
            covers_month=covers,
            recurring_payment_id=recurring.id,
        )

    def not_confirmed_yet(session: Session) -> None:
        current = session.get(RecurringPayment, recurring_id)
        assert current is not None
        voucher = _confirmed(session, current, covers)
        if voucher is not None:
            raise ValidationError(
                f"Betalningen för {month:%Y-%m} är redan gjord (verifikation {voucher}). "
                "Den bokförs inte en gång till."
            )

    with UnitOfWork(db, user) as uow:
        return book_entry(uow, account_id, data, today=today, guard=not_confirmed_yet, force=force)
