"""Open the database the user means: resolve the URL, connect, check or run migrations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import URL

from bobudget.db import migrate
from bobudget.db.engine import Database, PasswordProvider, connect, parse_url
from bobudget.db.passwords import get_password
from bobudget.kernel.config import resolve_database_url
from bobudget.kernel.errors import DatabaseUnavailableError
from bobudget.model import DatabaseFact


def keyring_then(ask: PasswordProvider | None) -> PasswordProvider:
    """A password provider: the OS keyring first, then `ask` (a prompt or a dialog)."""

    def provide(url: URL) -> str | None:
        return get_password(url) or (ask(url) if ask else None)

    return provide


def open_database(
    cli_url: str | None = None,
    *,
    ask_password: PasswordProvider | None = None,
    upgrade: bool = True,
    on_backup: Callable[[Path], None] | None = None,
) -> Database:
    """Open and, unless told not to, migrate the database to this version's schema.

    Upgrading on open is what makes the first start on a fresh machine just work; a database
    from a newer version of bobudget is refused before anything is written, and so is a file
    an older version left half upgraded. A SQLite file with data is copied before it is
    upgraded: `on_backup` is told where the copy lies (the log always is).
    """
    resolved = resolve_database_url(cli_url)
    db = connect(parse_url(resolved.url), keyring_then(ask_password))
    try:
        if upgrade:
            saved = migrate.upgrade(db)
            if saved is not None and on_backup is not None:
                on_backup(saved)
        else:
            migrate.check_usable(db)
    except DatabaseUnavailableError:
        db.dispose()
        raise
    return db


def require_current_schema(db: Database) -> None:
    if not migrate.is_current(db):
        raise DatabaseUnavailableError(
            f"Databasen ({db.location}) har inte den senaste strukturen. "
            "Kör 'bobudget db upgrade' först."
        )


def is_demo(db: Database) -> bool:
    with db.sessions() as session:
        return session.scalar(select(DatabaseFact.value).where(DatabaseFact.key == "demo")) == "1"


def mark_demo(db: Database) -> None:
    with db.sessions() as session:
        if session.get(DatabaseFact, "demo") is None:
            session.add(DatabaseFact(key="demo", value="1"))
            session.commit()
