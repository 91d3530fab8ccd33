"""`bobudget survey` and `bobudget lettings`: what the statistics are told by hand.

`survey add|remove|list --week 2026-W45`: persons counted in the homelessness survey's week
without being tracked in the program (usually situations 2 and 4, from other units).
`lettings set --year 2026 --total 412`: the municipal housing company's lettings that year.
The reports themselves run through `bobudget report <key>`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from typing import Any

from bobudget.cli.common import (
    add_db_option,
    add_format_option,
    open_for_command,
    write_csv,
    write_table,
)
from bobudget.kernel.errors import ValidationError
from bobudget.statistics.inputs import (
    SITUATIONS,
    add_survey_entry,
    lettings_of,
    list_survey_entries,
    remove_survey_entry,
    set_lettings,
)

_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


def parse_week(text: str) -> dt.date:
    """The Monday of an ISO week written 2026-W45 (or 2026W45)."""
    match = _WEEK.match(text.strip())
    if match is not None:
        try:
            return dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            pass
    raise ValidationError(
        f"--week: {text!r} är ingen vecka. Skriv år och veckonummer, till exempel 2026-W45."
    )


def register(commands: Any) -> None:
    survey = commands.add_parser(
        "survey",
        help="kartläggningen: personer som läggs in för hand för mätveckan",
        description="Personer som räknas i kartläggningen av hemlöshet utan att finnas i "
        "programmet (oftast situation 2 och 4, från andra enheter). Rapporten tas fram med "
        "'bobudget report survey'.",
    )
    sub = survey.add_subparsers(
        dest="survey_command", metavar="SURVEY-KOMMANDO", parser_class=type(survey)
    )
    sub.required = True

    add = sub.add_parser("add", help="lägg till en person för veckan")
    _week(add)
    add.add_argument("--person", required=True, metavar="PERSONNUMMER")
    add.add_argument(
        "--situation",
        required=True,
        type=int,
        choices=sorted(SITUATIONS),
        help="; ".join(f"{n}: {label}" for n, label in SITUATIONS.items()),
    )
    add.add_argument(
        "--with-children", action="store_true", help="har barn under 18 år i hushållet"
    )
    add.add_argument("--source", default="", metavar="TEXT", help="varifrån uppgiften kommer")
    add.add_argument("--note", default="", metavar="TEXT", help="anteckning")
    add_db_option(add)
    add.set_defaults(handler=run_add)

    remove = sub.add_parser("remove", help="ta bort en inlagd person (nummer från list)")
    remove.add_argument("--id", required=True, type=int, metavar="NUMMER")
    add_db_option(remove)
    remove.set_defaults(handler=run_remove)

    listing = sub.add_parser("list", help="de personer som lagts in för veckan")
    _week(listing)
    add_format_option(listing, ("table", "csv"))
    add_db_option(listing)
    listing.set_defaults(handler=run_list)

    lettings = commands.add_parser(
        "lettings",
        help="det kommunala bostadsbolagets uthyrningar per år",
        description="Bostadsbolagets totala antal uthyrningar ett år, som bolaget rapporterar "
        "det. Andelen till sociala behov räknas i 'bobudget report bostad-forst'.",
    )
    lsub = lettings.add_subparsers(
        dest="lettings_command", metavar="LETTINGS-KOMMANDO", parser_class=type(lettings)
    )
    lsub.required = True
    put = lsub.add_parser("set", help="ange årets totala antal uthyrningar")
    put.add_argument("--year", required=True, type=int, metavar="ÅR")
    put.add_argument("--total", required=True, type=int, metavar="ANTAL")
    add_db_option(put)
    put.set_defaults(handler=run_lettings_set)
    show = lsub.add_parser("list", help="de år som har ett antal")
    add_format_option(show, ("table", "csv"))
    add_db_option(show)
    show.set_defaults(handler=run_lettings_list)


def _week(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--week", required=True, metavar="ÅÅÅÅ-Wnn", help="mätveckan")


def run_add(args: argparse.Namespace) -> int:
    week = parse_week(args.week)
    db = open_for_command(args)
    try:
        entry_id, _changes = add_survey_entry(
            db,
            week,
            args.person,
            args.situation,
            with_children=args.with_children,
            source=args.source,
            note=args.note,
            today=dt.date.today(),
        )
    finally:
        db.dispose()
    print(f"Inlagd i kartläggningen för vecka {args.week} (nummer {entry_id}).")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    db = open_for_command(args)
    try:
        remove_survey_entry(db, args.id)
    finally:
        db.dispose()
    print(f"Borttagen ur kartläggningen (nummer {args.id}).")
    return 0


def run_list(args: argparse.Namespace) -> int:
    week = parse_week(args.week)
    db = open_for_command(args)
    try:
        entries = list_survey_entries(db, week)
    finally:
        db.dispose()
    headers = ("nummer", "personnummer", "situation", "barn_under_18", "kalla", "anteckning")
    rows = [
        (e.id, e.identity, e.situation, "ja" if e.with_children else "nej", e.source, e.note)
        for e in entries
    ]
    (write_csv if args.format == "csv" else write_table)(headers, rows)
    return 0


def run_lettings_set(args: argparse.Namespace) -> int:
    db = open_for_command(args)
    try:
        set_lettings(db, args.year, args.total)
    finally:
        db.dispose()
    print(f"Bostadsbolagets uthyrningar {args.year}: {args.total}.")
    return 0


def run_lettings_list(args: argparse.Namespace) -> int:
    db = open_for_command(args)
    try:
        totals = lettings_of(db)
    finally:
        db.dispose()
    rows = [(year, total) for year, total in totals.items()]
    (write_csv if args.format == "csv" else write_table)(("ar", "uthyrningar"), rows)
    return 0
