"""`bobudget admin purge --preview|--execute --as-of DATE`: gallring after DOMAIN.md.

The preview prints ids and reasons only (a terminal's scrollback is no place for names);
`--namn` adds the names for the administrator who must check the list. `--execute` shows the
same list and asks before deleting, unless `--ja` is given (scripts).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from bobudget.cli.common import add_db_option, open_for_command, write_table
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.formatting import parse_date_input
from bobudget.retention.purge import Preview, preview, purge


def add_purge_commands(sub: Any) -> None:
    parser = sub.add_parser(
        "purge",
        help="gallring: förhandsvisa eller gallra personer vars akter ska gallras",
        description="Gallrar akter fem år efter senaste anteckningen (inte personer födda den "
        "5:e, 15:e eller 25:e, inte medan egna medel-bokföring ska sparas). Förhandsvisa "
        "först med --preview.",
    )
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--preview", action="store_true", help="visa vilka som ska gallras")
    what.add_argument("--execute", action="store_true", help="gallra (frågar först)")
    parser.add_argument(
        "--as-of", metavar="DATUM", default=None, help="gallra per denna dag (annars i dag)"
    )
    parser.add_argument("--namn", action="store_true", help="visa namnen i förhandsvisningen")
    parser.add_argument("--ja", action="store_true", help="fråga inte innan gallringen")
    add_db_option(parser)
    parser.set_defaults(handler=run_purge)


def _as_of(text: str | None) -> dt.date:
    today = dt.date.today()
    if text is None:
        return today
    try:
        day = parse_date_input(text, today)
    except ValidationError as error:
        raise ValidationError(f"--as-of: {error}") from None
    return day or today


def _print_preview(found: Preview, with_names: bool) -> None:
    headers = ["Personer (id)", "Senaste anteckning", "Gallras från", "Senast", "Rader", "Skäl"]
    if with_names:
        headers.insert(1, "Namn")
    rows: list[list[Any]] = []
    for candidate in found.due:
        row: list[Any] = [
            ", ".join(map(str, candidate.person_ids)),
            candidate.last_entry,
            candidate.verdict.due_from,
            candidate.verdict.deadline,
            candidate.rows,
            candidate.verdict.reason,
        ]
        if with_names:
            row.insert(1, ", ".join(candidate.names))
        rows.append(row)
    if rows:
        write_table(headers, rows)
    persons = len(found.person_ids)
    print(f"\n{persons} personer ({len(found.due)} grupper) ska gallras per {found.as_of}.")
    for ground, count in sorted(found.kept.items()):
        print(f"Sparas: {ground}: {count} grupper.")


def run_purge(args: argparse.Namespace) -> int:
    as_of = _as_of(args.as_of)
    db = open_for_command(args)
    try:
        found = preview(db, as_of, with_names=args.namn)
        _print_preview(found, args.namn)
        if args.preview or not found.due:
            return 0
        if not args.ja:
            if not sys.stdin.isatty():
                print(
                    "bobudget: gallringen måste bekräftas; kör i en terminal eller ange --ja.",
                    file=sys.stderr,
                )
                return 2
            answer = input(
                f"Gallra {len(found.person_ids)} personer och alla deras uppgifter? "
                "Det går inte att ångra. Skriv ja: "
            )
            if answer.strip().lower() != "ja":
                print("Ingenting gallrades.")
                return 1
        result = purge(db, as_of, expected_person_ids=found.person_ids)
        print(f"Gallrade {result.persons} personer ({result.rows} rader).")
        return 0
    finally:
        db.dispose()
