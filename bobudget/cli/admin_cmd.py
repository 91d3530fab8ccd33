"""`bobudget admin`: what the unit's administrator does — setting up the shared database, the
users' accounts, the unit's settings and letter templates, and gallring. Each area adds its
commands from its own module."""

from __future__ import annotations

from typing import Any

from bobudget.cli.admin_purge_cmd import add_purge_commands
from bobudget.cli.admin_settings_cmd import add_settings_commands
from bobudget.cli.admin_setup_cmd import add_setup_command
from bobudget.cli.admin_user_cmd import add_user_commands


def add_admin_parser(commands: Any) -> None:
    admin = commands.add_parser(
        "admin",
        help="administration: behörigheter, konton, inställningar, brevmallar, gallring",
        description="Administration av databasen: roller, behörigheter, användarnas "
        "inloggningar, enhetens inställningar och brevmallar, gallring. Ändringar sparas i "
        "databasen och gäller för alla datorer; vem som ändrade vad och när sparas.",
    )
    sub = admin.add_subparsers(dest="admin_command", metavar="ÅTGÄRD", parser_class=type(admin))
    sub.required = True
    add_setup_command(sub)
    add_user_commands(sub)
    add_purge_commands(sub)
    add_settings_commands(sub)


register = add_admin_parser
