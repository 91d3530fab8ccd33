"""`bobudget temporary place|renew|end`: temporary housing from the command line, through the
same services and the same date rules as the window's Placera…, Förläng and Avsluta."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from bobudget.cli.common import add_db_option, open_for_command
from bobudget.cli.confirm import (
    add_confirm_option,
    add_responsible_option,
    checked_responsible,
    require_confirmed,
)
from bobudget.db.engine import Database
from bobudget.db.settings_in_use import effective_settings
from bobudget.kernel.errors import NotFoundError, ValidationError
from bobudget.kernel.formatting import parse_date_input
from bobudget.kernel.periods import last_day
from bobudget.model.vocab import ContractBasis, DecisionKind
from bobudget.persons.registry import find_person_id
from bobudget.placement.decisions import waiting_decisions
from bobudget.placement.rules import backdated_start_question, past_end_question
from bobudget.placement.temporary import (
    DecisionFacts,
    PlacementInput,
    end_placement,
    place_person,
    renew_placement,
)
from bobudget.placement.temporary_list import get_placement
from bobudget.placement.temporary_places import list_places

_BASES = {"beslut": ContractBasis.DECISION, "upplatelse": ContractBasis.LEASE}


def register(commands: Any) -> None:
    temporary = commands.add_parser(
        "temporary",
        help="tillfälligt boende: placera, förläng, avsluta",
        description="Placera ett hushåll i tillfälligt boende på ett beslut som väntar, förläng "
        "en placering efter en ny bedömning, eller avsluta den. Samma regler som i fönstret: "
        "ett ovanligt datum (en start mer än 30 dagar bakåt, ett slutdatum som redan passerat) "
        "sparas bara med --bekrafta; ett datum som regeln förbjuder sparas aldrig.",
    )
    sub = temporary.add_subparsers(
        dest="temporary_command", metavar="TEMPORARY-KOMMANDO", parser_class=type(temporary)
    )
    sub.required = True

    place = sub.add_parser("place", help="placera på ett väntande beslut om tillfälligt boende")
    place.add_argument("--person", required=True, metavar="PERSONNUMMER", help="sökanden")
    place.add_argument(
        "--decision", type=int, metavar="BESLUT", help="beslutets nummer, om flera väntar"
    )
    place.add_argument("--place", required=True, metavar="PLATS", help="platsens namn")
    place.add_argument("--start", metavar="ÅÅÅÅ-MM-DD", help="första dagen (annars i dag)")
    place.add_argument(
        "--last-day", metavar="ÅÅÅÅ-MM-DD", help="periodens sista dag, om den ska vara kortare"
    )
    place.add_argument(
        "--basis", choices=sorted(_BASES), default="beslut", help="vad placeringen vilar på"
    )
    place.add_argument("--note", default="", metavar="TEXT", help="anteckning")
    add_responsible_option(place, "placeringen")
    add_confirm_option(place)
    add_db_option(place)
    place.set_defaults(handler=run_place)

    renew = sub.add_parser("renew", help="förläng en placering efter en ny bedömning")
    renew.add_argument("placement", metavar="PLACERING", type=int, help="placeringens nummer")
    renew.add_argument(
        "--assessment", required=True, metavar="TEXT", help="bedömningen (skrivs i brevet)"
    )
    renew.add_argument(
        "--last-day", metavar="ÅÅÅÅ-MM-DD", help="nya periodens sista dag, om den ska vara kortare"
    )
    _decision_options(renew)
    add_responsible_option(renew, "placeringen från nu", "som förut")
    add_db_option(renew)
    renew.set_defaults(handler=run_renew)

    end = sub.add_parser("end", help="avsluta en placering: dagen personen lämnar platsen")
    end.add_argument("placement", metavar="PLACERING", type=int, help="placeringens nummer")
    end.add_argument("--date", metavar="ÅÅÅÅ-MM-DD", help="slutdatum (annars i dag)")
    end.add_argument("--reason", required=True, metavar="TEXT", help="varför boendet upphör")
    _decision_options(end)
    add_confirm_option(end)
    add_db_option(end)
    end.set_defaults(handler=run_end)


def _decision_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--decision-date", metavar="ÅÅÅÅ-MM-DD", help="beslutets datum")
    parser.add_argument("--decided-by", default="", metavar="NAMN", help="beslutsfattare")
    parser.add_argument("--reference", default="", metavar="DNR", help="beslutets diarienummer")


def _date(text: str | None, option: str, today: dt.date) -> dt.date | None:
    if text is None:
        return None
    try:
        return parse_date_input(text, today)
    except ValidationError as error:
        raise ValidationError(f"{option}: {error}") from None


def _facts(args: argparse.Namespace, today: dt.date) -> DecisionFacts:
    return DecisionFacts(
        _date(args.decision_date, "--decision-date", today), args.decided_by, args.reference
    )


def _place_id(db: Database, name: str) -> int:
    places = list_places(db, active_only=True)
    wanted = name.strip().casefold()
    for row in places:
        if row.data.name.casefold() == wanted:
            return row.id
    names = ", ".join(row.data.name for row in places) or "inga"
    raise NotFoundError(f"Platsen '{name}' finns inte bland platserna som används ({names}).")


def _decision_id(db: Database, person_id: int, chosen: int | None) -> int:
    waiting = waiting_decisions(db, person_id, (DecisionKind.TEMPORARY,))
    ids = [line.id for line in waiting]
    if chosen is not None:
        if chosen not in ids:
            raise ValidationError(
                f"Beslut {chosen} är inte ett beslut om tillfälligt boende som väntar för "
                "personen. Väntande: " + (", ".join(str(i) for i in ids) or "inga") + "."
            )
        return chosen
    if not ids:
        raise ValidationError(
            "Inget beslut om tillfälligt boende väntar för personen. Registrera beslutet först."
        )
    if len(ids) > 1:
        raise ValidationError(
            "Flera beslut om tillfälligt boende väntar: välj ett med --decision "
            + ", ".join(f"{line.id} ({line.label})" for line in waiting)
            + "."
        )
    return ids[0]


def _day_after(last: dt.date | None) -> dt.date | None:
    # The option gives the last day, as letters print it; the period is stored by the day after.
    return last + dt.timedelta(days=1) if last is not None else None


def run_place(args: argparse.Namespace) -> int:
    today = dt.date.today()
    start = _date(args.start, "--start", today) or today
    last = _date(args.last_day, "--last-day", today)
    require_confirmed([backdated_start_question(start, today)], args.bekrafta)
    db = open_for_command(args)
    months = effective_settings(db).temporary_period_months
    try:
        responsible = checked_responsible(db, args.ansvarig)
        person_id = find_person_id(db, args.person, today)
        contract_id = place_person(
            db,
            PlacementInput(
                decision_id=_decision_id(db, person_id, args.decision),
                place_id=_place_id(db, args.place),
                start_date=start,
                period_end=_day_after(last),
                basis=_BASES[args.basis],
                note=args.note,
                responsible=responsible,
            ),
            months=months,
        )
        detail = get_placement(db, contract_id, today)
    finally:
        db.dispose()
    period = detail.current
    print(
        f"Placering {contract_id}: {detail.place} från {period.start_date.isoformat()} till och "
        f"med {last_day(period.end_date).isoformat()}."
    )
    return 0


def run_renew(args: argparse.Namespace) -> int:
    today = dt.date.today()
    last = _date(args.last_day, "--last-day", today)
    db = open_for_command(args)
    months = effective_settings(db).temporary_period_months
    try:
        responsible = checked_responsible(db, args.ansvarig)
        detail = get_placement(db, args.placement, today)
        start, end = renew_placement(
            db,
            detail.contract_id,
            detail.version,
            args.assessment,
            period_end=_day_after(last),
            months=months,
            decision=_facts(args, today),
            responsible=responsible,
        )
    finally:
        db.dispose()
    print(
        f"Placering {args.placement} förlängd: {start.isoformat()} till och med "
        f"{last_day(end).isoformat()}."
    )
    return 0


def run_end(args: argparse.Namespace) -> int:
    today = dt.date.today()
    end = _date(args.date, "--date", today) or today
    require_confirmed([past_end_question(end, today)], args.bekrafta)
    db = open_for_command(args)
    try:
        detail = get_placement(db, args.placement, today)
        end_placement(
            db,
            detail.contract_id,
            detail.version,
            end,
            args.reason,
            decision=_facts(args, today),
        )
    finally:
        db.dispose()
    print(f"Placering {args.placement} avslutad {end.isoformat()}.")
    return 0
