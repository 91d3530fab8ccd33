"""Egna medel export: an account's entries for a period to XLSX or CSV, with balances.

The file starts from the balance before the period and runs the balance down the entries in
date order, so that it reads like a bank statement and sums to the closing balance.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from bobudget.db.access import record_access
from bobudget.db.engine import Database
from bobudget.funds.reports import entries_between, opening_balance
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.formatting import format_date, format_timestamp
from bobudget.kernel.spreadsheet import CellValue, write_csv_rows, write_xlsx
from bobudget.model.funds import ManagedFundsAccount
from bobudget.model.vocab import AccessKind, EntryKind

__all__ = ["EXPORT_HEADERS", "export_entries"]

EXPORT_HEADERS = (
    "Verifikation",
    "Datum",
    "Typ",
    "Kategori",
    "Motpart",
    "Avser månad",
    "Anteckning",
    "Belopp (kr)",
    "Saldo (kr)",
    "Utlämnat av",
    "Kvitto signerat",
    "Rättar verifikation",
    "Rättad av verifikation",
    "Registrerad av",
    "Registrerad",
)


def export_entries(db: Database, account_id: int, first: dt.date, last: dt.date, path: Path) -> int:
    """Write the entries dated `first`…`last` to `path` (.xlsx or .csv); returns how many.

    CSV is UTF-8 (with the byte-order mark Excel needs to read å, ä, ö), ';'-separated, with
    a header row and amounts written 1234,50. XLSX has amounts as numbers Excel can sum.
    Both are given the same typed values: the CSV writer (kernel/spreadsheet.py) neutralises
    text that could run as a formula and leaves the amounts and dates numbers.
    """
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ValidationError(
            f"Filen {path.name} ska sluta på .xlsx (Excel) eller .csv. Välj ett av dem."
        )
    if last < first:
        raise ValidationError(
            f"Perioden slutar ({format_date(last)}) före den börjar ({format_date(first)}). "
            "Rätta datumen."
        )
    with db.sessions() as session:
        account = session.get(ManagedFundsAccount, account_id)
        if account is None:
            raise NotFoundError("Kontot finns inte längre i databasen.")
        person_id = account.person_id
        balance = opening_balance(session, account_id, first)
        entries = entries_between(session, account_id, first, last)

    def money(ore: int) -> CellValue:
        # Two decimals kept: Decimal(-24900).scaleb(-2) is -249.00, written -249,00 in CSV.
        return Decimal(ore).scaleb(-2)

    opening: list[CellValue] = ["", first, "Ingående saldo", "", "", None, "", None]
    opening.append(money(balance))
    opening.extend([None] * (len(EXPORT_HEADERS) - len(opening)))
    rows: list[list[CellValue]] = [opening]
    for e in entries:
        balance += e.amount_ore
        rows.append(
            [
                e.voucher_number,
                e.entry_date,
                e.kind_label,
                e.category_label,
                e.counterparty,
                f"{e.covers_month:%Y-%m}" if e.covers_month else None,
                e.note,
                money(e.amount_ore),
                money(balance),
                e.handed_out_by or None,
                ("ja" if e.receipt_signed else "nej") if e.kind == EntryKind.CASH else None,
                e.reverses_voucher,
                e.reversed_by_voucher,
                e.created_by,
                # Local time as text in both: Excel has no time zones.
                format_timestamp(e.created_at),
            ]
        )
    if suffix == ".xlsx":
        write_xlsx(path, EXPORT_HEADERS, rows)
    else:
        _write_csv(path, EXPORT_HEADERS, rows)
    record_access(db, AccessKind.EXPORT, [person_id], f"egna medel, konto {account_id}")
    return len(entries)


def _write_csv(path: Path, headers: Sequence[str], rows: Sequence[Sequence[CellValue]]) -> None:
    """Whole or not at all: a temporary file beside it, renamed when complete."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ValidationError(f"Mappen {folder} finns inte. Välj en mapp som finns.")
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as out:
            write_csv_rows(out, headers, rows)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ValidationError(
            f"Filen {path} kan inte sparas ({error.strerror}). Stäng filen om den är öppen i "
            "Excel, eller välj en annan mapp."
        ) from None
