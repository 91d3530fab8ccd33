"""Egna medel budget: the monthly budget agreed with the client, income and expenses."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select

from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork, conflict_error
from bobudget.funds import rules
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.money import parse_amount_ore
from bobudget.model.funds import BudgetLine, ManagedFundsAccount
from bobudget.model.vocab import BudgetDirection

__all__ = ["BudgetInput", "BudgetRow", "budget_lines", "positive_ore", "save_budget"]


def positive_ore(amount: int | str, what: str) -> int:
    ore = parse_amount_ore(amount) if isinstance(amount, str) else amount
    if ore <= 0:
        raise ValidationError(f"{what} måste vara större än noll. Skriv beloppet utan minustecken.")
    return ore


@dataclass(frozen=True)
class BudgetRow:
    id: int
    version: int
    direction: BudgetDirection
    category: str
    monthly_amount_ore: int

    @property
    def label(self) -> str:
        return rules.category_label(self.category)


@dataclass(frozen=True)
class BudgetInput:
    direction: BudgetDirection
    category: str
    amount: int | str  # per month, öre or as typed
    id: int | None = None  # the line it changes; None for a new line


def budget_lines(db: Database, account_id: int) -> list[BudgetRow]:
    """The budget: incomes first, then expenses, in the order they were agreed."""
    with db.sessions() as session:
        lines = session.scalars(
            select(BudgetLine)
            .where(BudgetLine.account_id == account_id)
            .order_by(BudgetLine.direction.desc(), BudgetLine.id)
        ).all()
        return [
            BudgetRow(b.id, b.version, b.direction, b.category, b.monthly_amount_ore) for b in lines
        ]


def save_budget(
    db: Database,
    account_id: int,
    lines: Sequence[BudgetInput],
    read_versions: Mapping[int, int],
    *,
    user: str | None = None,
) -> None:
    """Replace the budget with `lines`, if nobody changed it since it was read.

    `read_versions` are the ids and versions of the lines as the form read them: a line
    someone else added, changed or removed meanwhile refuses the save (nothing is saved).
    """
    checked: list[tuple[BudgetInput, int]] = []
    seen: set[tuple[str, str]] = set()
    for line in lines:
        if line.direction not in (BudgetDirection.INCOME, BudgetDirection.EXPENSE):
            raise ValidationError("En budgetrad är antingen en inkomst eller en utgift.")
        rules.check_category(line.category, line.direction)
        key = (line.direction, line.category)
        if key in seen:
            raise ValidationError(
                f"Kategorin {rules.category_label(line.category)} står två gånger i budgeten. "
                "Slå ihop raderna till en."
            )
        seen.add(key)
        what = f"Beloppet för {rules.category_label(line.category)}"
        checked.append((line, positive_ore(line.amount, what)))
    with UnitOfWork(db, user) as uow:
        s = uow.session
        if s.get(ManagedFundsAccount, account_id) is None:
            raise NotFoundError("Kontot finns inte längre i databasen. Ingenting sparades.")
        existing = {
            b.id: b
            for b in s.scalars(select(BudgetLine).where(BudgetLine.account_id == account_id))
        }
        if {i: b.version for i, b in existing.items()} != dict(read_versions):
            changed = max(existing.values(), key=lambda b: b.updated_at, default=None)
            raise conflict_error(
                changed.updated_by if changed else None, changed.updated_at if changed else None
            )
        kept: set[int] = set()
        for line, ore in checked:
            row = existing.get(line.id) if line.id is not None else None
            if row is None:
                row = BudgetLine(account_id=account_id)
                s.add(row)
            else:
                kept.add(row.id)
            row.direction, row.category, row.monthly_amount_ore = (
                BudgetDirection(line.direction),
                line.category,
                ore,
            )
        for row_id, row in existing.items():
            if row_id not in kept:
                s.delete(row)
        s.flush()
        uow.audit("update", "budget", account_id)
        uow.commit()
