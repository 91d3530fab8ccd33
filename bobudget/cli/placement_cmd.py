"""`bobudget queue`, `placements` and `due`: the placement lists, as a table or as CSV."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from bobudget.app.due import due_items, due_types
from bobudget.cli.common import (
    add_db_option,
    add_format_option,
    open_for_command,
    write_csv,
    write_table,
)
from bobudget.db.access import record_access
from bobudget.db.settings_in_use import effective_settings
from bobudget.kernel.formatting import parse_named_date
from bobudget.kernel.money import format_amount, parse_amount_ore
from bobudget.kernel.periods import last_day
from bobudget.kernel.spreadsheet import CellValue
from bobudget.kernel.urgency import Urgency
from bobudget.model.vocab import AccessKind, CostUnit
from bobudget.placement.queue import QueueFilter, queue_rows
from bobudget.placement.rules import is_reportable
from bobudget.placement.temporary import ClientFee, set_client_fee
from bobudget.placement.temporary_list import active_placements, get_placement

QUEUE_HEADERS = (
    "personnummer",
    "namn",
    "beslutsdatum",
    "vantedagar",
    "tre_manader",
    "over_tre_manader",
    "enhet",
    "diarienummer",
    "behov",
    "erbjudanden",
    "senaste_erbjudande",
)
PLACEMENT_HEADERS = (
    "personnummer",
    "namn",
    "plats",
    "startdatum",
    "till_och_med",
    "forlangningar",
    "dagar_kvar",
    "atgard_senast",
    "paminnelse",
    "placering_sedan",
)
DUE_HEADERS = ("typ", "datum", "personnummer", "namn", "beskrivning")
_REMINDER_WORDS = {
    Urgency.TODAY: "ja",
    Urgency.SOON: "ja",
    Urgency.OVERDUE: "forsenad",
    Urgency.LATER: "nej",
    Urgency.DONE: "nej",
}


def _today() -> dt.date:
    return dt.date.today()


def _date(text: str | None) -> dt.date:
    if not text:
        return _today()
    return parse_named_date(text, "Datumet", _today())


def _date_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--date", metavar="ÅÅÅÅ-MM-DD", help=f"{what} (annars i dag)")


def register(commands: Any) -> None:
    queue = commands.add_parser(
        "queue",
        help="kön: hushåll med beslut om bostad som väntar, äldst beslut först",
        description="Ett rad per beslut om hjälp med bostadsanskaffning som ännu inte är "
        "verkställt, äldst beslut först, med väntetid i dagar. over_tre_manader är 'ja' när "
        "beslutet inte verkställts inom tre månader och ska rapporteras till IVO.",
    )
    _date_option(queue, "räkna väntetiden till detta datum")
    queue.add_argument("--unit", metavar="ENHET", default="", help="bara beslut från enheten")
    queue.add_argument("--rooms", metavar="RUM", type=int, help="bara hushåll som behöver RUM rum")
    add_format_option(queue, ("table", "csv"))
    add_db_option(queue)
    queue.set_defaults(handler=run_queue)

    placements = commands.add_parser(
        "placements",
        help="pågående placeringar i tillfälligt boende, den som slutar först överst",
        description="En rad per pågående placering i tillfälligt boende den dagen: den "
        "aktuella periodens start och slut, antal förlängningar hittills, dagar kvar och om "
        "placeringen är inom påminnelsefönstret. För personer med skyddade personuppgifter "
        "visas inte platsen.",
    )
    _date_option(placements, "visa placeringarna som de var eller är detta datum")
    add_format_option(placements, ("table", "csv"))
    add_db_option(placements)
    placements.set_defaults(handler=run_placements)

    fee = commands.add_parser(
        "placement-fee",
        help="egenavgiften som beslutet om tillfälligt boende anger för en placering",
        description="Sätt (eller ta bort) egenavgiften klienten betalar enligt beslutet, per "
        "månad eller per natt. Egenavgiften skrivs i placerings- och förlängningsbreven; "
        "platsens pris (kommunens kostnad) skrivs aldrig i ett brev till klienten.",
    )
    fee.add_argument("placement", metavar="PLACERING", type=int, help="placeringens nummer")
    amount = fee.add_mutually_exclusive_group(required=True)
    amount.add_argument(
        "--amount", metavar="BELOPP", help="avgiften i kronor, t.ex. 1500 eller 50,00"
    )
    amount.add_argument("--none", action="store_true", help="beslutet anger ingen egenavgift")
    fee.add_argument(
        "--per",
        choices=[str(u) for u in CostUnit],
        default=str(CostUnit.MONTH),
        help="month (per månad, normalt) eller night (per natt)",
    )
    add_db_option(fee)
    fee.set_defaults(handler=run_placement_fee)

    due = commands.add_parser(
        "due",
        help="det som infaller mellan ett datum och ett antal dagar framåt",
        description="Det som ska göras från DATUM till och med DATUM + DAGAR: förlängningar av "
        "tillfälligt boende (senast sista vardagen före periodens slut), övertagandeprövningar, "
        "beslut som passerar tre månader, uppstartsmöten, uppföljningar, omprövningar och "
        "flerpartssamtal. Typer: " + ", ".join(due_types()) + ".",
    )
    _date_option(due, "första dagen")
    due.add_argument(
        "--within",
        metavar="DAGAR",
        type=int,
        help="antal dagar framåt (annars inställningens påminnelsedagar, normalt 14)",
    )
    due.add_argument(
        "--overdue",
        action="store_true",
        help="ta också med det som skulle ha gjorts före datumet och ännu inte är gjort",
    )
    add_format_option(due, ("table", "csv"))
    add_db_option(due)
    due.set_defaults(handler=run_due)


def _write(args: argparse.Namespace, headers: tuple[str, ...], rows: list[list[CellValue]]) -> None:
    if args.format == "csv":
        write_csv(headers, rows)
    else:
        write_table(headers, rows)


def run_queue(args: argparse.Namespace) -> int:
    on = _date(args.date)
    db = open_for_command(args)
    try:
        rows = queue_rows(db, QueueFilter(unit=args.unit, rooms=args.rooms), on)
    finally:
        db.dispose()
    _write(
        args,
        QUEUE_HEADERS,
        [
            [
                r.personnummer,
                r.name,
                r.decision_date,
                r.waiting_days,
                r.three_months,
                "ja" if is_reportable(r.decision_date, None, on) else "nej",
                r.unit,
                r.reference,
                r.needs,
                r.offers,
                r.last_offer,
            ]
            for r in rows
        ],
    )
    return 0


def run_placement_fee(args: argparse.Namespace) -> int:
    fee = ClientFee() if args.none else ClientFee(parse_amount_ore(args.amount), args.per)
    db = open_for_command(args)
    try:
        detail = get_placement(db, args.placement, _today())
        set_client_fee(db, detail.contract_id, detail.version, fee)
    finally:
        db.dispose()
    if fee.ore is None:
        print(f"Placering {args.placement}: ingen egenavgift.")
    else:
        unit = CostUnit(fee.unit).label
        print(f"Placering {args.placement}: egenavgift {format_amount(fee.ore)} {unit}.")
    return 0


def run_placements(args: argparse.Namespace) -> int:
    on = _date(args.date)
    db = open_for_command(args)
    try:
        settings = effective_settings(db)
        # Before today: the periods in force then; from today on: as decided, renewals made in
        # advance and placements booked to start later included.
        rows = active_placements(db, on, _today(), reminder_days=settings.renewal_reminder_days)
    finally:
        db.dispose()
    _write(
        args,
        PLACEMENT_HEADERS,
        [
            [
                r.personnummer,
                r.name,
                r.place,
                r.period_start,
                last_day(r.period_end),
                r.renewals,
                r.days_left,
                r.action_date,
                _REMINDER_WORDS[r.mark],
                r.start_date,
            ]
            for r in rows
        ],
    )
    return 0


def run_due(args: argparse.Namespace) -> int:
    on = _date(args.date)
    db = open_for_command(args)
    try:
        settings = effective_settings(db)
        within = settings.renewal_reminder_days if args.within is None else args.within
        items = due_items(
            db,
            on,
            within,
            reminder_days=settings.renewal_reminder_days,
            include_overdue=args.overdue,
        )
        record_access(db, AccessKind.LIST_SHOWN, [i.person_id for i in items], "förfaller")
    finally:
        db.dispose()
    _write(
        args,
        DUE_HEADERS,
        [[i.typ, i.datum, i.personnummer, i.name, i.what] for i in items],
    )
    return 0
