"""`bobudget admin`: what the unit's administrator does (gallring; users and set-up elsewhere)."""

from __future__ import annotations

from typing import Any

from bobudget.cli.admin_purge_cmd import add_purge_commands


def register(commands: Any) -> None:
    add_admin_parser(commands)


def add_admin_parser(commands: Any) -> None:
    admin = commands.add_parser(
        "admin",
        help="administration: gallring m.m.",
        description="Det som enhetens administratör gör.",
    )
    sub = admin.add_subparsers(dest="admin_command", metavar="ÅTGÄRD", parser_class=type(admin))
    sub.required = True
    add_purge_commands(sub)
