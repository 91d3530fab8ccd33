"""A scratch PostgreSQL database set up by `admin setup`, with one login per role, for the tests
of what the server itself enforces. The logins are prefixed uniquely (role names are
cluster-wide); the database and the logins are dropped at the end."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

import psycopg
from psycopg import sql
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from bobudget.admin.accounts import add_user
from bobudget.db.engine import Database, connect
from bobudget.db.rights.setup import setup_database
from bobudget.demo.generate import fill_demo
from bobudget.model.vocab import UserRole

TODAY = dt.date(2026, 11, 30)


@dataclass
class Server:
    """The scratch database: its admin URL, and the login of each role (and the named one)."""

    admin_url: URL
    prefix: str
    logins: dict[str, str] = field(default_factory=dict)  # what → login

    def url_of(self, login: str) -> URL:
        return self.admin_url.set(username=login, password=None)

    def connect_raw(self, login: str) -> psycopg.Connection[tuple[object, ...]]:
        url = self.url_of(login)
        return psycopg.connect(
            host=url.host, port=url.port, user=login, dbname=url.database, connect_timeout=5
        )

    def admin(self) -> psycopg.Connection[tuple[object, ...]]:
        url = self.admin_url
        return psycopg.connect(
            host=url.host,
            port=url.port,
            user=url.username,
            dbname=url.database,
            autocommit=True,
        )

    def as_user(self, login: str) -> Database:
        return connect(self.url_of(login))


# What each test login is: a role, and whether it is named for protected persons.
LOGINS: dict[str, tuple[tuple[UserRole, ...], bool]] = {
    "konsulent": ((UserRole.BOSTADSKONSULENT,), False),
    "handledare": ((UserRole.BOSTADSHANDLEDARE,), False),
    "egna_medel": ((UserRole.HANDLAGGARE_EGNA_MEDEL,), False),
    "chef": ((UserRole.ENHETSCHEF,), False),
    "admin": ((UserRole.ADMINISTRATOR,), False),
    "named": ((UserRole.BOSTADSKONSULENT,), True),
}


def make_server(postgres_admin_url: URL) -> Iterator[Server]:
    """Create, set up and fill the database and the logins; drop them all afterwards."""
    tag = uuid.uuid4().hex[:8]
    name = f"bobudget_pgroles_{tag}"
    server = Server(postgres_admin_url.set(database=name), f"bbt_pgroles_{tag}")
    root = create_engine(postgres_admin_url, isolation_level="AUTOCOMMIT")
    with root.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        db = connect(server.admin_url)
        try:
            setup_database(db)
            fill_demo(db, 30, seed=7, today=TODAY)
            with db.engine.begin() as c:
                # A person with an egna medel account becomes protected: its ledger must hide.
                c.execute(
                    text(
                        "UPDATE persons SET protected_identity = true WHERE id = "
                        "(SELECT min(person_id) FROM managed_funds_accounts)"
                    )
                )
            for what, (roles, named) in LOGINS.items():
                login = f"{server.prefix}_{what}"
                add_user(db, login, f"Test {what.title()}", roles, protected_access=named)
                server.logins[what] = login
        finally:
            db.dispose()
        yield server
    finally:
        with root.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            logins = c.execute(
                text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p"),
                {"p": f"{server.prefix}%"},
            ).scalars()
            for login in list(logins):
                quoted = sql.Identifier(login).as_string(None)
                c.execute(text(f"DROP ROLE IF EXISTS {quoted}"))
        root.dispose()
