"""`bobudget demo`: fill an empty database with fictional demo data."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from bobudget.cli.common import add_db_option, open_for_command
from bobudget.demo.generate import MAX_HOUSEHOLDS, fill_demo


def register(commands: Any) -> None:
    demo = commands.add_parser(
        "demo",
        help="fyll en tom databas med påhittade uppgifter att prova programmet på",
        description=(
            "Fyller en tom databas med påhittade men verklighetstrogna uppgifter: hushåll, "
            "beslut och kö, kontrakt av alla slag, tillfälligt boende, uppföljning och egna "
            "medel, fem år bakåt i tiden. Personnumren har födelsenummer 980–999 och tillhör "
            "ingen verklig person. Databasen märks som demodatabas. Vägrar om databasen "
            "redan innehåller uppgifter."
        ),
    )
    demo.add_argument(
        "--households",
        type=int,
        default=200,
        metavar="ANTAL",
        help=f"antal hushåll, 1–{_thousands(MAX_HOUSEHOLDS)} (standard 200)",
    )
    demo.add_argument(
        "--seed",
        type=int,
        default=1,
        metavar="FRÖ",
        help="slumpfrö: samma frö och dag ger samma uppgifter (standard 1)",
    )
    demo.add_argument(
        "--stad",
        action="store_true",
        help=(
            "en storstads omfattning: tio års historik, hushåll som haft tidigare kontrakt och "
            "fler konton för egna medel (vid 100 000 hushåll omkring 200 000 kontrakt och en "
            "miljon transaktioner), för att mäta programmet i full skala"
        ),
    )
    add_db_option(demo)
    demo.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    db = open_for_command(args)
    try:
        summary = fill_demo(
            db, args.households, seed=args.seed, progress=_terminal_progress(), city=args.stad
        )
        location = db.location
    finally:
        db.dispose()
    print(f"Demodata har lagts in i {location}:")
    width = max(len(label) for label, _count in summary.lines())
    for label, count in summary.lines():
        print(f"  {label.ljust(width)}  {_thousands(count):>9}")
    return 0


def _terminal_progress() -> Callable[[int, int], None] | None:
    """A percentage on the terminal while it works; nothing when output goes to a file."""
    if not sys.stderr.isatty():
        return None
    shown = [-1]

    def show(done: int, total: int) -> None:
        percent = 100 * done // max(total, 1)
        if percent != shown[0]:
            shown[0] = percent
            end = "\n" if done >= total else ""
            print(f"\rSkapar demodata … {percent:3d} %", end=end, file=sys.stderr, flush=True)

    return show


def _thousands(number: int) -> str:
    """12 345: Swedish groups thousands with a space."""
    return f"{number:,}".replace(",", " ")
