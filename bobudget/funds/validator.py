"""The egna medel validator: every problem in an account's ledger, as a list.

Like beancount's validators it never stops at the first problem and never raises: it returns
what it found, so `bobudget funds check` can list it all. Pure: the caller loads the entries.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bobudget.funds.rules import (
    ENTRY_KINDS,
    GENESIS_HASH,
    KIND_LABELS,
    AccountFacts,
    LedgerEntry,
    category_of,
    direction_of_kind,
    entry_hash,
)
from bobudget.kernel.formatting import format_date
from bobudget.kernel.money import format_amount

__all__ = ["Problem", "check_ledger"]

_Report = Callable[[int | None, str], None]


@dataclass(frozen=True)
class Problem:
    """Something in the ledger that must not be: where, and what, in Swedish."""

    account_id: int
    voucher_number: int | None
    message: str

    def __str__(self) -> str:
        where = f"konto {self.account_id}"
        if self.voucher_number is not None:
            where += f", verifikation {self.voucher_number}"
        return f"{where}: {self.message}"


def check_ledger(account: AccountFacts, entries: Sequence[LedgerEntry]) -> list[Problem]:
    """Every problem in one account's ledger; an empty list when it accounts for every öre.

    Checks that the vouchers run 1…n, that each entry's stored running balance is the sum of
    the entries up to it, that no entry changed after it was made (the hash chain), that the
    balance never was negative at any point in time, that each reversal cancels an existing
    entry of the account exactly and once, and that each entry fits its kind, category and the
    power of attorney.
    """
    ordered = sorted(entries, key=lambda e: (e.voucher_number, e.id))
    problems: list[Problem] = []

    def problem(voucher: int | None, message: str) -> None:
        problems.append(Problem(account.id, voucher, message))

    _check_sequence(ordered, problem)
    _check_chain(ordered, problem)
    _check_never_negative(ordered, problem)
    _check_reversals(ordered, problem)
    for entry in ordered:
        _check_entry(account, entry, problem)
    return problems


def _check_sequence(ordered: Sequence[LedgerEntry], problem: _Report) -> None:
    seen: set[int] = set()
    for entry in ordered:
        if entry.voucher_number in seen:
            problem(entry.voucher_number, "verifikationsnumret förekommer mer än en gång.")
        seen.add(entry.voucher_number)
    if not seen:
        return
    missing = sorted(set(range(1, max(seen) + 1)) - seen)
    for first, last in _runs(missing):
        numbers = str(first) if first == last else f"{first}–{last}"
        problem(None, f"verifikation {numbers} saknas: numreringen har en lucka.")


def _runs(numbers: Sequence[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def _check_chain(ordered: Sequence[LedgerEntry], problem: _Report) -> None:
    balance = 0
    previous_hash = GENESIS_HASH
    balance_reported = False
    for entry in ordered:
        balance += entry.amount_ore
        if entry.balance_after_ore != balance and not balance_reported:
            # Reported once: every later running balance is off by the same amount.
            balance_reported = True
            problem(
                entry.voucher_number,
                f"sparat saldo {format_amount(entry.balance_after_ore)} stämmer inte med "
                f"summan av transaktionerna, {format_amount(balance)}.",
            )
        if entry_hash(previous_hash, entry) != entry.entry_hash:
            problem(
                entry.voucher_number,
                "transaktionen har ändrats efter att den bokfördes (kontrollsumman stämmer inte).",
            )
        previous_hash = entry.entry_hash


def _check_never_negative(ordered: Sequence[LedgerEntry], problem: _Report) -> None:
    balance = 0
    for entry in sorted(ordered, key=lambda e: (e.entry_date, e.voucher_number, e.id)):
        balance += entry.amount_ore
        if balance < 0:
            problem(
                entry.voucher_number,
                f"saldot blir negativt den {format_date(entry.entry_date)}: "
                f"{format_amount(balance)}.",
            )
            return


def _check_reversals(ordered: Sequence[LedgerEntry], problem: _Report) -> None:
    by_id = {e.id: e for e in ordered}
    reversed_by: dict[int, int] = {}
    for entry in ordered:
        if entry.kind != "reversal":
            if entry.reverses_id is not None:
                problem(
                    entry.voucher_number, "pekar på en annan transaktion utan att vara en rättelse."
                )
            continue
        original = by_id.get(entry.reverses_id) if entry.reverses_id is not None else None
        if original is None:
            problem(
                entry.voucher_number,
                "rättelsen pekar inte på någon transaktion i kontot.",
            )
            continue
        if original.kind == "reversal":
            problem(entry.voucher_number, "rättelsen rättar en annan rättelse.")
        if entry.amount_ore != -original.amount_ore:
            problem(
                entry.voucher_number,
                f"rättelsen på {format_amount(entry.amount_ore)} tar inte exakt ut "
                f"verifikation {original.voucher_number} på {format_amount(original.amount_ore)}.",
            )
        if (
            original.voucher_number >= entry.voucher_number
            or original.entry_date > entry.entry_date
        ):
            problem(entry.voucher_number, "rättelsen ligger före den transaktion den rättar.")
        if original.id in reversed_by:
            problem(
                entry.voucher_number,
                f"verifikation {original.voucher_number} är redan rättad av verifikation "
                f"{reversed_by[original.id]}.",
            )
        reversed_by.setdefault(original.id, entry.voucher_number)


def _check_entry(account: AccountFacts, entry: LedgerEntry, problem: _Report) -> None:
    voucher = entry.voucher_number
    if entry.amount_ore == 0:
        problem(voucher, "beloppet är noll.")
    if entry.kind not in ENTRY_KINDS:
        problem(voucher, f"okänd transaktionstyp '{entry.kind}'.")
    elif entry.kind != "reversal":
        direction = direction_of_kind(entry.kind)
        if (entry.amount_ore > 0) != (direction == "income") and entry.amount_ore != 0:
            problem(voucher, f"beloppet har fel tecken för en {KIND_LABELS[entry.kind].lower()}.")
        category = category_of(entry.category)
        if category is None:
            problem(voucher, f"okänd kategori '{entry.category}'.")
        elif category.direction != direction:
            problem(
                voucher,
                f"kategorin {category.label} passar inte en {KIND_LABELS[entry.kind].lower()}.",
            )
    if entry.entry_date < account.power_of_attorney_start:
        problem(voucher, "datumet ligger före fullmaktens början.")
    end = account.power_of_attorney_end
    if end is not None and entry.entry_date > end:
        problem(voucher, "datumet ligger efter fullmaktens slut.")
    if account.closed_date is not None and entry.entry_date > account.closed_date:
        problem(voucher, "datumet ligger efter att kontot avslutades.")
