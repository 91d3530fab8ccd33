"""`bobudget log access` (the unit manager's follow-up of who saw which person) and
`bobudget log changes` (the change trail of one person or by one user).

Only the unit manager and administrators read the access log; an export of it (`--out`, or
CSV on standard output) is itself written to the access log.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from bobudget.app.audit_log import (
    EXPORT_HEADERS,
    AccessFilter,
    access_entries,
    access_rows,
    access_sample,
    change_history,
    check_reviewer,
    export_accesses,
)
from bobudget.cli.common import add_db_option, open_for_command, write_csv, write_table
from bobudget.db.access import record_access
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.formatting import format_timestamp
from bobudget.model.vocab import AccessKind

# What the command line shows at most without --sample (the window pages through the rest).
LISTED_AT_MOST = 10_000


def register(commands: Any) -> None:
    log = commands.add_parser(
        "log",
        help="loggranskning: vem som sett vilka personer, och ändringshistoriken",
    )
    actions = log.add_subparsers(dest="log_command", metavar="ÅTGÄRD", parser_class=type(log))
    actions.required = True
    access = actions.add_parser(
        "access", help="åtkomstloggen (bara enhetschef och systemadministratör)"
    )
    access.add_argument("--user", metavar="ANVÄNDARNAMN", help="bara denna användares åtkomster")
    access.add_argument("--person", type=int, metavar="ID", help="bara åtkomster till personen")
    access.add_argument("--from", dest="first", metavar="ÅÅÅÅ-MM-DD", help="från och med dag")
    access.add_argument("--to", dest="last", metavar="ÅÅÅÅ-MM-DD", help="till och med dag")
    access.add_argument(
        "--sample", type=int, metavar="N", help="ett slumpvis urval av N åtkomster att granska"
    )
    access.add_argument(
        "--skyddade", action="store_true", help="bara åtkomster till skyddade personer"
    )
    access.add_argument("--format", choices=["table", "csv"], default="table", help="utdataformat")
    access.add_argument("--out", type=Path, metavar="FIL", help="spara som .csv eller .xlsx")
    add_db_option(access)
    access.set_defaults(handler=run_access)
    changes = actions.add_parser("changes", help="ändringshistoriken för en person eller användare")
    which = changes.add_mutually_exclusive_group(required=True)
    which.add_argument("--person", type=int, metavar="ID", help="personens id (BU-nummer)")
    which.add_argument("--user", metavar="ANVÄNDARNAMN", help="allt en användare ändrat")
    changes.add_argument("--format", choices=["table", "csv"], default="table", help="utdataformat")
    add_db_option(changes)
    changes.set_defaults(handler=run_changes)


def _date(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            f"{option} {text!r} är inget datum. Skriv det som ÅÅÅÅ-MM-DD, t.ex. 2026-11-30."
        ) from None


def run_access(args: argparse.Namespace) -> int:
    f = AccessFilter(
        user=args.user,
        person_id=args.person,
        first=_date(args.first, "--from"),
        last=_date(args.last, "--to"),
        protected_only=args.skyddade,
    )
    db = open_for_command(args)
    try:
        check_reviewer(db)
        if args.sample is not None:
            lines = access_sample(db, f, args.sample)
        else:
            lines = access_entries(db, f, limit=LISTED_AT_MOST)
        if args.out is not None:
            count = export_accesses(db, lines, args.out)
            print(f"Sparade {count} åtkomster i {args.out}.", file=sys.stderr)
            return 0
        if args.format == "csv":
            write_csv(EXPORT_HEADERS, access_rows(lines))
            record_access(
                db,
                AccessKind.EXPORT,
                [line.person_id for line in lines] or [None],
                f"loggranskning, {len(lines)} rader",
            )
        else:
            write_table(EXPORT_HEADERS, access_rows(lines))
    finally:
        db.dispose()
    return 0


CHANGE_HEADERS = ("Tid", "Användare", "Person (id)", "Vad", "Rad", "Fält", "Före", "Efter")


def run_changes(args: argparse.Namespace) -> int:
    db = open_for_command(args)
    try:
        lines = change_history(db, person_id=args.person, user=args.user, limit=LISTED_AT_MOST)
    finally:
        db.dispose()
    rows = [
        [
            format_timestamp(line.at),
            line.full_name,
            line.person_id,
            line.what,
            line.row_id,
            line.field,
            line.old,
            line.new,
        ]
        for line in lines
    ]
    (write_csv if args.format == "csv" else write_table)(CHANGE_HEADERS, rows)
    return 0
