"""`bobudget meeting record`: a start-up meeting or a follow-up recorded as held, with the
window's date rules: a day still to come is refused, a day long past needs --bekrafta."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from bobudget.cli.common import add_db_option, open_for_command
from bobudget.cli.confirm import add_confirm_option, require_confirmed
from bobudget.follow_up.follow_ups import FollowUpRecord
from bobudget.follow_up.meeting_record import (
    HELD_LABEL,
    record_follow_up_of_contract,
    record_startup_held,
)
from bobudget.follow_up.rules import held_date_question
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.formatting import parse_date_input

_KINDS = ("startup", "follow-up")


def register(commands: Any) -> None:
    meeting = commands.add_parser(
        "meeting", help="möten: registrera ett uppstartsmöte eller uppföljningsmöte som hållet"
    )
    sub = meeting.add_subparsers(
        dest="meeting_command", metavar="MEETING-KOMMANDO", parser_class=type(meeting)
    )
    sub.required = True
    record = sub.add_parser(
        "record",
        help="registrera att ett möte hölls",
        description="startup: dagen kontraktets uppstartsmöte hölls och vilka som deltog "
        "(checklistan bockas av och mötet avslutas i fönstret). follow-up: kontraktets nästa "
        "uppföljningsmöte som hållet; nästa bokas automatiskt. Ett möte kan inte registreras "
        "som hållet en dag som ännu inte kommit; en mötesdag mer än 60 dagar bakåt sparas "
        "bara med --bekrafta.",
    )
    record.add_argument("kind", choices=_KINDS, help="startup (uppstartsmöte) eller follow-up")
    record.add_argument(
        "--contract", required=True, type=int, metavar="KONTRAKT", help="kontraktets nummer"
    )
    record.add_argument("--date", metavar="ÅÅÅÅ-MM-DD", help="dagen mötet hölls (annars i dag)")
    record.add_argument("--participants", required=True, metavar="TEXT", help="vilka som deltog")
    record.add_argument("--notes", default="", metavar="TEXT", help="anteckningar (follow-up)")
    record.add_argument(
        "--outcome", default="", metavar="TEXT", help="resultat och plan (follow-up)"
    )
    add_confirm_option(record)
    add_db_option(record)
    record.set_defaults(handler=run_record)


def run_record(args: argparse.Namespace) -> int:
    today = dt.date.today()
    try:
        held = parse_date_input(args.date, today) if args.date else today
    except ValidationError as error:
        raise ValidationError(f"--date: {error}") from None
    assert held is not None
    require_confirmed([held_date_question(held, today)], args.bekrafta)
    db = open_for_command(args)
    try:
        if args.kind == "startup":
            meeting_id = record_startup_held(
                db, args.contract, held, args.participants, today=today
            )
            print(f"Uppstartsmöte {meeting_id}: hållet {held.isoformat()}.")
        else:
            record = FollowUpRecord(held, args.participants, args.notes, args.outcome)
            follow_up_id, result = record_follow_up_of_contract(
                db, args.contract, record, today=today
            )
            booked = (
                f" Nästa uppföljning bokad {result.next_due.isoformat()}."
                if result.next_due is not None
                else ""
            )
            print(f"Uppföljningsmöte {follow_up_id}: hållet {held.isoformat()}.{booked}")
    except ValidationError as error:
        if error.field_errors and error.field_errors[0].field == HELD_LABEL:
            raise ValidationError(f"{HELD_LABEL} (--date): {error}") from None
        raise
    finally:
        db.dispose()
    return 0
