"""`bobudget user show` and `bobudget user set`: one's own name, phone and e-mail for letters."""

from __future__ import annotations

import argparse
from typing import Any

from bobudget.app.users import own_details, set_own_details
from bobudget.cli.common import add_db_option, open_for_command


def register(commands: Any) -> None:
    user = commands.add_parser(
        "user",
        help="dina egna uppgifter som handläggare i brev (namn, telefon, e-post)",
        description="Breven undertecknas av den inloggade användaren: namn och telefonnummer "
        "hämtas från programmets användarlista.",
    )
    actions = user.add_subparsers(dest="user_command", metavar="ÅTGÄRD", parser_class=type(user))
    actions.required = True
    show = actions.add_parser("show", help="visa dina uppgifter")
    add_db_option(show)
    show.set_defaults(handler=run_show)
    change = actions.add_parser("set", help="ändra dina uppgifter")
    change.add_argument("--full-name", required=True, metavar="NAMN", help="för- och efternamn")
    change.add_argument("--phone", required=True, metavar="TELEFON", help="telefonnummer")
    change.add_argument("--email", default=None, metavar="E-POST", help="e-postadress")
    add_db_option(change)
    change.set_defaults(handler=run_set)


def run_show(args: argparse.Namespace) -> int:
    db = open_for_command(args)
    try:
        officer = own_details(db)
    finally:
        db.dispose()
    print(f"Användare: {officer.username}")
    print(f"Namn:      {officer.full_name or '(saknas)'}")
    print(f"Telefon:   {officer.phone or '(saknas)'}")
    print(f"E-post:    {officer.email or '(saknas)'}")
    return 0


def run_set(args: argparse.Namespace) -> int:
    db = open_for_command(args)
    try:
        email = args.email if args.email is not None else own_details(db).email
        officer = set_own_details(db, full_name=args.full_name, phone=args.phone, email=email)
    finally:
        db.dispose()
    print(f"Sparade uppgifterna för {officer.username}: {officer.full_name}, {officer.phone}.")
    return 0
