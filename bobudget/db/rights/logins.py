"""Database logins: one PostgreSQL LOGIN role per user, member of the groups of their roles.

Every name goes into SQL through psycopg.sql.Identifier (quoted by the driver), never by string
formatting. A password reaches the server only as a SCRAM-SHA-256 verifier computed here, so
the plain text is in no statement, no server log and no file.
"""

from __future__ import annotations

from collections.abc import Iterable

import psycopg
from psycopg import sql

from bobudget.db.rights.groups import GROUP_OF_ROLE, GROUPS
from bobudget.model.vocab import UserRole


def scram_verifier(connection: psycopg.Connection[object], login: str, password: str) -> str:
    verifier = connection.pgconn.encrypt_password(
        password.encode("utf-8"), login.encode("utf-8"), b"scram-sha-256"
    )
    return verifier.decode("ascii")


def login_exists(cur: psycopg.Cursor[object], login: str) -> bool:
    cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,))
    return cur.fetchone() is not None


def create_login(
    connection: psycopg.Connection[object],
    login: str,
    roles: Iterable[UserRole],
    password: str | None,
) -> None:
    """Create the login (or let one IT made for Kerberos log in) and put it in its groups.

    Without a password the login can only sign in another way (GSSAPI/Kerberos in production).
    """
    name = sql.Identifier(login)
    with connection.cursor() as cur:
        verb = "ALTER" if login_exists(cur, login) else "CREATE"
        text = verb + " ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT"
        if password is None:
            cur.execute(sql.SQL(text).format(name))
        else:
            verifier = scram_verifier(connection, login, password)
            cur.execute(sql.SQL(text + " PASSWORD {}").format(name, sql.Literal(verifier)))
    set_groups(connection, login, roles)


def set_groups(
    connection: psycopg.Connection[object], login: str, roles: Iterable[UserRole]
) -> None:
    """The login is a member of exactly the groups of `roles`."""
    wanted = {GROUP_OF_ROLE[role] for role in roles}
    name = sql.Identifier(login)
    with connection.cursor() as cur:
        for group in GROUPS:
            verb = "GRANT {} TO {}" if group in wanted else "REVOKE {} FROM {}"
            cur.execute(sql.SQL(verb).format(sql.Identifier(group), name))


def disable_login(connection: psycopg.Connection[object], login: str) -> None:
    """NOLOGIN, and the user's open sessions are ended: a disabled user works no further."""
    with connection.cursor() as cur:
        if not login_exists(cur, login):
            return
        cur.execute(sql.SQL("ALTER ROLE {} NOLOGIN").format(sql.Identifier(login)))
        cur.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s",
            (login,),
        )


def enable_login(connection: psycopg.Connection[object], login: str) -> bool:
    """LOGIN again for a user made active again; False when the server has no such login."""
    with connection.cursor() as cur:
        if not login_exists(cur, login):
            return False
        cur.execute(sql.SQL("ALTER ROLE {} LOGIN").format(sql.Identifier(login)))
        return True
