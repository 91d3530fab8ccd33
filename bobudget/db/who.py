"""Who is at the keyboard: the name every record of who did or saw what is written by."""

from __future__ import annotations

import getpass


def current_username() -> str:
    """The signed-in OS user: who did what is recorded by this name."""
    try:
        return getpass.getuser()
    except Exception:
        return "okänd"
