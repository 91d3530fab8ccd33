"""`bobudget calendar`: booked meetings as an iCalendar file (.ics) for Outlook.

The file holds no name, personnummer or address: the kind of meeting, the case reference
(BU-123), the place and the time (app/calendar_export.py says why).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from bobudget.app.calendar_export import MeetingFilter, export_calendar
from bobudget.cli.common import add_db_option, open_for_command
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.formatting import parse_date_input


def register(commands: Any) -> None:
    calendar = commands.add_parser(
        "calendar",
        help="bokade möten som kalenderfil (.ics) för Outlook",
        description="Skriver bokade uppstartsmöten, uppföljningsmöten, flerpartssamtal och "
        "förlängningar av tillfälligt boende till en iCalendar-fil. Händelserna har bara "
        "mötets slag, ärendereferensen (BU-nummer, sökbar i bobudget), platsen och tiden: "
        "aldrig namn, personnummer eller adress. Samma möte får samma UID varje gång, så en "
        "ny export uppdaterar kalendern i stället för att lägga till dubbletter.",
    )
    calendar.add_argument(
        "--out", required=True, type=Path, metavar="FIL.ics", help="kalenderfilen att skriva"
    )
    calendar.add_argument(
        "--user",
        metavar="ANVÄNDARNAMN",
        help="bara möten som användaren är ansvarig för (förlängningar har ingen ansvarig "
        "och kommer inte med)",
    )
    calendar.add_argument(
        "--from", dest="first", metavar="ÅÅÅÅ-MM-DD", help="första dagen (annars i dag)"
    )
    calendar.add_argument(
        "--to", dest="last", metavar="ÅÅÅÅ-MM-DD", help="sista dagen (annars alla framåt)"
    )
    add_db_option(calendar)
    calendar.set_defaults(handler=run_calendar)


def _date(text: str | None, option: str, today: dt.date) -> dt.date | None:
    if text is None:
        return None
    try:
        return parse_date_input(text, today)
    except ValidationError as error:
        raise ValidationError(f"{option}: {error}") from None


def run_calendar(args: argparse.Namespace) -> int:
    today = dt.date.today()
    first = _date(args.first, "--from", today) or today
    last = _date(args.last, "--to", today)
    user = args.user.strip() if args.user else None
    out: Path = args.out
    if out.suffix.lower() != ".ics":
        raise ValidationError(
            f"Kalenderfilen '{out}' ska sluta på .ics, så att Outlook känner igen den."
        )
    db = open_for_command(args)
    try:
        count = export_calendar(db, out, MeetingFilter(first=first, last=last, user=user or None))
    finally:
        db.dispose()
    print(f"{count} möten skrevs till {out}.")
    return 0
