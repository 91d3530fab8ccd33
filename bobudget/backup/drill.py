"""The restore drill: restore a backup into an empty scratch database and compare.

Every table's row count, every egna medel account's balance (the sum of its entries and the
balance the last voucher carries) and its hash chain (the last entry's hash, and the validator
over the restored ledger: bobudget funds check) are compared with the database the backup was
taken from. A difference anywhere fails the drill. The scratch database is a temporary SQLite
file, or on PostgreSQL a database created for the drill on the same server and dropped after.
"""

from __future__ import annotations

import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, func, inspect, select, table, text
from sqlalchemy.engine import URL

from bobudget.backup.copies import Progress, backup, restore
from bobudget.db.engine import Database, connect
from bobudget.funds.check import check_funds
from bobudget.kernel.errors import DomainError
from bobudget.kernel.money import format_amount
from bobudget.model import FundsTransaction

__all__ = ["DrillLine", "DrillResult", "drill", "scratch_database"]


@dataclass(frozen=True)
class DrillLine:
    what: str
    original: str
    restored: str

    @property
    def same(self) -> bool:
        return self.original == self.restored


@dataclass(frozen=True)
class DrillResult:
    lines: list[DrillLine]

    @property
    def ok(self) -> bool:
        return all(line.same for line in self.lines)

    @property
    def differences(self) -> int:
        return sum(not line.same for line in self.lines)


def _counts(connection: Connection, names: list[str]) -> dict[str, int]:
    return {
        name: int(connection.execute(select(func.count()).select_from(table(name))).scalar() or 0)
        for name in names
    }


def _accounts(connection: Connection) -> dict[int, tuple[str, str]]:
    """Per account: (balance as the sum of its entries / as its last voucher says, chain head)."""
    t = FundsTransaction.__table__
    sums = dict(
        connection.execute(
            select(t.c.account_id, func.sum(t.c.amount_ore)).group_by(t.c.account_id)
        ).all()
    )
    last = (
        select(t.c.account_id, func.max(t.c.voucher_number).label("voucher"))
        .group_by(t.c.account_id)
        .subquery()
    )
    heads = connection.execute(
        select(t.c.account_id, t.c.balance_after_ore, t.c.entry_hash).join(
            last, (last.c.account_id == t.c.account_id) & (last.c.voucher == t.c.voucher_number)
        )
    ).all()
    return {
        account: (
            f"{format_amount(int(sums.get(account) or 0))} / {format_amount(int(balance))}",
            str(entry_hash)[:16],
        )
        for account, balance, entry_hash in heads
    }


def _table_names(db: Database) -> list[str]:
    return sorted(inspect(db.engine).get_table_names())


def compare(original: Database, restored: Database) -> DrillResult:
    lines: list[DrillLine] = []
    names = sorted(set(_table_names(original)) | set(_table_names(restored)))
    with original.engine.connect() as a, restored.engine.connect() as b:
        have_a, have_b = set(_table_names(original)), set(_table_names(restored))
        counts_a = _counts(a, [n for n in names if n in have_a])
        counts_b = _counts(b, [n for n in names if n in have_b])
        for name in names:
            lines.append(
                DrillLine(
                    f"Tabell {name} (rader)",
                    str(counts_a.get(name, "saknas")),
                    str(counts_b.get(name, "saknas")),
                )
            )
        accounts_a, accounts_b = _accounts(a), _accounts(b)
    missing = ("saknas", "saknas")
    for account in sorted(set(accounts_a) | set(accounts_b)):
        mine, theirs = accounts_a.get(account, missing), accounts_b.get(account, missing)
        lines.append(
            DrillLine(f"Konto {account} saldo (summa / sista verifikation)", mine[0], theirs[0])
        )
        lines.append(DrillLine(f"Konto {account} hashkedja (sista)", mine[1], theirs[1]))
    checked_a, checked_b = check_funds(original), check_funds(restored)
    lines.append(
        DrillLine(
            "Hashkedjor och verifikationer (fel enligt funds check)",
            str(len(checked_a.problems)),
            str(len(checked_b.problems)),
        )
    )
    return DrillResult(lines)


def _admin_url(url: URL) -> URL:
    return url.set(database="postgres")


@contextmanager
def scratch_database(original: Database) -> Iterator[Database]:
    """An empty database of the same kind, gone afterwards."""
    if original.is_sqlite:
        with tempfile.TemporaryDirectory(prefix="bobudget-drill-") as folder:
            path = Path(folder) / "provaterstallning.db"
            scratch = connect(URL.create("sqlite", database=str(path)))
            try:
                yield scratch
            finally:
                scratch.dispose()
        return
    name = f"bobudget_drill_{secrets.token_hex(6)}"
    admin = connect(_admin_url(original.url))
    try:
        with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            try:
                c.execute(text(f'CREATE DATABASE "{name}"'))
            except Exception:
                raise DomainError(
                    "Provåterställningen kunde inte skapa en tillfällig databas på servern. "
                    "Användaren behöver rätten CREATEDB (eller kör provet som administratör)."
                ) from None
        scratch = connect(original.url.set(database=name))
        try:
            yield scratch
        finally:
            scratch.dispose()
            with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def drill(
    original: Database,
    file: Path,
    *,
    take_backup: bool = False,
    progress: Progress | None = None,
) -> DrillResult:
    """Restore `file` (first written from `original` when `take_backup`) into a scratch
    database and compare it with `original`."""
    if take_backup:
        backup(original, file, progress)
    with scratch_database(original) as scratch:
        restore(scratch, file, progress=progress)
        return compare(original, scratch)
