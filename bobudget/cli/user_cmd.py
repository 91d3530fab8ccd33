"""`bobudget user`: the staff list (list, add, deactivate) and one's own details (show, set).

Staff are the program's users: their names and phones sign the letters, and a case or a to-do
is assigned to one of them.
"""

from __future__ import annotations

import argparse
from typing import Any

from bobudget.app.users import (
    StaffInput,
    add_staff,
    deactivate_staff,
    list_staff,
    own_details,
    set_own_details,
)
from bobudget.cli.common import add_db_option, open_for_command, write_table
from bobudget.model.vocab import UserRole

ROLE_CHOICES = [str(role) for role in UserRole]


def register(commands: Any) -> None:
    user = commands.add_parser(
        "user",
        help="användarna (personalen) och dina egna uppgifter i brev",
        description="Personalen är programmets användare: breven undertecknas av den inloggade "
        "användaren med namn och telefonnummer ur användarlistan, och ärenden och uppgifter "
        "tilldelas en användare.",
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
    listing = actions.add_parser("list", help="lista alla användare")
    listing.add_argument(
        "--all", action="store_true", help="ta med inaktiverade användare (annars bara aktiva)"
    )
    add_db_option(listing)
    listing.set_defaults(handler=run_list)
    add = actions.add_parser("add", help="lägg till en användare")
    add.add_argument("username", metavar="ANVÄNDARNAMN", help="inloggningsnamnet, t.ex. anna.berg")
    add.add_argument("--full-name", required=True, metavar="NAMN", help="för- och efternamn")
    add.add_argument(
        "--role",
        required=True,
        choices=ROLE_CHOICES,
        metavar="ROLL",
        help="en av: " + ", ".join(ROLE_CHOICES),
    )
    add.add_argument("--phone", default="", metavar="TELEFON", help="telefonnummer")
    add.add_argument("--email", default="", metavar="E-POST", help="e-postadress")
    add_db_option(add)
    add.set_defaults(handler=run_add)
    deactivate = actions.add_parser(
        "deactivate",
        help="inaktivera en användare som slutat (hen tas aldrig bort: namnet står kvar "
        "på det hen gjort)",
    )
    deactivate.add_argument("username", metavar="ANVÄNDARNAMN")
    add_db_option(deactivate)
    deactivate.set_defaults(handler=run_deactivate)


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


def run_list(args: argparse.Namespace) -> int:
    db = open_for_command(args)
    try:
        members = list_staff(db, active_only=not args.all)
    finally:
        db.dispose()
    write_table(
        ("Användarnamn", "Namn", "Roll", "Telefon", "E-post", "Aktiv"),
        [
            (m.username, m.full_name, m.role.label, m.phone, m.email, "ja" if m.active else "nej")
            for m in members
        ],
    )
    return 0


def run_add(args: argparse.Namespace) -> int:
    db = open_for_command(args)
    try:
        data = StaffInput(args.full_name, args.phone, args.email, UserRole(args.role))
        add_staff(db, args.username, data)
    finally:
        db.dispose()
    print(f"Lade till {args.username.strip()} ({args.full_name.strip()}).")
    return 0


def run_deactivate(args: argparse.Namespace) -> int:
    db = open_for_command(args)
    try:
        member = deactivate_staff(db, args.username)
    finally:
        db.dispose()
    print(
        f"{member.username} ({member.display_name}) är inaktiverad: kan inte längre bli ansvarig. "
        "Det hen redan är ansvarig för står kvar tills det tilldelas någon annan."
    )
    return 0
