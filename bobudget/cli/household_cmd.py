"""`bobudget household`: who lives in a person's household; add, end and mark the applicant."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from bobudget.cli.common import (
    add_db_option,
    add_format_option,
    open_for_command,
    write_csv,
    write_table,
)
from bobudget.db.engine import Database
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.formatting import parse_date_input
from bobudget.model.vocab import HouseholdRole
from bobudget.persons.households import (
    HouseholdView,
    MemberView,
    NewChild,
    add_child,
    add_member,
    end_membership,
    get_household,
    make_applicant,
)
from bobudget.persons.registry import find_person_id

HEADERS = ("roll", "personnummer", "namn", "fodd", "fran", "till", "bor_dar")
_ROLES = {str(r): r for r in HouseholdRole if r != HouseholdRole.APPLICANT}


def register(commands: Any) -> None:
    household = commands.add_parser(
        "household",
        help="hushållets medlemmar: lista, lägg till, avsluta, sökande",
        description="Vilka som bor i en persons hushåll (sökande, medsökande, barn, övriga) "
        "med datum in och ut. Beslutets hushållsstorlek ('1 vuxen, 2 barn') och kontraktets "
        "'De som bor i lägenheten' hämtas härifrån.",
    )
    sub = household.add_subparsers(
        dest="household_command", metavar="HOUSEHOLD-KOMMANDO", parser_class=type(household)
    )
    sub.required = True

    listing = sub.add_parser("list", help="hushållets medlemmar, sökanden först")
    _person(listing)
    listing.add_argument("--date", metavar="ÅÅÅÅ-MM-DD", help="vem som bor där den dagen")
    add_format_option(listing, ("table", "csv"))
    add_db_option(listing)
    listing.set_defaults(handler=run_list)

    add = sub.add_parser("add", help="lägg till en person som redan finns i registret")
    _person(add)
    _member(add)
    add.add_argument("--role", choices=sorted(_ROLES), default="child", help="rollen i hushållet")
    add.add_argument("--from", dest="first", metavar="ÅÅÅÅ-MM-DD", help="inflyttning (i dag)")
    add_db_option(add)
    add.set_defaults(handler=run_add)

    child = sub.add_parser("add-child", help="registrera ett nytt barn i hushållet")
    _person(child)
    child.add_argument("--first-name", required=True, metavar="FÖRNAMN")
    child.add_argument("--last-name", required=True, metavar="EFTERNAMN")
    child.add_argument("--birth", metavar="ÅÅÅÅ-MM-DD", help="födelsedatum (utan personnummer)")
    child.add_argument("--identity", metavar="PERSONNUMMER", default="", help="om barnet har ett")
    child.add_argument("--from", dest="first", metavar="ÅÅÅÅ-MM-DD", help="inflyttning (i dag)")
    add_db_option(child)
    child.set_defaults(handler=run_add_child)

    end = sub.add_parser("end", help="avsluta ett medlemskap: sista dagen medlemmen bor där")
    _person(end)
    _member(end)
    end.add_argument("--date", required=True, metavar="ÅÅÅÅ-MM-DD", help="sista dagen")
    add_db_option(end)
    end.set_defaults(handler=run_end)

    applicant = sub.add_parser(
        "applicant", help="gör en vuxen medlem till sökande (den förra blir medsökande)"
    )
    _person(applicant)
    _member(applicant)
    add_db_option(applicant)
    applicant.set_defaults(handler=run_applicant)


def _person(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--person", required=True, metavar="PERSONNUMMER", help="en medlem i hushållet"
    )


def _member(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--member", required=True, metavar="PERSONNUMMER", help="medlemmens personnummer"
    )


def _date(text: str | None, option: str, today: dt.date) -> dt.date | None:
    if text is None:
        return None
    try:
        return parse_date_input(text, today)
    except ValidationError as error:
        raise ValidationError(f"{option}: {error}") from None


def _household(db: Database, args: argparse.Namespace, today: dt.date) -> HouseholdView:
    return get_household(db, find_person_id(db, args.person, today), today)


def _member_of(db: Database, household: HouseholdView, text: str, today: dt.date) -> MemberView:
    person_id = find_person_id(db, text, today)
    for m in household.members:
        if m.person_id == person_id:
            return m
    raise NotFoundError(
        f"{text} är inte medlem i hushållet. Lista medlemmarna med 'bobudget household list'."
    )


def run_list(args: argparse.Namespace) -> int:
    today = dt.date.today()
    day = _date(args.date, "--date", today) or today
    db = open_for_command(args)
    try:
        household = _household(db, args, day)
    finally:
        db.dispose()
    rows = [
        [
            m.role_label,
            m.identity,
            m.name,
            m.birth_date,
            m.from_date,
            m.to_date,
            "ja" if m.current else "nej",
        ]
        for m in household.members
    ]
    (write_csv if args.format == "csv" else write_table)(HEADERS, rows)
    if args.format != "csv":
        print(f"Hushållet {day.isoformat()}: {household.size.text}.")
    return 0


def run_add(args: argparse.Namespace) -> int:
    today = dt.date.today()
    first = _date(args.first, "--from", today) or today
    db = open_for_command(args)
    try:
        household = _household(db, args, today)
        member_id = find_person_id(db, args.member, today)
        add_member(db, household.id, household.version, member_id, _ROLES[args.role], first)
        after = _household(db, args, today)
    finally:
        db.dispose()
    print(f"Medlemmen lades till från {first.isoformat()}. Hushållet: {after.size.text}.")
    return 0


def run_add_child(args: argparse.Namespace) -> int:
    today = dt.date.today()
    birth = _date(args.birth, "--birth", today)
    first = _date(args.first, "--from", today)
    db = open_for_command(args)
    try:
        household = _household(db, args, today)
        data = NewChild(args.first_name, args.last_name, birth, args.identity, first)
        person_id = add_child(db, household.id, household.version, data)
        after = _household(db, args, today)
    finally:
        db.dispose()
    added = next(m for m in after.members if m.person_id == person_id)
    print(f"Barnet registrerades med nummer {added.identity}. Hushållet: {after.size.text}.")
    return 0


def run_end(args: argparse.Namespace) -> int:
    today = dt.date.today()
    last = _date(args.date, "--date", today)
    assert last is not None  # required
    db = open_for_command(args)
    try:
        household = _household(db, args, today)
        member = _member_of(db, household, args.member, today)
        end_membership(db, member.id, member.version, last)
    finally:
        db.dispose()
    print(f"{member.name} bor i hushållet till och med {last.isoformat()}.")
    return 0


def run_applicant(args: argparse.Namespace) -> int:
    today = dt.date.today()
    db = open_for_command(args)
    try:
        household = _household(db, args, today)
        member = _member_of(db, household, args.member, today)
        make_applicant(db, member.id, member.version)
    finally:
        db.dispose()
    print(f"{member.name} är nu hushållets sökande.")
    return 0
