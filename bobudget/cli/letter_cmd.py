"""`bobudget letter` (one letter, or the list of kinds) and `bobudget letters renewals`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from bobudget.app.letters import (
    LetterRequest,
    letter_kinds,
    produce_letter,
    record_batch,
    render_batch,
    renewal_letters_due,
    stale_warning,
    write_pdf,
)
from bobudget.cli.common import add_db_option, open_for_command
from bobudget.db.settings_in_use import effective_settings
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.formatting import parse_named_date
from bobudget.letters.kinds import get_kind
from bobudget.letters.placeholders import Slot
from bobudget.persons.registry import find_person_id

SLOT_USAGE = {
    Slot.TEXT: "{{{name}}}",
    Slot.FLAG: "@om {name}",
    Slot.LIST: "@lista {name}",
    Slot.TABLE: "@tabell {name}: …",
}
PROTECTED_WARNING = (
    "Obs! Skyddade personuppgifter: brevet är adresserat till Skatteverkets förmedling. "
    "Lägg det i ett innerkuvert märkt med namn och personnummer."
)


def register(commands: Any) -> None:
    letter = commands.add_parser(
        "letter",
        help="skriv ett brev för en person till en PDF-fil, eller lista brevtyperna",
        description="Skriver brevet för personens aktuella kontrakt, placering, möte eller "
        "konto till en PDF-fil och för in det i brevloggen.",
    )
    letter.add_argument("kind", nargs="?", metavar="BREVTYP", help="se --list")
    letter.add_argument("--list", action="store_true", help="visa brevtyperna, en per rad")
    letter.add_argument(
        "--placeholders",
        action="store_true",
        help="visa platshållarna som brevtypens mall kan använda (för den som ändrar mallar)",
    )
    letter.add_argument("--person", metavar="PERSONNUMMER", help="vem brevet gäller")
    letter.add_argument("--out", metavar="FIL.pdf", type=Path, help="PDF-filen att skriva")
    letter.add_argument(
        "--month", metavar="ÅÅÅÅ-MM", help="kontoutdragets månad (annars förra månaden)"
    )
    letter.add_argument("--date", metavar="ÅÅÅÅ-MM-DD", help="brevets datum (annars i dag)")
    letter.add_argument(
        "--force",
        action="store_true",
        help="skriv brevet även om det gäller något som redan har passerat (ett hållet möte, "
        "en period som har tagit slut)",
    )
    add_db_option(letter)
    letter.set_defaults(handler=run_letter, parser=letter)

    letters = commands.add_parser("letters", help="skriv många brev på en gång till en PDF-fil")
    batches = letters.add_subparsers(
        dest="letters_command", metavar="OMGÅNG", parser_class=type(letters)
    )
    batches.required = True
    renewals = batches.add_parser(
        "renewals",
        help="förlängningsbrev för tillfälligt boende som ska skickas",
        description="Ett brev för varje registrerad förlängning av tillfälligt boende vars nya "
        "period börjar inom DAGAR dagar och som inte redan har fått sitt förlängningsbrev.",
    )
    renewals.add_argument("--within", type=int, required=True, metavar="DAGAR")
    renewals.add_argument("--out", metavar="FIL.pdf", type=Path, required=True)
    renewals.add_argument("--date", metavar="ÅÅÅÅ-MM-DD", help="räkna från detta datum (i dag)")
    add_db_option(renewals)
    renewals.set_defaults(handler=run_renewals)


def run_letter(args: argparse.Namespace) -> int:
    if args.list:
        width = max(len(kind_id) for kind_id, _ in letter_kinds())
        for kind_id, name in letter_kinds():
            print(f"{kind_id.ljust(width)}  {name}")
        return 0
    if args.placeholders and args.kind:
        for placeholder in get_kind(args.kind).placeholders.values():
            usage = SLOT_USAGE[placeholder.slot].format(name=placeholder.name)
            print(f"{usage:<28}  {placeholder.description}")
        return 0
    if not args.kind or not args.person or not args.out:
        args.parser.error("ange BREVTYP, --person och --out (eller --list)")
    kind = get_kind(args.kind)
    today = _date(args.date)
    month = _month(args.month) if args.month else None
    out: Path = args.out
    written = False

    def deliver(pdf: bytes) -> None:
        nonlocal written
        write_pdf(out, pdf)
        written = True

    db = open_for_command(args)
    try:
        settings = effective_settings(db)
        request = LetterRequest(kind.id, find_person_id(db, args.person, today), month=month)
        stale = stale_warning(db, settings, request, today=today)
        if stale and not args.force:
            print(f"bobudget: {stale} Skriv ut det ändå med --force.", file=sys.stderr)
            return 1
        letter = produce_letter(db, settings, request, today=today, deliver=deliver)
    except BaseException:
        if written:  # written, but the log's commit failed: no letter outside the log
            out.unlink(missing_ok=True)
        raise
    finally:
        db.dispose()
    if letter.protected:
        print(PROTECTED_WARNING, file=sys.stderr)
    print(f"Skrev {kind.name.lower()} till {out} ({_pages(letter.pages)}).")
    return 0


def run_renewals(args: argparse.Namespace) -> int:
    today = _date(args.date)
    out: Path = args.out
    db = open_for_command(args)
    try:
        settings = effective_settings(db)
        due = renewal_letters_due(db, on=today, within_days=args.within)
        requests = due.requests
        if due.skipped:
            print(due.skipped_text, file=sys.stderr)
        if not requests:
            print(f"Inga förlängningsbrev att skriva ut inom {args.within} dagar från {today}.")
            return 0
        batch = render_batch(db, settings, requests, today=today)
        write_pdf(out, batch.pdf)
        try:
            record_batch(db, settings, batch)
        except BaseException:
            out.unlink(missing_ok=True)
            raise
    finally:
        db.dispose()
    if batch.protected_count:
        print(
            f"Obs! {batch.protected_count} av breven gäller personer med skyddade "
            "personuppgifter: de är adresserade till Skatteverkets förmedling och ska läggas "
            "i innerkuvert märkta med namn och personnummer.",
            file=sys.stderr,
        )
    print(f"Skrev {len(requests)} förlängningsbrev ({_pages(batch.pages)}) till {out}.")
    return 0


def _pages(count: int) -> str:
    return "1 sida" if count == 1 else f"{count} sidor"


def _date(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    return parse_named_date(text, "Datumet", dt.date.today())


def _month(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(f"{text}-01")
    except ValueError:
        raise ValidationError(
            f"Månaden '{text}' kan inte läsas. Skriv den som ÅÅÅÅ-MM, t.ex. 2026-10."
        ) from None
