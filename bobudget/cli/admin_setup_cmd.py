"""`bobudget admin setup`: group roles, owner, grants, row-level security, migrations."""

from __future__ import annotations

import argparse
from typing import Any

from bobudget.cli.common import add_db_option, open_for_command
from bobudget.db.rights.groups import GROUPS, OWNER
from bobudget.db.rights.setup import setup_database


def add_setup_command(sub: Any) -> None:
    setup = sub.add_parser(
        "setup",
        help="skapa grupproller, ägarroll, behörigheter och radskydd, och migrera (PostgreSQL)",
        description="Körs en gång av databasserverns administratör (t.ex. --db "
        "postgresql://postgres@server/bobudget). Skapar grupprollerna "
        + ", ".join(GROUPS)
        + f" och ägarrollen {OWNER}, ger varje roll minsta möjliga behörighet per tabell, "
        "skyddar personer med skyddade personuppgifter med radsäkerhet och migrerar databasen. "
        "Att köra det igen ändrar ingenting.",
    )
    add_db_option(setup)
    setup.set_defaults(handler=run_setup)


def run_setup(args: argparse.Namespace) -> int:
    db = open_for_command(args, upgrade=False)
    try:
        result = setup_database(db)
    finally:
        db.dispose()
    made = ", ".join(result.roles_created) if result.roles_created else "inga nya (fanns redan)"
    print(f"Databasen {result.database} är förberedd.")
    print(f"Roller som skapades: {made}.")
    print(f"Behörigheter satta på {result.tables} tabeller; radskydd på {result.policies}.")
    return 0
