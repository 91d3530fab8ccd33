"""`bobudget admin user add|disable|grant|revoke|protected|list`: the users' accounts and roles."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bobudget.admin.accounts import (
    ADVISORY_NOTE,
    add_user,
    change_role,
    disable_user,
    list_users,
    set_protected,
)
from bobudget.cli.common import add_db_option, open_for_command, write_table
from bobudget.db.engine import Database
from bobudget.kernel.errors import ValidationError
from bobudget.model.vocab import UserRole

ROLE_CHOICES = [str(role) for role in UserRole]


def _role_option(parser: argparse.ArgumentParser, *, many: bool) -> None:
    parser.add_argument(
        "--role",
        required=True,
        action="append" if many else "store",
        choices=ROLE_CHOICES,
        metavar="ROLL",
        help="en av: " + ", ".join(ROLE_CHOICES) + (" (kan anges flera gånger)" if many else ""),
    )


def add_user_commands(sub: Any) -> None:
    user = sub.add_parser(
        "user",
        help="användarnas konton: lägg till, stäng av, ge och ta roller, lista",
        description="Varje användare loggar in i PostgreSQL med en egen inloggning som är "
        "medlem i grupprollerna för sina roller. I en lokal SQLite-fil är rollerna vägledande.",
    )
    actions = user.add_subparsers(dest="user_action", metavar="ÅTGÄRD", parser_class=type(user))
    actions.required = True
    add = actions.add_parser(
        "add",
        help="lägg till en användare och hens inloggning (eller bara inloggningen, för en "
        "användare som redan finns i personallistan)",
    )
    add.add_argument("login", metavar="LOGIN", help="inloggningsnamnet, t.ex. anna.berg")
    add.add_argument("--name", required=True, metavar="NAMN", help='"Förnamn Efternamn"')
    _role_option(add, many=True)
    add.add_argument(
        "--skyddade",
        action="store_true",
        help="användaren får se personer med skyddade personuppgifter",
    )
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="läs lösenordet från standard in (aldrig på kommandoraden); utan det loggar "
        "användaren in med Kerberos/GSSAPI",
    )
    add.add_argument("--phone", default="", metavar="TELEFON", help="telefonnummer")
    add.add_argument("--email", default="", metavar="E-POST", help="e-postadress")
    add_db_option(add)
    add.set_defaults(handler=run_add)
    disable = actions.add_parser("disable", help="stäng av en användare (kan inte logga in)")
    disable.add_argument("login", metavar="LOGIN")
    add_db_option(disable)
    disable.set_defaults(handler=run_disable)
    for verb, what in (("grant", "ge användaren en roll"), ("revoke", "ta en roll från")):
        change = actions.add_parser(verb, help=what)
        change.add_argument("login", metavar="LOGIN")
        _role_option(change, many=False)
        add_db_option(change)
        change.set_defaults(handler=run_change, grant=verb == "grant")
    protected = actions.add_parser(
        "protected", help="ge eller ta rätten att se personer med skyddade personuppgifter"
    )
    protected.add_argument("login", metavar="LOGIN")
    choice = protected.add_mutually_exclusive_group(required=True)
    choice.add_argument("--ja", dest="named", action="store_true", help="får se dem")
    choice.add_argument("--nej", dest="named", action="store_false", help="får inte se dem")
    add_db_option(protected)
    protected.set_defaults(handler=run_protected)
    listing = actions.add_parser("list", help="lista användarna med roller")
    add_db_option(listing)
    listing.set_defaults(handler=run_list)


def _advise(db: Database) -> None:
    if db.is_sqlite:
        print(f"bobudget: {ADVISORY_NOTE}", file=sys.stderr)


def _password_from_stdin() -> str:
    line = sys.stdin.readline()
    password = line.rstrip("\r\n")
    if not password:
        raise ValidationError("Inget lösenord kom på standard in. Ingenting ändrades.")
    return password


def run_add(args: argparse.Namespace) -> int:
    password = _password_from_stdin() if args.password_stdin else None
    db = open_for_command(args)
    try:
        _advise(db)
        roles = [UserRole(role) for role in args.role]
        add_user(
            db,
            args.login,
            args.name,
            roles,
            protected_access=args.skyddade,
            password=password,
            phone=args.phone,
            email=args.email,
        )
    finally:
        db.dispose()
    print(f"Lade till {args.login.strip()} med roll: {', '.join(r.label for r in roles)}.")
    return 0


def run_disable(args: argparse.Namespace) -> int:
    db = open_for_command(args)
    try:
        _advise(db)
        member = disable_user(db, args.login)
    finally:
        db.dispose()
    print(f"{member.username} är avstängd: kan inte logga in och kan inte bli ansvarig.")
    return 0


def run_change(args: argparse.Namespace) -> int:
    db = open_for_command(args)
    try:
        _advise(db)
        member = change_role(db, args.login, UserRole(args.role), grant=args.grant)
    finally:
        db.dispose()
    print(f"{member.username} har nu roll: {', '.join(r.label for r in member.roles)}.")
    return 0


def run_protected(args: argparse.Namespace) -> int:
    db = open_for_command(args)
    try:
        _advise(db)
        member = set_protected(db, args.login, args.named)
    finally:
        db.dispose()
    seen = "får se" if member.protected_access else "får inte se"
    print(f"{member.username} {seen} personer med skyddade personuppgifter.")
    return 0


def run_list(args: argparse.Namespace) -> int:
    db = open_for_command(args)
    try:
        _advise(db)
        members = list_users(db)
    finally:
        db.dispose()
    write_table(
        ("Användarnamn", "Namn", "Roller", "Skyddade", "Aktiv"),
        [
            (
                m.username,
                m.full_name,
                ", ".join(r.label for r in m.roles),
                "ja" if m.protected_access else "nej",
                "ja" if m.active else "nej",
            )
            for m in members
        ],
    )
    return 0
