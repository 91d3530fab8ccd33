"""Open the database the user means: resolve the URL, connect, check or run migrations."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import column, select, table
from sqlalchemy.engine import URL

from bobudget.db import migrate
from bobudget.db.engine import Database, PasswordProvider, connect, parse_url
from bobudget.db.passwords import get_password
from bobudget.kernel.config import (
    ENV_DATABASE_URL,
    MACHINE_SOURCE,
    machine_settings_path,
    resolve_database_url,
)
from bobudget.kernel.errors import DatabaseUnavailableError, PermissionDeniedError


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
    db = replace(
        connect(parse_url(resolved.url), keyring_then(ask_password)), origin=resolved.source
    )
    try:
        if upgrade:
            saved = _upgrade(db)
            if saved is not None and on_backup is not None:
                on_backup(saved)
        else:
            migrate.check_usable(db)
    except DatabaseUnavailableError:
        db.dispose()
        raise
    return db


def _upgrade(db: Database) -> Path | None:
    try:
        return migrate.upgrade(db)
    except PermissionDeniedError:
        # A user's own login on a shared database may not change the schema: IT migrates.
        raise DatabaseUnavailableError(
            f"Databasen ({db.location}) behöver uppgraderas till den här versionen av bobudget, "
            "och din inloggning får inte ändra databasens struktur. Be IT köra "
            "'bobudget admin setup' mot databasen. Ingenting ändrades."
        ) from None


# The origin of the fresh demo database the window makes when started with --demo.
DEMO_ORIGIN = "demo"


@dataclass(frozen=True)
class DatabaseInUse:
    """The database the window works in, as Arkiv → Inställningar → Databas shows it."""

    address: str  # the URL, any password left out
    origin: str  # kernel.config.ResolvedUrl.source
    demo: bool = False  # it holds demo data (however it was opened)

    def note(self, env_url: str | None = None) -> str:
        """Where the database was chosen, and whether the settings below decide it now: the
        order is --db, then BOBUDGET_DATABASE_URL, then the settings file (resolve_database_url).
        `env_url` is the environment variable's value now (None: read it)."""
        env_set = bool(os.environ.get(ENV_DATABASE_URL) if env_url is None else env_url)
        demo = "Den innehåller bara påhittade demouppgifter. " if self.demo else ""
        if self.origin == DEMO_ORIGIN:
            return (
                "Det här är en ny demodatabas med påhittade uppgifter (bobudget startades med "
                "--demo). Databasen som väljs nedan används när bobudget startas utan --demo."
            )
        if self.origin == "kommandorad":
            also = (
                f" Miljövariabeln {ENV_DATABASE_URL} är också satt och går före inställningarna "
                "när bobudget startas utan --db."
                if env_set
                else " Det du väljer här används när bobudget startas utan --db."
            )
            return (
                f"{demo}Den angavs med --db när bobudget startades och går före både "
                f"miljövariabeln {ENV_DATABASE_URL} och inställningarna nedan.{also}"
            )
        if self.origin == "miljövariabel":
            return (
                f"{demo}Den anges av miljövariabeln {ENV_DATABASE_URL}, som går före "
                "inställningarna nedan. Det du väljer här används först när variabeln inte "
                "längre är satt."
            )
        if self.origin == "inställningar":
            return f"{demo}Den är vald i inställningarna nedan."
        if self.origin == MACHINE_SOURCE:
            return (
                f"{demo}Den är förvald för alla användare på den här datorn (IT:s gemensamma "
                f"inställningsfil {machine_settings_path()}). En databas du väljer nedan går före."
            )
        if self.origin == "standard":
            return (
                f"{demo}Ingen databas är vald i inställningarna, så den lokala standardfilen "
                "används."
            )
        return demo.strip()

    @property
    def overrides_settings(self) -> bool:
        """True when the database in use was not chosen by the settings file."""
        return self.origin in (DEMO_ORIGIN, "kommandorad", "miljövariabel")


def database_in_use(db: Database, demo: bool = False) -> DatabaseInUse:
    return DatabaseInUse(db.address, db.origin, demo)


def require_current_schema(db: Database) -> None:
    if not migrate.is_current(db):
        raise DatabaseUnavailableError(
            f"Databasen ({db.location}) har inte den senaste strukturen. "
            "Kör 'bobudget db upgrade' först."
        )


# bobudget.model.DatabaseFact's table, named here without the model: the window asks before its
# first frame, and importing the model (every mapped class) and its first ORM query (every
# mapper set up) can wait until a page reads. test_startup_migration_check keeps the two alike.
DATABASE_FACTS = table("database_facts", column("key"), column("value"))


def is_demo(db: Database) -> bool:
    with db.engine.connect() as connection:
        value = connection.scalar(
            select(DATABASE_FACTS.c.value).where(DATABASE_FACTS.c.key == "demo")
        )
    return value == "1"


def mark_demo(db: Database) -> None:
    from bobudget.model import DatabaseFact

    with db.sessions() as session:
        if session.get(DatabaseFact, "demo") is None:
            session.add(DatabaseFact(key="demo", value="1"))
            session.commit()
