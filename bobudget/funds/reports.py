"""Egna medel reports: the month's statement, budget against outcome, reviews due.

The statement functions take a session, so that the letters engine can call them inside the
session it assembles a letter in; the others open their own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bobudget.db.engine import Database
from bobudget.funds import rules
from bobudget.funds.queries import EntryLine, entry_lines
from bobudget.kernel.identity import display_canonical
from bobudget.kernel.months import (
    day_in_month,
    first_of_month,
    last_of_month,
    next_month,
    previous_month,
)
from bobudget.kernel.urgency import Urgency
from bobudget.model import Person
from bobudget.model.funds import (
    BudgetLine,
    FundsTransaction,
    ManagedFundsAccount,
    RecurringPayment,
)
from bobudget.model.vocab import BudgetDirection

__all__ = [
    "BudgetOutcome",
    "BudgetOutcomeLine",
    "PlannedLine",
    "ReviewDue",
    "Statement",
    "budget_outcome",
    "closing_balance",
    "entries_between",
    "first_of_month",
    "funds_reviews_due",
    "last_of_month",
    "opening_balance",
    "planned_for_month",
    "statement",
]


# --- the statement ---------------------------------------------------------------------------


def opening_balance(session: Session, account_id: int, on: dt.date) -> int:
    """The balance at the start of `on`: every entry dated before it."""
    total = session.scalar(
        select(func.coalesce(func.sum(FundsTransaction.amount_ore), 0)).where(
            FundsTransaction.account_id == account_id, FundsTransaction.entry_date < on
        )
    )
    return int(total or 0)


def closing_balance(session: Session, account_id: int, on: dt.date) -> int:
    """The balance at the end of `on`: every entry dated on or before it."""
    return opening_balance(session, account_id, on + dt.timedelta(days=1))


def entries_between(
    session: Session, account_id: int, first: dt.date, last: dt.date
) -> list[EntryLine]:
    """The entries dated `first`…`last` (both included), in date order, then voucher order."""
    entries = session.scalars(
        select(FundsTransaction)
        .where(
            FundsTransaction.account_id == account_id,
            FundsTransaction.entry_date >= first,
            FundsTransaction.entry_date <= last,
        )
        .order_by(FundsTransaction.entry_date, FundsTransaction.voucher_number)
    ).all()
    return entry_lines(session, list(entries))


@dataclass(frozen=True)
class PlannedLine:
    """Something expected in a month: a recurring payment on its day, or a budget line."""

    day: dt.date | None
    category: str
    counterparty: str
    amount_ore: int  # signed: income positive, expenses negative
    source: str  # recurring or budget

    @property
    def label(self) -> str:
        return rules.category_label(self.category)


def _booked_days(session: Session, account_id: int, month: dt.date) -> dict[str, list[dt.date]]:
    """The days each category was booked in `month`; a reversal and what it reversed left out
    (they cancel: nothing came)."""
    first, last = first_of_month(month), last_of_month(month)
    rows = session.execute(
        select(
            FundsTransaction.id,
            FundsTransaction.reverses_id,
            FundsTransaction.category,
            FundsTransaction.entry_date,
        ).where(
            FundsTransaction.account_id == account_id,
            FundsTransaction.entry_date >= first,
            FundsTransaction.entry_date <= last,
        )
    ).all()
    cancelled = {r.reverses_id for r in rows if r.reverses_id is not None}
    days: dict[str, list[dt.date]] = {}
    for id_, reverses, category, entry_date in rows:
        if reverses is None and id_ not in cancelled:
            days.setdefault(category, []).append(entry_date)
    return days


def planned_for_month(session: Session, account_id: int, month: dt.date) -> list[PlannedLine]:
    """What the account expects in `month`: the budget's incomes, then its expenses, where a
    category paid by recurring payments shows those payments with their days instead."""
    recurring = session.scalars(
        select(RecurringPayment)
        .where(RecurringPayment.account_id == account_id, RecurringPayment.active.is_(True))
        .order_by(RecurringPayment.day_of_month, RecurringPayment.id)
    ).all()
    budget = session.scalars(
        select(BudgetLine)
        .where(BudgetLine.account_id == account_id)
        .order_by(BudgetLine.direction.desc(), BudgetLine.id)
    ).all()
    paid_by_recurring = {r.category for r in recurring}
    booked = _booked_days(session, account_id, previous_month(month))

    def day(category: str) -> dt.date | None:
        return rules.expected_day(month, booked.get(category, []))

    lines = [
        PlannedLine(day(b.category), b.category, "", b.monthly_amount_ore, "budget")
        for b in budget
        if b.direction == BudgetDirection.INCOME
    ]
    lines += [
        PlannedLine(
            day_in_month(month, r.day_of_month),
            r.category,
            r.counterparty,
            -r.amount_ore,
            "recurring",
        )
        for r in recurring
    ]
    lines += [
        PlannedLine(day(b.category), b.category, "", -b.monthly_amount_ore, "budget")
        for b in budget
        if b.direction != BudgetDirection.INCOME and b.category not in paid_by_recurring
    ]
    return lines


@dataclass(frozen=True)
class Statement:
    """A month's kontoutdrag: opening balance, every entry, closing balance, next month."""

    account_id: int
    month: dt.date
    opening_ore: int
    entries: list[EntryLine]
    closing_ore: int
    planned: list[PlannedLine]

    @property
    def paid_in_ore(self) -> int:
        return sum(e.amount_ore for e in self.entries if e.amount_ore > 0)

    @property
    def paid_out_ore(self) -> int:
        return sum(e.amount_ore for e in self.entries if e.amount_ore < 0)


def statement(session: Session, account_id: int, month: dt.date) -> Statement:
    """The statement for the month `month` lies in."""
    first, last = first_of_month(month), last_of_month(month)
    return Statement(
        account_id=account_id,
        month=first,
        opening_ore=opening_balance(session, account_id, first),
        entries=entries_between(session, account_id, first, last),
        closing_ore=closing_balance(session, account_id, last),
        planned=planned_for_month(session, account_id, next_month(first)),
    )


# --- budget against outcome ------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetOutcomeLine:
    category: str
    direction: BudgetDirection
    budget_ore: int  # positive
    outcome_ore: int  # positive: received for income, spent for expenses (reversals netted)

    @property
    def label(self) -> str:
        return rules.category_label(self.category)

    @property
    def difference_ore(self) -> int:
        """Outcome less budget: above zero is more income, or more spent, than agreed."""
        return self.outcome_ore - self.budget_ore


@dataclass(frozen=True)
class BudgetOutcome:
    month: dt.date
    lines: list[BudgetOutcomeLine]

    def total(self, direction: BudgetDirection, what: str) -> int:
        return sum(
            line.budget_ore if what == "budget" else line.outcome_ore
            for line in self.lines
            if line.direction == direction
        )


def budget_outcome(db: Database, account_id: int, month: dt.date) -> BudgetOutcome:
    """The agreed budget beside what came in and went out, by category, in one month."""
    first, last = first_of_month(month), last_of_month(month)
    with db.sessions() as session:
        budget = session.scalars(
            select(BudgetLine).where(BudgetLine.account_id == account_id).order_by(BudgetLine.id)
        ).all()
        sums = session.execute(
            select(FundsTransaction.category, func.sum(FundsTransaction.amount_ore))
            .where(
                FundsTransaction.account_id == account_id,
                FundsTransaction.entry_date >= first,
                FundsTransaction.entry_date <= last,
            )
            .group_by(FundsTransaction.category)
        ).all()
    outcome = {category: int(total) for category, total in sums}
    lines: list[BudgetOutcomeLine] = []
    seen: set[str] = set()
    for b in budget:
        sign = 1 if b.direction == BudgetDirection.INCOME else -1
        lines.append(
            BudgetOutcomeLine(
                b.category, b.direction, b.monthly_amount_ore, sign * outcome.get(b.category, 0)
            )
        )
        seen.add(b.category)
    for category, total in sorted(outcome.items()):
        if category in seen or total == 0:
            continue
        income = any(c.code == category for c in rules.categories_for(BudgetDirection.INCOME))
        lines.append(
            BudgetOutcomeLine(
                category,
                BudgetDirection.INCOME if income else BudgetDirection.EXPENSE,
                0,
                total if income else -total,
            )
        )
    lines.sort(key=lambda line: (line.direction != BudgetDirection.INCOME,))
    return BudgetOutcome(first, lines)


# --- reviews of the power of attorney --------------------------------------------------------


@dataclass(frozen=True)
class ReviewDue:
    account_id: int
    person_id: int
    name: str
    identity: str
    review_date: dt.date
    status: Urgency  # overdue or soon


def funds_reviews_due(
    db: Database, *, today: dt.date | None = None, within_days: int = rules.REVIEW_WINDOW_DAYS
) -> list[ReviewDue]:
    """Open accounts whose power of attorney is due for review within `within_days`, or
    overdue; the earliest first. For the Att göra page."""
    today = today or dt.date.today()
    horizon = today + dt.timedelta(days=within_days)
    with db.sessions() as session:
        rows = session.execute(
            select(ManagedFundsAccount, Person)
            .join(Person, Person.id == ManagedFundsAccount.person_id)
            .where(
                ManagedFundsAccount.closed_date.is_(None),
                ManagedFundsAccount.review_date.is_not(None),
                ManagedFundsAccount.review_date <= horizon,
            )
            .order_by(ManagedFundsAccount.review_date, ManagedFundsAccount.id)
        ).all()
    result = []
    for account, person in rows:
        review = account.review_date
        assert review is not None
        status = rules.review_urgency(review, today, within_days)
        assert status is not None  # a review date gives an urgency
        result.append(
            ReviewDue(
                account_id=account.id,
                person_id=person.id,
                name=person.full_name,
                identity=display_canonical(person.identity),
                review_date=review,
                status=status,
            )
        )
    return result
