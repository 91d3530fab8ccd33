"""Opening a database: engine options per engine, connection errors in words a user can act on."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from bobudget.kernel.errors import DatabaseUnavailableError, PasswordRequiredError

log = logging.getLogger(__name__)

PasswordProvider = Callable[[URL], str | None]


@dataclass(frozen=True)
class Database:
    """An open database: the engine, a session factory, and how to describe it to a user."""

    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def url(self) -> URL:
        return self.engine.url

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def location(self) -> str:
        """Where the data lives, without any password: a file path or server/database."""
        url = self.engine.url
        if url.get_backend_name() == "sqlite":
            return url.database or ":memory:"
        port = f":{url.port}" if url.port else ""
        return f"{url.username or ''}@{url.host or 'localhost'}{port}/{url.database or ''}"

    @property
    def engine_name(self) -> str:
        return {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(
            self.engine.dialect.name, self.engine.dialect.name
        )

    def dispose(self) -> None:
        self.engine.dispose()


def parse_url(text: str) -> URL:
    """Parse a database URL; plain `postgresql://` means psycopg 3."""
    try:
        url = make_url(text)
    except ArgumentError:
        raise DatabaseUnavailableError(
            f"Databasadressen '{text}' går inte att tolka. Ange t.ex. "
            "sqlite:///C:/data/bobudget.db eller postgresql://user@server/bobudget."
        ) from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseUnavailableError(
            f"Databastypen '{url.get_backend_name()}' stöds inte. "
            "bobudget använder SQLite (lokal fil) eller PostgreSQL (delad server)."
        )
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Foreign keys are off by default in SQLite; WAL lets readers work during a write;
    # synchronous=FULL because a committed entry of client money must survive a power cut.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _make_engine(url: URL) -> Engine:
    try:
        if url.get_backend_name() == "sqlite":
            engine = create_engine(url)
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    except NoSuchModuleError:  # pragma: no cover - only with a broken install
        raise DatabaseUnavailableError(
            "Databasdrivrutinen saknas i installationen. Installera om bobudget."
        ) from None


def describe_connection_error(url: URL, error: DBAPIError) -> DatabaseUnavailableError:
    """Turn a driver's connection error into a Swedish message that says what to do."""
    text = str(error.orig).lower() if error.orig is not None else str(error).lower()
    where = f"{url.host or 'localhost'}:{url.port or 5432}"
    if "password authentication failed" in text:
        return DatabaseUnavailableError(
            f"Fel lösenord för användaren '{url.username}' på databasservern {where}. "
            "Kontrollera lösenordet och försök igen."
        )
    if "no password supplied" in text or "password is required" in text:
        return PasswordRequiredError(
            f"Databasservern {where} kräver ett lösenord för användaren '{url.username}'."
        )
    if "does not exist" in text and "database" in text:
        return DatabaseUnavailableError(
            f"Databasen '{url.database}' finns inte på servern {where}. "
            "Be IT skapa den, eller kontrollera namnet i inställningarna."
        )
    if "role" in text and "does not exist" in text:
        return DatabaseUnavailableError(
            f"Användaren '{url.username}' finns inte på databasservern {where}. "
            "Kontrollera användarnamnet i inställningarna."
        )
    if "unable to open database file" in text:
        return DatabaseUnavailableError(
            f"Databasfilen {url.database} kan inte öppnas. Kontrollera att mappen finns "
            "och att du har behörighet att skriva i den."
        )
    if "file is not a database" in text:
        return DatabaseUnavailableError(
            f"Filen {url.database} är ingen bobudget-databas (eller är skadad). "
            "Välj en annan fil i inställningarna."
        )
    return DatabaseUnavailableError(
        f"Det går inte att nå databasservern {where}. Kontrollera nätverket och "
        "serverns namn och port i inställningarna, eller kontakta IT."
    )


def connect(url: URL, password_provider: PasswordProvider | None = None) -> Database:
    """Open the database at `url` and prove that it answers.

    A PostgreSQL URL without a password is tried as it is first (the server may trust
    this machine); only when the server asks for one is `password_provider` consulted.
    """
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        from pathlib import Path

        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = _make_engine(url)
    try:
        _ping(engine)
    except DatabaseUnavailableError as error:
        engine.dispose()
        if not isinstance(error, PasswordRequiredError) or password_provider is None:
            raise
        if url.password:
            raise
        password = password_provider(url)
        if not password:
            raise
        url = url.set(password=password)
        engine = _make_engine(url)
        try:
            _ping(engine)
        except DatabaseUnavailableError:
            engine.dispose()
            raise
    sessions = sessionmaker(engine, expire_on_commit=False)
    return Database(engine=engine, sessions=sessions)


def _ping(engine: Engine) -> None:
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except DBAPIError as error:
        log.info("connection to %s failed: %s", engine.url.get_backend_name(), type(error).__name__)
        raise describe_connection_error(engine.url, error) from None
