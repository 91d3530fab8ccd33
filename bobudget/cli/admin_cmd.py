"""`bobudget admin`: the administrator's commands, one function per area adds its own."""

from __future__ import annotations

from typing import Any

from bobudget.cli.admin_settings_cmd import add_settings_commands


def add_admin_parser(commands: Any) -> None:
    admin = commands.add_parser(
        "admin",
        help="administration: enhetens inställningar och brevmallar",
        description="Administratörens kommandon. Ändringar sparas i databasen och gäller för "
        "alla datorer; vem som ändrade vad och när sparas.",
    )
    sub = admin.add_subparsers(dest="admin_command", metavar="OMRÅDE", parser_class=type(admin))
    sub.required = True
    add_settings_commands(sub)


def register(commands: Any) -> None:
    add_admin_parser(commands)
