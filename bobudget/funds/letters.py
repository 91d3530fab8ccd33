"""The data of the egna medel letters: the monthly statement (kontoutdrag) and the budget."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bobudget.funds.reports import PlannedLine, statement
from bobudget.funds.rules import category_label, default_statement_month
from bobudget.kernel.errors import NotFoundError
from bobudget.kernel.formatting import SWEDISH_MONTHS, format_date
from bobudget.kernel.identity import display_canonical
from bobudget.kernel.money import format_amount
from bobudget.kernel.months import first_of_month, next_month
from bobudget.letters.facts import Built, Context, Value, month_prose, prose
from bobudget.model import BudgetLine, Decision, HouseholdMember, ManagedFundsAccount
from bobudget.model.vocab import BudgetDirection, DecisionKind


def _account(ctx: Context) -> ManagedFundsAccount:
    stmt = select(ManagedFundsAccount).where(ManagedFundsAccount.person_id == ctx.person.id)
    if ctx.request.subject_id is not None:
        stmt = stmt.where(ManagedFundsAccount.id == ctx.request.subject_id)
    else:
        stmt = stmt.where(ManagedFundsAccount.closed_date.is_(None))
    account = ctx.session.scalars(
        stmt.order_by(ManagedFundsAccount.power_of_attorney_start.desc()).limit(1)
    ).first()
    if account is None:
        raise NotFoundError("Personen har inget öppet konto för egna medel.")
    return account


def _account_values(ctx: Context, account: ManagedFundsAccount) -> dict[str, Value]:
    end = account.power_of_attorney_end
    return {
        "personnummer": display_canonical(ctx.person.identity),
        "fullmakt_från": prose(account.power_of_attorney_start),
        # Read after "från och med den …": "och tills vidare" or "till och med den …".
        "fullmakt_till": f"till och med den {prose(end)}" if end else "och tills vidare",
        "omprövning": prose(account.review_date),
    }


def _reference(ctx: Context) -> str:
    """The diarienummer of the person's latest decision on egna medel, if there is one."""
    households = select(HouseholdMember.household_id).where(
        HouseholdMember.person_id == ctx.person.id
    )
    reference = ctx.session.scalar(
        select(Decision.reference)
        .where(Decision.household_id.in_(households), Decision.kind == DecisionKind.MANAGED_FUNDS)
        .order_by(Decision.decision_date.desc())
        .limit(1)
    )
    return reference or ""


def _budget(ctx: Context, account: ManagedFundsAccount) -> list[BudgetLine]:
    return list(
        ctx.session.scalars(
            select(BudgetLine)
            .where(BudgetLine.account_id == account.id)
            .order_by(BudgetLine.direction.desc(), BudgetLine.id)
        ).all()
    )


def _planned_day(line: PlannedLine, month: dt.date) -> str:
    """The day it is expected, or "under december" when no day is known (cash each week)."""
    if line.day is not None:
        return format_date(line.day)
    return f"under {SWEDISH_MONTHS[month.month - 1]}"


def _planned_text(line: PlannedLine) -> str:
    return " – ".join(x for x in (line.label, line.counterparty.strip()) if x)


def managed_funds_statement(ctx: Context) -> Built:
    account = _account(ctx)
    month = (
        first_of_month(ctx.request.month)
        if ctx.request.month
        else default_statement_month(ctx.today)
    )
    report = statement(ctx.session, account.id, month)
    values = _account_values(ctx, account) | {
        "månad": month_prose(report.month),
        "ingående_saldo": format_amount(report.opening_ore),
        "utgående_saldo": format_amount(report.closing_ore),
        "summa_in": format_amount(report.paid_in_ore),
        "summa_ut": format_amount(report.paid_out_ore),
        "transaktioner": tuple(
            (format_date(e.entry_date), e.text, format_amount(e.amount_ore)) for e in report.entries
        ),
        "nästa_månad": month_prose(next_month(report.month)),
        "planerat": tuple(
            (
                _planned_day(line, next_month(report.month)),
                _planned_text(line),
                format_amount(line.amount_ore),
            )
            for line in report.planned
        ),
    }
    return Built(values, reference=_reference(ctx))


def managed_funds_budget(ctx: Context) -> Built:
    account = _account(ctx)
    lines = _budget(ctx, account)
    income = [line for line in lines if line.direction == BudgetDirection.INCOME]
    expense = [line for line in lines if line.direction != BudgetDirection.INCOME]
    total_in = sum(line.monthly_amount_ore for line in income)
    total_out = sum(line.monthly_amount_ore for line in expense)
    values = _account_values(ctx, account) | {
        "inkomster": tuple(
            (category_label(x.category), format_amount(x.monthly_amount_ore)) for x in income
        ),
        "utgifter": tuple(
            (category_label(x.category), format_amount(x.monthly_amount_ore)) for x in expense
        ),
        "summa_inkomster": format_amount(total_in),
        "summa_utgifter": format_amount(total_out),
        "kvar": format_amount(total_in - total_out),
    }
    return Built(values, reference=_reference(ctx))
