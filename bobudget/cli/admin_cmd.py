"""`bobudget admin`: setting up the shared database and the users' accounts."""

from __future__ import annotations

from typing import Any

from bobudget.cli.admin_setup_cmd import add_setup_command
from bobudget.cli.admin_user_cmd import add_user_commands


def add_admin_parser(commands: Any) -> None:
    admin = commands.add_parser(
        "admin",
        help="administration: databasens behörigheter och användarnas konton",
        description="Administration av den delade databasen: roller, behörigheter och "
        "användarnas inloggningar.",
    )
    sub = admin.add_subparsers(dest="admin_command", metavar="ÅTGÄRD", parser_class=type(admin))
    sub.required = True
    add_setup_command(sub)
    add_user_commands(sub)


register = add_admin_parser
