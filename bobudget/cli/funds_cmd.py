"""`bobudget funds check` (the ledger validator) and `bobudget funds export` (XLSX or CSV)."""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bobudget.cli.common import add_db_option, open_for_command
from bobudget.db.engine import Database
from bobudget.funds.check import check_funds
from bobudget.funds.export import export_entries
from bobudget.kernel.errors import NotFoundError
from bobudget.kernel.formatting import parse_named_date
from bobudget.model.funds import ManagedFundsAccount
from bobudget.persons.registry import find_person_id


def register(commands: Any) -> None:
    funds = commands.add_parser("funds", help="egna medel: kontrollera bokföringen, exportera")
    sub = funds.add_subparsers(
        dest="funds_command", metavar="FUNDS-KOMMANDO", parser_class=type(funds)
    )
    sub.required = True

    check = sub.add_parser(
        "check",
        help="kontrollera att varje konto för egna medel stämmer på öret",
        description="Kontrollerar varje konto: att saldot är summan av transaktionerna, att "
        "verifikationerna saknar luckor, att saldot aldrig varit negativt, att varje rättelse "
        "tar ut en transaktion exakt, och att ingen transaktion ändrats efter att den "
        "bokfördes. Avslutar med kod 1 och listar felen om något inte stämmer.",
    )
    add_db_option(check)
    check.set_defaults(handler=run_check)

    export = sub.add_parser(
        "export",
        help="exportera ett kontos transaktioner för en period till XLSX eller CSV",
    )
    export.add_argument(
        "--account",
        required=True,
        metavar="KONTO",
        help="kontots nummer, eller kontohavarens personnummer (då det senaste kontot)",
    )
    export.add_argument("--from", dest="first", required=True, metavar="ÅÅÅÅ-MM-DD")
    export.add_argument("--to", dest="last", required=True, metavar="ÅÅÅÅ-MM-DD")
    export.add_argument(
        "--out", required=True, type=Path, metavar="FIL", help="filen att skriva (.xlsx eller .csv)"
    )
    add_db_option(export)
    export.set_defaults(handler=run_export)


def run_check(args: argparse.Namespace) -> int:
    db = open_for_command(args)
    try:
        result = check_funds(db)
    finally:
        db.dispose()
    if result.ok:
        print(
            f"Egna medel stämmer: {result.accounts} konton och {result.entries} transaktioner "
            "kontrollerade, inga fel."
        )
        return 0
    for problem in result.problems:
        print(f"FEL {problem}")
    count = len(result.problems)
    print(
        f"{count} fel i egna medel ({result.accounts} konton, "
        f"{result.entries} transaktioner kontrollerade)."
    )
    return 1


def _date(text: str, what: str) -> dt.date:
    return parse_named_date(text, what, dt.date.today())


def _account_id(db: Database, text: str) -> int:
    text = text.strip()
    if re.fullmatch(r"[0-9]{1,7}", text):
        account_id = int(text)
        with db.sessions() as session:
            if session.get(ManagedFundsAccount, account_id) is None:
                raise NotFoundError(f"Det finns inget konto för egna medel med nummer {text}.")
        return account_id
    person_id = find_person_id(db, text)
    with db.sessions() as session:
        found = session.scalar(
            select(ManagedFundsAccount.id)
            .where(ManagedFundsAccount.person_id == person_id)
            .order_by(
                ManagedFundsAccount.closed_date.is_not(None),
                ManagedFundsAccount.power_of_attorney_start.desc(),
            )
            .limit(1)
        )
    if found is None:
        raise NotFoundError(f"Personen {text} har inget konto för egna medel.")
    return found


def run_export(args: argparse.Namespace) -> int:
    first = _date(args.first, "Från-datumet")
    last = _date(args.last, "Till-datumet")
    db = open_for_command(args)
    try:
        account_id = _account_id(db, args.account)
        count = export_entries(db, account_id, first, last, args.out)
    finally:
        db.dispose()
    print(f"{count} transaktioner skrevs till {args.out}.")
    return 0
