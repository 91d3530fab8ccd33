"""Who is at the keyboard: the name every record of who did or saw what is written by."""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from bobudget.db.engine import Database


def current_username(db: Database | None = None) -> str:
    """The signed-in user: who did what is recorded by this name (users.username).

    On PostgreSQL the user is the database login, as the server says it (SELECT current_user,
    read when the database was opened): never a name the client claims. On a local SQLite file,
    and where no database is given, the OS login.
    """
    if db is not None and db.login:
        return db.login
    try:
        return getpass.getuser()
    except Exception:
        return "okänd"


def session_username(session: Session) -> str:
    """The user a plain session works for: its unit of work's user, else (PostgreSQL) the
    login the server says the connection has, else the OS login."""
    user = session.info.get("user")
    if user:
        return str(user)
    if session.get_bind().dialect.name == "postgresql":
        return str(session.scalar(text("SELECT current_user")))
    return current_username()
