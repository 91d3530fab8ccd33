"""Rent paid from egna medel, month by month against the tenant's contract.

The contract and person screens call rent_by_month to show where rent debts are handled
whether each month's rent was paid from the client's managed money.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from bobudget.db.engine import Database
from bobudget.kernel.errors import NotFoundError
from bobudget.kernel.months import first_of_month, last_of_month, next_month
from bobudget.model import Contract
from bobudget.model.funds import FundsTransaction, ManagedFundsAccount
from bobudget.model.vocab import ContractKind, Vocabulary

__all__ = [
    "HolderContract",
    "RentMonth",
    "RentStatus",
    "holder_contracts",
    "rent_by_month",
]


class RentStatus(Vocabulary):
    """What egna medel paid of a month's rent. Computed, never stored.

    Not an urgency (bobudget.kernel.urgency): it says how much of the rent was paid, not how
    soon anything falls due. A month with nothing paid may still be weeks from its due day.
    """

    PAID = "paid", "Betald"
    PARTIAL = "partial", "Delvis betald"
    MISSING = "missing", "Ingen betalning"
    NOT_MANAGED = "not_managed", "Inte egna medel"  # the tenant paid themselves
    NO_RENT = "no_rent", "Ingen hyra angiven"


@dataclass(frozen=True)
class RentMonth:
    """One month of a contract: its rent, and the rent paid from egna medel for that month."""

    month: dt.date  # the first of the month
    rent_ore: int | None
    paid_ore: int
    managed: bool  # egna medel paid the client's bills that month (a power of attorney ran)
    vouchers: tuple[int, ...]

    @property
    def status(self) -> RentStatus:
        if not self.managed:
            return RentStatus.NOT_MANAGED
        if self.rent_ore is None:
            return RentStatus.NO_RENT
        if self.paid_ore >= self.rent_ore:
            return RentStatus.PAID
        return RentStatus.PARTIAL if self.paid_ore > 0 else RentStatus.MISSING


def rent_by_month(
    db: Database, contract_id: int, *, today: dt.date | None = None
) -> list[RentMonth]:
    """Each month of the contract up to this month (or the next, when its rent is already
    paid): the rent, and what egna medel paid for it.

    A rent payment counts for the month it covers (its "avser" month; else the month it was
    paid in); a reversed payment counts for nothing. Months when the tenant had no power of
    attorney are `not_managed`: no payment from here is expected then.
    """
    today = today or dt.date.today()
    with db.sessions() as session:
        contract = session.get(Contract, contract_id)
        if contract is None:
            raise NotFoundError("Kontraktet finns inte längre i databasen.")
        accounts = session.scalars(
            select(ManagedFundsAccount).where(ManagedFundsAccount.person_id == contract.person_id)
        ).all()
        payments = session.execute(
            select(
                FundsTransaction.entry_date,
                FundsTransaction.covers_month,
                FundsTransaction.amount_ore,
                FundsTransaction.voucher_number,
            ).where(
                FundsTransaction.account_id.in_([a.id for a in accounts]),
                FundsTransaction.category == "hyra",
            )
        ).all()
        start, end, rent = contract.start_date, contract.end_date, contract.monthly_rent_ore
    paid: dict[dt.date, int] = {}
    vouchers: dict[dt.date, list[int]] = {}
    for entry_date, covers, amount, voucher in payments:
        month = first_of_month(covers or entry_date)
        paid[month] = paid.get(month, 0) - amount
        vouchers.setdefault(month, []).append(voucher)
    last_month = first_of_month(min(end, today) if end else today)
    # Rent is paid ahead: a payment already made for next month shows too.
    ahead = [m for m in paid if m > last_month and (end is None or m <= end)]
    last_month = max([last_month, *ahead])
    months: list[RentMonth] = []
    month = first_of_month(start)
    while month <= last_month:
        managed = any(
            a.power_of_attorney_start <= last_of_month(month)
            and (a.closed_date or a.power_of_attorney_end or dt.date.max) >= month
            for a in accounts
        )
        months.append(
            RentMonth(
                month, rent, paid.get(month, 0), managed, tuple(sorted(vouchers.get(month, [])))
            )
        )
        month = next_month(month)
    return months


@dataclass(frozen=True)
class HolderContract:
    id: int
    kind: ContractKind
    start_date: dt.date
    end_date: dt.date | None
    monthly_rent_ore: int | None


def holder_contracts(db: Database, account_id: int) -> list[HolderContract]:
    """The account holder's contracts, the latest first: whose rent the account may pay."""
    with db.sessions() as session:
        account = session.get(ManagedFundsAccount, account_id)
        if account is None:
            raise NotFoundError("Kontot finns inte längre i databasen.")
        contracts = session.scalars(
            select(Contract)
            .where(Contract.person_id == account.person_id)
            .order_by(Contract.start_date.desc(), Contract.id.desc())
        ).all()
        return [
            HolderContract(c.id, c.kind, c.start_date, c.end_date, c.monthly_rent_ore)
            for c in contracts
        ]
