"""`bobudget import FIL`: persons and contracts from the lists the unit keeps today."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from bobudget.cli.common import add_db_option, open_for_command
from bobudget.cli.confirm import add_responsible_option, checked_responsible
from bobudget.importing.reader import checked_file, write_import


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "import",
        help="importera personer och kontrakt från en CSV- eller XLSX-fil",
        description=(
            "Importerar personer och kontrakt från en lista i CSV- eller XLSX-format. Hela "
            "filen kontrolleras först: finns ett enda fel sparas ingenting, och varje felaktig "
            "rad visas med radnummer och orsak. Samma fil kan importeras igen utan att något "
            "blir dubbelt."
        ),
        epilog=(
            "Kolumner (i valfri ordning, stora eller små bokstäver, med eller utan å, ä, ö): "
            "personnummer, efternamn, fornamn, kontraktstyp (socialt, bostadssocialt, "
            "bostad_forst eller tillfalligt), startdatum, slutdatum (frivillig), adress, "
            "postnummer, ort, hyresvard, manadshyra och skyddade_personuppgifter (ja/nej, "
            "frivillig). Datum skrivs ÅÅÅÅ-MM-DD, belopp i kronor som 1 234,50."
        ),
    )
    parser.add_argument("file", metavar="FIL", help="CSV- eller XLSX-filen som ska importeras")
    add_responsible_option(parser, "de nya kontrakten", "ingen")
    add_db_option(parser)
    parser.set_defaults(handler=run_import)


def run_import(args: argparse.Namespace) -> int:
    today = dt.date.today()
    # The file is read and checked before the database is opened: a bad file costs no login.
    with checked_file(Path(args.file), today) as checked:
        db = open_for_command(args)
        try:
            responsible = checked_responsible(db, args.ansvarig)
            result = write_import(db, checked.rows, today, responsible=responsible)
        finally:
            db.dispose()
    print(result.summary)
    ignored = checked.ignored_columns
    if ignored:
        print(
            f"Obs: {'kolumnen' if len(ignored) == 1 else 'kolumnerna'} {', '.join(ignored)} "
            "lästes inte (okänt namn)."
        )
    return 0
