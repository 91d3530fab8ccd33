"""Demo egna medel: accounts under a power of attorney, a budget, and a ledger that adds up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bobudget.demo import data as words
from bobudget.demo.persons import Lease
from bobudget.demo.places import Staff
from bobudget.demo.rows import DemoRows, add_months, days
from bobudget.funds.rules import GENESIS_HASH, entry_hash, ledger_entry_from_row
from bobudget.kernel.months import first_of_month
from bobudget.model import BudgetLine, Decision, FundsTransaction, ManagedFundsAccount
from bobudget.model.vocab import BudgetDirection, DecisionKind, DecisionStatus, EntryKind

# Money left over each month after bills and pocket money: the account grows a little.
_MONTHLY_BUFFER_ORE = 300_00
# Below this, the household lives on too little; försörjningsstöd tops it up to the norm.
_LIVING_MINIMUM_ORE = 3_600_00
_INCOME_DAY = 25
_PAYMENT_DAY = 27
_CASH_DAYS = (1, 15)


@dataclass(frozen=True)
class _Entry:
    day: dt.date
    amount_ore: int
    kind: EntryKind
    category: str
    counterparty: str
    note: str = ""
    covers_month: dt.date | None = None


def _nothing(_number: int) -> None:
    return None


class FundsMaker:
    """One account per client: income in, rent and bills out, cash handed out twice a month."""

    def __init__(self, rows: DemoRows, staff: Staff, share: float = 0.05) -> None:
        self.rows = rows
        self.staff = staff
        self.share = share
        self._accounts = 0

    def add(self, leases: Iterable[Lease], done: Callable[[int], None] = _nothing) -> None:
        """Accounts for some of the tenants; `done(n)` after the n-th lease."""
        for number, lease in enumerate(leases, start=1):
            self.lease(lease)
            done(number)

    def lease(self, lease: Lease) -> None:
        """An account for this tenant, now and then."""
        # A few in a hundred tenants hand their money matters to the unit; the first
        # tenant who can does, so that even a small demo has an account to show.
        chosen = self._accounts == 0 or self.rows.chance(self.share)
        if chosen and (self.rows.today - lease.start).days > 45:
            self._account(lease)
            self._accounts += 1

    def _account(self, lease: Lease) -> None:
        rows, today = self.rows, self.rows.today
        last_day = min(lease.end, today) if lease.end else today
        since = rows.day_between(lease.start + days(14), min(last_day, lease.start + days(365)))
        closed = lease.end if lease.end and lease.end <= today else None
        if closed is None and rows.chance(0.1) and (today - since).days > 200:
            closed = rows.day_between(since + days(180), today)
        decided = since - days(rows.rng.randint(7, 30))
        rows.add(
            Decision,
            decided,
            household_id=lease.household_id,
            kind=DecisionKind.MANAGED_FUNDS,
            decision_date=decided,
            decided_by=lease.decided_by,
            unit="Ekonomiskt bistånd",
            reference=rows.reference(decided),
            status=DecisionStatus.EXECUTED,
            executed_date=since,
        )
        # The power of attorney is reviewed yearly; now and then a review is overdue.
        years = 1
        while add_months(since, 12 * years) <= today:
            years += 1
        if years > 1 and rows.chance(0.1):
            years -= 1
        review = add_months(since, 12 * years)
        account_id = rows.add(
            ManagedFundsAccount,
            since,
            person_id=lease.person_id,
            power_of_attorney_start=since,
            power_of_attorney_end=closed,
            review_date=None if closed else review,
            bank_account_reference=(
                f"Klientmedelskonto 8{rows.rng.randint(100, 999)}-{rows.rng.randint(0, 9)}, "
                f"{rows.rng.randint(100, 999)} {rows.rng.randint(100, 999)} "
                f"{rows.rng.randint(100, 999)}-{rows.rng.randint(0, 9)}"
            ),
            closed_date=closed,
            note="Fullmakten förnyas vid årlig översyn." if closed is None else "",
        )
        incomes, expenses, cash = self._budget(lease)
        for category, _counterparty, amount in incomes:
            rows.add(
                BudgetLine,
                since,
                account_id=account_id,
                direction=BudgetDirection.INCOME,
                category=category,
                monthly_amount_ore=amount,
            )
        for category, _counterparty, amount in expenses:
            rows.add(
                BudgetLine,
                since,
                account_id=account_id,
                direction=BudgetDirection.EXPENSE,
                category=category,
                monthly_amount_ore=amount,
            )
        rows.add(
            BudgetLine,
            since,
            account_id=account_id,
            direction=BudgetDirection.EXPENSE,
            category="levnadsomkostnader",
            monthly_amount_ore=cash * len(_CASH_DAYS),
        )
        entries = self._entries(since, closed or today, incomes, expenses, cash)
        self._book(account_id, entries, closed)

    def _budget(
        self, lease: Lease
    ) -> tuple[list[tuple[str, str, int]], list[tuple[str, str, int]], int]:
        """(incomes, bills, cash per handout) in öre; what is left is handed out as cash."""
        incomes = [(c, who, kr * 100) for c, who, kr in self.rows.pick(words.INCOME_PROFILES)]
        expenses = [("hyra", lease.landlord, lease.rent_ore)]
        expenses += [(c, who, kr * 100) for c, who, kr in words.FIXED_EXPENSES]
        left = sum(a for *_, a in incomes) - sum(a for *_, a in expenses) - _MONTHLY_BUFFER_ORE
        if left < _LIVING_MINIMUM_ORE:
            top_up = (_LIVING_MINIMUM_ORE - left + 99_00) // 100_00 * 100_00
            incomes.append(("försörjningsstöd", words.MUNICIPALITY, top_up))
            left += top_up
        cash = left // len(_CASH_DAYS) // 100_00 * 100_00
        return incomes, expenses, cash

    def _entries(
        self,
        since: dt.date,
        until: dt.date,
        incomes: list[tuple[str, str, int]],
        expenses: list[tuple[str, str, int]],
        cash: int,
    ) -> list[_Entry]:
        rows = self.rows
        opening = rows.rng.randint(0, 40) * 100_00
        entries = [
            _Entry(since, opening, EntryKind.INCOME, "ingående saldo", "Klientens eget konto")
        ]
        month = first_of_month(since)
        while month <= until:
            following = add_months(month, 1)
            for category, counterparty, amount in incomes:
                entries.append(
                    _Entry(
                        month.replace(day=_INCOME_DAY),
                        amount,
                        EntryKind.INCOME,
                        category,
                        counterparty,
                    )
                )
            for category, counterparty, amount in expenses:
                # Rent is paid the month before the month it is for.
                covers = following if category == "hyra" else None
                entries.append(
                    _Entry(
                        month.replace(day=_PAYMENT_DAY),
                        -amount,
                        EntryKind.PAYMENT,
                        category,
                        counterparty,
                        covers_month=covers,
                    )
                )
            for day in _CASH_DAYS:
                entries.append(
                    _Entry(
                        following.replace(day=day), -cash, EntryKind.CASH, "levnadsomkostnader", ""
                    )
                )
            month = following
        return sorted(
            (e for e in entries if since <= e.day <= until and e.amount_ore != 0),
            key=lambda e: e.day,
        )

    def _book(self, account_id: int, entries: list[_Entry], closed: dt.date | None) -> None:
        """Write the entries in date order, numbered 1, 2, 3…; never spend what isn't there.

        Each entry carries its running balance and its link in the account's hash chain, as
        the service books them (bobudget.funds.rules), so the validator finds the demo whole.
        """
        rows = self.rows
        officer = rows.pick(self.staff.funds_officers)[0]
        balance = 0
        voucher = 0
        chain = GENESIS_HASH

        def sealed(row_id: int) -> None:
            nonlocal chain
            row = rows.get(FundsTransaction, row_id)
            chain = row["entry_hash"] = entry_hash(chain, ledger_entry_from_row(row))

        for entry in entries:
            amount = entry.amount_ore
            if balance + amount < 0:
                if entry.kind != EntryKind.CASH:
                    continue  # a bill the account cannot cover waits; it is not paid on credit
                amount = -(balance // 100_00 * 100_00)
                if amount == 0:
                    continue
            balance += amount
            voucher += 1
            is_cash = entry.kind == EntryKind.CASH
            row_id = rows.add(
                FundsTransaction,
                entry.day,
                account_id=account_id,
                voucher_number=voucher,
                entry_date=entry.day,
                amount_ore=amount,
                kind=entry.kind,
                category=entry.category,
                counterparty=entry.counterparty,
                note=entry.note,
                handed_out_by=officer if is_cash else "",
                receipt_signed=is_cash and rows.chance(0.97),
                covers_month=entry.covers_month,
                balance_after_ore=balance,
            )
            sealed(row_id)
        if closed is not None and balance > 0:
            row_id = rows.add(
                FundsTransaction,
                closed,
                account_id=account_id,
                voucher_number=voucher + 1,
                entry_date=closed,
                amount_ore=-balance,
                kind=EntryKind.PAYMENT,
                category="avslut",
                counterparty="Klientens eget konto",
                note="Saldot överfört till klienten när fullmakten upphörde.",
                balance_after_ore=0,
            )
            sealed(row_id)
