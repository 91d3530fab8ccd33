"""`bobudget db upgrade` and `bobudget db status`."""

from __future__ import annotations

import argparse
import json
from typing import Any

from bobudget.cli.common import (
    add_db_option,
    add_format_option,
    backup_sentence,
    open_for_command,
)
from bobudget.db.status import database_status

COUNT_LABELS = {
    "persons": "Personer",
    "households": "Hushåll",
    "decisions": "Beslut",
    "contracts": "Kontrakt",
    "managed_funds_accounts": "Konton egna medel",
    "funds_transactions": "Transaktioner egna medel",
    "printed_letters": "Utskrivna brev",
}


def register(commands: Any) -> None:
    db = commands.add_parser("db", help="skapa, uppgradera och visa databasen")
    sub = db.add_subparsers(dest="db_command", metavar="DB-KOMMANDO", parser_class=type(db))
    sub.required = True

    upgrade = sub.add_parser(
        "upgrade", help="skapa databasen eller uppgradera den till programmets version"
    )
    add_db_option(upgrade)
    upgrade.set_defaults(handler=run_upgrade)

    status = sub.add_parser("status", help="visa databastyp, plats, schemaversion och antal rader")
    add_db_option(status)
    add_format_option(status, ["table", "json"])
    status.set_defaults(handler=run_status)


def run_upgrade(args: argparse.Namespace) -> int:
    db = open_for_command(args, upgrade=True, on_backup=lambda p: print(backup_sentence(p)))
    try:
        status = database_status(db)
    finally:
        db.dispose()
    print(f"Databasen är uppgraderad till schemaversion {status.revision} ({status.location}).")
    return 0


def run_status(args: argparse.Namespace) -> int:
    db = open_for_command(args, upgrade=False)
    try:
        status = database_status(db)
    finally:
        db.dispose()
    if args.format == "json":
        print(
            json.dumps(
                {
                    "engine": status.engine,
                    "location": status.location,
                    "revision": status.revision,
                    "head": status.head,
                    "up_to_date": status.up_to_date,
                    "demo": status.demo,
                    "counts": status.counts,
                    **status.counts,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    print(f"Databastyp:      {status.engine}{' (DEMO)' if status.demo else ''}")
    print(f"Plats:           {status.location}")
    if status.revision is None:
        print("Schemaversion:   ingen (tom databas – kör 'bobudget db upgrade')")
    elif status.up_to_date:
        print(f"Schemaversion:   {status.revision} (aktuell)")
    else:
        print(
            f"Schemaversion:   {status.revision} (programmet har {status.head}: "
            "kör 'bobudget db upgrade')"
        )
    for key, count in status.counts.items():
        print(f"{COUNT_LABELS.get(key, key) + ':':<17}{count}")
    return 0
