"""Opening a database: engine options per engine, connection errors in words a user can act on."""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import URL, ExceptionContext
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from bobudget.kernel.errors import (
    BUSY_MESSAGE,
    DENIED_MESSAGE,
    DatabaseBusyError,
    DatabaseUnavailableError,
    PasswordRequiredError,
    PermissionDeniedError,
)

log = logging.getLogger(__name__)

PasswordProvider = Callable[[URL], str | None]


@dataclass(frozen=True)
class Database:
    """An open database: the engine, a session factory, and how to describe it to a user."""

    engine: Engine
    sessions: sessionmaker[Session]
    # Where its address came from (kernel.config.ResolvedUrl.source: kommandorad,
    # miljövariabel, inställningar, standard); "" when it was opened by its URL directly.
    origin: str = field(default="", compare=False)
    # PostgreSQL: the session's login as the server says it (SELECT current_user), the
    # program's user (bobudget.db.uow.current_username). None on SQLite.
    login: str | None = field(default=None, compare=False)

    @property
    def url(self) -> URL:
        return self.engine.url

    @property
    def address(self) -> str:
        """The URL the program connected with, any password left out (not even as ***)."""
        return address_without_password(self.engine.url)

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
    except ValueError as error:  # a port that is not a number ('server:abc')
        raise DatabaseUnavailableError(
            f"Porten i databasadressen '{_without_password(text)}' är inget tal. Skriv "
            "serverns port med siffror, t.ex. postgresql://user@server:5432/bobudget, eller "
            "utelämna porten."
        ) from error
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


def address_without_password(url: URL) -> str:
    # URL.set(password=None) keeps the password (None means "unchanged"): build it anew.
    bare = URL.create(
        url.drivername,
        username=url.username,
        host=url.host,
        port=url.port,
        database=url.database,
        query=url.query,
    )
    return bare.render_as_string(hide_password=False)


def _without_password(text: str) -> str:
    """The URL as typed, with any password between ':' and '@' replaced by ***."""
    return re.sub(r"(//[^/:@]*:)[^/@]*@", r"\1***@", text)


# How long a connection waits for a colleague's lock before giving up (ms): SQLite's busy
# timeout, PostgreSQL's lock_timeout. Without it a PostgreSQL session would wait for ever
# behind a colleague's open transaction, and the window would hang instead of saying so.
BUSY_TIMEOUT_MS = 10_000

# SQLite: SQLITE_BUSY and SQLITE_LOCKED. PostgreSQL: lock_not_available (lock_timeout),
# serialization_failure, deadlock_detected.
_SQLITE_BUSY_CODES = (5, 6)
_POSTGRES_BUSY_STATES = ("55P03", "40001", "40P01")


def is_busy(error: BaseException | None) -> bool:
    """Is this driver error another user holding the lock (worth trying again later)?"""
    if error is None:
        return False
    if getattr(error, "sqlstate", None) in _POSTGRES_BUSY_STATES:
        return True
    if isinstance(error, sqlite3.OperationalError):
        code = getattr(error, "sqlite_errorcode", None)
        text = str(error).lower()
        return code in _SQLITE_BUSY_CODES or "database is locked" in text or "is busy" in text
    return False


# PostgreSQL's insufficient_privilege: a grant missing, or a row-level security policy refusing.
_POSTGRES_DENIED_STATE = "42501"


def _translate_busy(context: ExceptionContext) -> None:
    """The one place a locked database becomes DatabaseBusyError: every statement, flush and
    commit of every session and connection of the engine passes here when it fails. A refusal
    by the server's grants (the user's roles) becomes PermissionDeniedError here too."""
    if is_busy(context.original_exception):
        log.info("database busy: %s", type(context.original_exception).__name__)
        raise DatabaseBusyError(BUSY_MESSAGE) from context.sqlalchemy_exception
    if getattr(context.original_exception, "sqlstate", None) == _POSTGRES_DENIED_STATE:
        log.info("database refused: insufficient privilege")
        raise PermissionDeniedError(DENIED_MESSAGE) from context.sqlalchemy_exception


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Foreign keys are off by default in SQLite; WAL lets readers work during a write;
    # synchronous=FULL because a committed entry of client money must survive a power cut.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_MS)}")
    cursor.close()


def _postgres_args(url: URL) -> dict[str, Any]:
    args: dict[str, Any] = {"connect_timeout": 5}
    if "options" not in url.query:  # options given in the URL are the administrator's choice
        # jit=off: the server compiles a query it guesses costly (a list's order over 36 000
        # leases) to machine code, 30–100 ms each time, for queries that run in a few hundred
        # ms at most; every page's first rows came 10–60 % sooner without it.
        args["options"] = f"-c lock_timeout={int(BUSY_TIMEOUT_MS)} -c jit=off"
    return args


def _make_engine(url: URL) -> Engine:
    try:
        if url.get_backend_name() == "sqlite":
            engine = create_engine(url)
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(url, pool_pre_ping=True, connect_args=_postgres_args(url))
        event.listen(engine, "handle_error", _translate_busy)
        return engine
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
        login = _ping(engine)
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
            login = _ping(engine)
        except DatabaseUnavailableError:
            engine.dispose()
            raise
    sessions = sessionmaker(engine, expire_on_commit=False)
    return Database(engine=engine, sessions=sessions, login=login)


def _ping(engine: Engine) -> str | None:
    """Prove the database answers; on PostgreSQL return who the server says we are."""
    try:
        with engine.connect() as connection:
            if engine.dialect.name == "postgresql":
                return str(connection.exec_driver_sql("SELECT current_user").scalar_one())
            connection.exec_driver_sql("SELECT 1")
            return None
    except DBAPIError as error:
        log.info("connection to %s failed: %s", engine.url.get_backend_name(), type(error).__name__)
        raise describe_connection_error(engine.url, error) from None
