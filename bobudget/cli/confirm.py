"""What the command line shares for unusual dates and responsible users: the same rules as the
window's dialogs, asked about by an option instead of a question box.

An unusual but allowed date (a start ten months back, an end already past, a meeting recorded
long after) is refused with the rule's reason unless `--bekrafta` is given; what a rule forbids
is refused by the service whatever the options say.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable

from bobudget.db.engine import Database
from bobudget.db.responsible import RESPONSIBLE_LABEL, check_responsible
from bobudget.kernel.errors import ValidationError

CONFIRM_HINT = "Stämmer datumet? Kör kommandot igen med --bekrafta för att spara ändå."


def add_confirm_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--bekrafta",
        action="store_true",
        help="spara ett ovanligt men tillåtet datum (t.ex. långt bakåt i tiden) utan att fråga",
    )


def add_responsible_option(
    parser: argparse.ArgumentParser, what: str, otherwise: str = "den som kör kommandot"
) -> None:
    parser.add_argument(
        "--ansvarig",
        metavar="INLOGGNING",
        help=f'användaren som ansvarar för {what} ("" för ingen; utan flaggan {otherwise})',
    )


def require_confirmed(reasons: Iterable[str | None], confirmed: bool) -> None:
    """Refuses, naming every reason, when a date is unusual and --bekrafta was not given."""
    found = [r for r in reasons if r]
    if found and not confirmed:
        raise ValidationError(" ".join([*found, CONFIRM_HINT]))


def checked_responsible(db: Database, login: str | None) -> str | None:
    """The --ansvarig given, checked before anything is written (None when not given)."""
    if login is None:
        return None
    with db.sessions() as session:
        try:
            return check_responsible(session, login) or ""
        except ValidationError as error:
            raise ValidationError(f"{RESPONSIBLE_LABEL} (--ansvarig): {error}") from None
