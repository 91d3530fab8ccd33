"""`bobudget backup FILE`, `bobudget restore FILE` and the restore drill (`--drill`).

The drill restores the backup into an empty scratch database and prints, table by table and
account by account, what the database holds beside what the restored copy holds; it exits 1 on
any difference, so a scheduled drill that fails is seen.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from bobudget.backup.copies import backup, restore
from bobudget.backup.drill import DrillResult, drill
from bobudget.cli.common import add_db_option, open_for_command, write_table
from bobudget.db.migrate import head_revision


def register(commands: Any) -> None:
    taking = commands.add_parser(
        "backup",
        help="ta en säkerhetskopia av hela databasen",
        description="SQLite kopieras med SQLites säkerhetskopierings-API medan andra arbetar; "
        "PostgreSQL med pg_dump -Fc (lösenordet ur nyckelringen, aldrig på kommandoraden).",
    )
    taking.add_argument("file", metavar="FIL", help="filen som kopian skrivs till")
    taking.add_argument(
        "--drill",
        action="store_true",
        help="provåterställ kopian i en tom tillfällig databas och jämför efteråt",
    )
    add_db_option(taking)
    taking.set_defaults(handler=run_backup)
    putting = commands.add_parser(
        "restore",
        help="återställ databasen från en säkerhetskopia",
        description="Återställer till en tom databas; en databas med uppgifter ersätts bara "
        "med --ersatt. En kopia från en nyare version av bobudget vägras.",
    )
    putting.add_argument("file", metavar="FIL", help="säkerhetskopian")
    putting.add_argument(
        "--ersatt", action="store_true", help="ersätt allt som finns i databasen nu"
    )
    putting.add_argument(
        "--drill",
        action="store_true",
        help="återställ inte: provåterställ kopian i en tillfällig databas och jämför",
    )
    add_db_option(putting)
    putting.set_defaults(handler=run_restore)


def _print_drill(result: DrillResult) -> int:
    write_table(
        ["Jämförelse", "Databasen", "Återställd kopia", ""],
        [
            [line.what, line.original, line.restored, "lika" if line.same else "OLIKA"]
            for line in result.lines
        ],
    )
    if result.ok:
        print("\nProvåterställningen gick bra: allt stämmer.")
        return 0
    print(
        f"\nProvåterställningen misslyckades: {result.differences} skillnader. "
        "Säkerhetskopian går inte att lita på; ta en ny och prova igen.",
        file=sys.stderr,
    )
    return 1


def run_backup(args: argparse.Namespace) -> int:
    db = open_for_command(args)
    try:
        file = Path(args.file)
        if args.drill:
            return _print_drill(drill(db, file, take_backup=True))
        backup(db, file)
        print(f"Säkerhetskopian skrevs till {file}.")
        return 0
    finally:
        db.dispose()


def run_restore(args: argparse.Namespace) -> int:
    # Not upgraded on opening: the target is about to be replaced, and may be empty.
    db = open_for_command(args, upgrade=False)
    try:
        file = Path(args.file)
        if args.drill:
            return _print_drill(drill(db, file))
        revision = restore(db, file, replace=args.ersatt)
        print(f"Databasen återställdes från {file}.")
        if revision != head_revision():
            print(
                f"Kopian har schemaversion {revision}; databasen uppgraderas till "
                f"{head_revision()} nästa gång programmet öppnar den."
            )
        return 0
    finally:
        db.dispose()
