"""The command line `bobudget`: exit 0 on success, 1 on a domain error, 2 on bad usage."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from bobudget import __version__
from bobudget.cli.swedish import SwedishParser
from bobudget.kernel.errors import DomainError
from bobudget.kernel.logsetup import log_unexpected, setup_logging

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    # The commands are imported here, not at the top: the window imports this package (for
    # SwedishParser) and must not load every command, and what they import, to start.
    from bobudget.cli import (
        admin_cmd,
        backup_cmd,
        calendar_cmd,
        db_cmd,
        demo_cmd,
        funds_cmd,
        household_cmd,
        import_cmd,
        letter_cmd,
        log_cmd,
        meeting_cmd,
        placement_cmd,
        report_cmd,
        self_test,
        statistics_cmd,
        temporary_cmd,
        user_cmd,
    )
    from bobudget.cli.common import add_db_option

    parser = SwedishParser(
        prog="bobudget",
        description="bobudget – bo- och budgetenhetens verksamhetssystem (kommandorad).",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"bobudget {__version__}",
        help="visa programmets version och avsluta",
    )
    add_db_option(parser, top_level=True)
    commands = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=SwedishParser)
    commands.required = True
    for module in (
        db_cmd,
        demo_cmd,
        import_cmd,
        letter_cmd,
        funds_cmd,
        placement_cmd,
        user_cmd,
        calendar_cmd,
        household_cmd,
        admin_cmd,
        backup_cmd,
        statistics_cmd,
        log_cmd,
        report_cmd,
        temporary_cmd,
        meeting_cmd,
        self_test,
    ):
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    setup_logging()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except DomainError as error:
        print(f"bobudget: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped reading: not an error of ours.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python flushes it at exit
        return 0
    except KeyboardInterrupt:
        print("bobudget: avbrutet.", file=sys.stderr)
        return 1
    except Exception as error:
        log_unexpected(type(error), error, error.__traceback__)
        print(
            "bobudget: ett oväntat fel inträffade. Inget ändrades utöver det som redan "
            "hade sparats. Detaljer finns i loggfilen; kontakta IT.",
            file=sys.stderr,
        )
        return 1
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
