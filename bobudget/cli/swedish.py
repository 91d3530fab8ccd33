"""argparse in Swedish: its own words (usage, options, errors) translated for the users."""

from __future__ import annotations

import argparse
import gettext
import sys

# argparse looks its words up through gettext at call time; Python ships no Swedish catalogue
# for it, so we hand it ours. Anything not listed stays as argparse wrote it.
ARGPARSE_SWEDISH = {
    "usage: ": "användning: ",
    "options": "flaggor",
    "positional arguments": "argument",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "show program's version number and exit": "visa programmets version och avsluta",
    "the following arguments are required: %s": "följande argument krävs: %s",
    "unrecognized arguments: %s": "okända argument: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ogiltigt val: %(value)r (välj bland %(choices)s)"
    ),
    "expected one argument": "ett värde förväntades",
    "invalid %(type)s value: %(value)r": "ogiltigt värde: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tvetydig flagga: %(option)s kan betyda %(matches)s"
    ),
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
}


def _swedish(message: str) -> str:
    return ARGPARSE_SWEDISH.get(message, gettext.gettext(message))


argparse._ = _swedish  # type: ignore[attr-defined]


class SwedishParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors (exit 2) read in Swedish."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fel: {message}\n")
