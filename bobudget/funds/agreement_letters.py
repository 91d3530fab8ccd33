"""The data of the egna medel agreement and power of attorney, and of the letter asking a payer
to send the client's income to the account the unit manages."""

from __future__ import annotations

from bobudget.funds.letters import _account, _account_values, _budget, _reference
from bobudget.funds.payers import load_payers
from bobudget.funds.rules import category_label
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.identity import display_canonical
from bobudget.kernel.money import format_amount
from bobudget.letters.facts import Built, Context, Value, prose
from bobudget.model import ManagedFundsAccount
from bobudget.model.vocab import BudgetDirection

NO_ACCOUNT_NUMBER = (
    "Kontot för egna medel saknar kontonummer. Fyll i bankkontot på kontot (Egna medel → "
    "Ändra konto) innan brevet skrivs ut."
)


def _account_number(account: ManagedFundsAccount) -> str:
    return account.bank_account_reference.strip()


def managed_funds_agreement(ctx: Context) -> Built:
    account = _account(ctx)
    lines = _budget(ctx, account)
    values = _account_values(ctx, account) | {
        "konto": _account_number(account),
        "inkomster": tuple(
            (category_label(x.category), format_amount(x.monthly_amount_ore))
            for x in lines
            if x.direction == BudgetDirection.INCOME
        ),
        "utgifter": tuple(
            (category_label(x.category), format_amount(x.monthly_amount_ore))
            for x in lines
            if x.direction != BudgetDirection.INCOME
        ),
    }
    return Built(values, reference=_reference(ctx))


def managed_funds_payer(ctx: Context) -> Built:
    """To the payer of the client's first income in the budget that has a known payer (or the
    budget line the request names)."""
    account = _account(ctx)
    number = _account_number(account)
    if not number:
        raise ValidationError(NO_ACCOUNT_NUMBER)
    payers = load_payers(ctx.settings)
    incomes = [
        line
        for line in _budget(ctx, account)
        if line.direction == BudgetDirection.INCOME and line.category.lower() in payers
    ]
    if ctx.request.subject_id is not None:
        incomes = [line for line in incomes if line.id == ctx.request.subject_id]
    if not incomes:
        raise NotFoundError(
            "Personens budget för egna medel har ingen inkomst från en känd utbetalare "
            "(t.ex. pension eller sjukersättning). Lägg in inkomsten i budgeten, eller lägg till "
            "utbetalaren i listan payers.txt."
        )
    income = incomes[0]
    payer = payers[income.category.lower()]
    values: dict[str, Value] = {
        "personnummer": display_canonical(ctx.person.identity),
        "utbetalare": payer.name,
        "ersättning": category_label(income.category).lower(),
        "konto": number,
        "fullmakt_från": prose(account.power_of_attorney_start),
    }
    return Built(values, payer_address=(payer.name, *payer.address))
