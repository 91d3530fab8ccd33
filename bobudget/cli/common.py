"""What every command shares: the --db option, opening the database, table and CSV output."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from sqlalchemy.engine import URL

from bobudget.db.engine import Database
from bobudget.db.open import open_database
from bobudget.kernel.spreadsheet import CellValue, write_csv_rows
from bobudget.letters.unit_templates import carry_over

DB_HELP = (
    "databasens adress (annars BOBUDGET_DATABASE_URL, inställningarna eller den lokala filen); "
    "går före eller efter kommandot"
)


def add_db_option(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """`--db URL` before the command (`bobudget --db URL queue`) as well as after it.

    The command's own option leaves the value alone when it is not given (SUPPRESS): argparse
    would otherwise overwrite what was given before the command with the command's default.
    """
    parser.add_argument(
        "--db",
        metavar="URL",
        default=None if top_level else argparse.SUPPRESS,
        help=DB_HELP,
    )


def add_format_option(parser: argparse.ArgumentParser, choices: Sequence[str]) -> None:
    parser.add_argument("--format", choices=list(choices), default=choices[0], help="utdataformat")


def prompt_password(url: URL) -> str | None:
    """Ask at the terminal (never stored); without a terminal there is nobody to ask."""
    if not sys.stdin.isatty():
        return None
    return getpass.getpass(f"Lösenord för {url.username}@{url.host}/{url.database}: ") or None


def tell_backup(path: Path) -> None:
    """On stderr: a command's own output (CSV, JSON) stays as it is."""
    print(f"bobudget: {backup_sentence(path)}", file=sys.stderr)


def backup_sentence(path: Path) -> str:
    return f"Databasen kopierades före uppgraderingen till {path}."


def open_for_command(
    args: argparse.Namespace,
    *,
    upgrade: bool = True,
    on_backup: Callable[[Path], None] = tell_backup,
) -> Database:
    db = open_database(args.db, ask_password=prompt_password, upgrade=upgrade, on_backup=on_backup)
    if upgrade:
        tell_carry_over(db)
    return db


def tell_carry_over(db: Database) -> None:
    """The first open of a database without the unit's settings copies this PC's (once)."""
    carried = carry_over(db)
    if carried is not None:
        print(f"bobudget: {carried.message()}", file=sys.stderr)


def write_csv(headers: Sequence[str], rows: Iterable[Sequence[CellValue]]) -> None:
    """UTF-8, ';'-separated, with a header row: what Excel in Sweden reads.

    The rows hold typed values (dates as dates, counts as ints): the one CSV writer
    (kernel/spreadsheet.py) neutralises text that could run as a formula, and only text.
    """
    write_csv_rows(sys.stdout, headers, rows, lineterminator="\n")


def write_table(headers: Sequence[str], rows: Iterable[Sequence[CellValue]]) -> None:
    text_rows = [
        ["" if v is None else v.isoformat() if isinstance(v, dt.date) else str(v) for v in row]
        for row in rows
    ]
    widths = [len(h) for h in headers]
    for row in text_rows:
        widths = [max(w, len(v)) for w, v in zip(widths, row, strict=False)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=False)).rstrip())
    for row in text_rows:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=False)).rstrip())
