"""The egna medel validator over the database: every account's ledger, and the audit trail.

`bobudget funds check` runs it; so can the window and the tests. It reads, never writes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import Connection, func, select

from bobudget.db.engine import Database
from bobudget.db.uow import PURGE_AUDIT_ACTION
from bobudget.funds import rules
from bobudget.funds.validator import Problem, check_ledger
from bobudget.model import AuditEntry
from bobudget.model.funds import FundsTransaction, ManagedFundsAccount, Reconciliation

__all__ = ["FundsCheck", "check_funds"]

Progress = Callable[[int, int], None]

_AUDIT_DETAIL_RE = re.compile(r"konto (\d+), verifikation (\d+)")


@dataclass(frozen=True)
class FundsCheck:
    accounts: int
    entries: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _entries_by_account(
    connection: Connection, account_id: int | None
) -> Iterator[tuple[int, list[rules.LedgerEntry]]]:
    """Each account's entries in voucher order, streamed: a million rows never sit in memory."""
    table = FundsTransaction.__table__
    stmt = select(table)
    if account_id is not None:
        stmt = stmt.where(table.c.account_id == account_id)
    stmt = stmt.order_by(table.c.account_id, table.c.voucher_number, table.c.id)
    current: int | None = None
    batch: list[rules.LedgerEntry] = []
    result = connection.execution_options(yield_per=5000).execute(stmt)
    for row in result:
        entry = rules.ledger_entry_from_row(row._mapping)
        if entry.account_id != current:
            if current is not None:
                yield current, batch
            current, batch = entry.account_id, []
        batch.append(entry)
    if current is not None:
        yield current, batch


def check_funds(
    db: Database, *, account_id: int | None = None, progress: Progress | None = None
) -> FundsCheck:
    """Run the ledger validator over every account (or one) and return what it found."""
    problems: list[Problem] = []
    entries = 0
    with db.engine.connect() as connection:
        accounts_stmt = select(ManagedFundsAccount.__table__)
        if account_id is not None:
            accounts_stmt = accounts_stmt.where(ManagedFundsAccount.id == account_id)
        facts = {
            row.id: rules.AccountFacts(
                id=row.id,
                power_of_attorney_start=row.power_of_attorney_start,
                power_of_attorney_end=row.power_of_attorney_end,
                closed_date=row.closed_date,
            )
            for row in connection.execute(accounts_stmt)
        }
        total = len(facts)
        for done, (holder, ledger) in enumerate(
            _entries_by_account(connection, account_id), start=1
        ):
            entries += len(ledger)
            problems.extend(check_ledger(facts[holder], ledger))
            if progress is not None:
                progress(done, total)
        problems.extend(_missing_booked_entries(connection, account_id))
        problems.extend(_shorter_than_reconciled(connection, account_id))
    problems.sort(key=lambda p: (p.account_id, p.voucher_number or 0))
    return FundsCheck(accounts=len(facts), entries=entries, problems=problems)


def _missing_booked_entries(connection: Connection, account_id: int | None) -> list[Problem]:
    """Entries the audit trail says were booked but the ledger no longer holds.

    The hash chain shows an entry changed, and the voucher sequence a gap; an entry deleted
    from the end of a ledger leaves neither, but its booking is still in the audit trail.
    """
    booked = connection.execute(
        select(AuditEntry.entity_id, AuditEntry.detail).where(
            AuditEntry.entity == "funds_transaction",
            AuditEntry.entity_id.is_not(None),
            AuditEntry.entity_id.not_in(select(FundsTransaction.id)),
        )
    ).all()
    # Accounts purged by gallring (bobudget/retention): their ledgers went by law.
    purged = set(
        connection.scalars(
            select(AuditEntry.entity_id).where(AuditEntry.action == PURGE_AUDIT_ACTION)
        )
    )
    problems = []
    for entry_id, detail in booked:
        match = _AUDIT_DETAIL_RE.search(detail or "")
        holder = int(match.group(1)) if match else 0
        if (account_id is not None and holder != account_id) or holder in purged:
            continue
        voucher = int(match.group(2)) if match else None
        problems.append(
            Problem(
                holder,
                voucher,
                f"transaktionen (id {entry_id}) bokfördes enligt loggen men finns inte längre "
                "i kontot.",
            )
        )
    return problems


def _shorter_than_reconciled(connection: Connection, account_id: int | None) -> list[Problem]:
    """A ledger that ends before a voucher a reconciliation already saw has lost entries."""
    last = (
        select(
            FundsTransaction.account_id,
            func.max(FundsTransaction.voucher_number).label("voucher"),
        )
        .group_by(FundsTransaction.account_id)
        .subquery()
    )
    stmt = (
        select(
            Reconciliation.account_id,
            func.max(Reconciliation.last_voucher_number),
            func.max(func.coalesce(last.c.voucher, 0)),
        )
        .outerjoin(last, last.c.account_id == Reconciliation.account_id)
        .group_by(Reconciliation.account_id)
    )
    if account_id is not None:
        stmt = stmt.where(Reconciliation.account_id == account_id)
    return [
        Problem(
            holder,
            None,
            f"avstämningen såg verifikation {seen}, men kontot slutar på verifikation {have}.",
        )
        for holder, seen, have in connection.execute(stmt)
        if seen > have
    ]
