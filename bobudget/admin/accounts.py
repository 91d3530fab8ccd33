"""User accounts: the users row and, on PostgreSQL, the user's own login in the group roles.

`bobudget admin user add|disable|grant|revoke|list`. On PostgreSQL the login and the users row
change in one transaction (the server's role commands are transactional): both, or neither.
On a local SQLite file only the users table changes: the roles are advisory there.
"""

from __future__ import annotations

from collections.abc import Sequence

import psycopg
from psycopg import errors as pg_errors
from sqlalchemy.orm import Session

from bobudget.app.users import (
    StaffInput,
    StaffMember,
    add_staff,
    deactivate_staff,
    list_staff,
    set_roles,
)
from bobudget.db.engine import Database
from bobudget.db.rights.logins import create_login, disable_login, set_groups
from bobudget.kernel.errors import DomainError, ValidationError
from bobudget.model.vocab import UserRole

ADVISORY_NOTE = (
    "Databasen är en lokal SQLite-fil: rollerna är bara vägledande där (ingen databasserver "
    "håller efter dem)."
)

_NOT_ALLOWED = (
    "Databasservern tillåter dig inte att ändra inloggningar. Kör kommandot som serverns "
    "administratör (t.ex. postgres) eller en roll med CREATEROLE. Ingenting ändrades."
)


def _driver(session: Session) -> psycopg.Connection[object]:
    connection = session.connection().connection.driver_connection
    assert isinstance(connection, psycopg.Connection)
    return connection


def add_user(
    db: Database,
    login: str,
    full_name: str,
    roles: Sequence[UserRole],
    *,
    protected_access: bool = False,
    password: str | None = None,
    phone: str = "",
    email: str = "",
    user: str | None = None,
) -> int:
    """A new user: the users row with every role, and on PostgreSQL the login in its groups."""
    if not roles:
        raise ValidationError("Ange minst en roll med --role. Ingenting ändrades.")
    if password is not None and not password:
        raise ValidationError("Lösenordet är tomt. Skriv det på standard in. Ingenting ändrades.")
    name = login.strip()

    def make_login(session: Session) -> None:
        if not db.is_sqlite:
            create_login(_driver(session), name, roles, password)

    data = StaffInput(full_name, phone, email, roles[0])
    try:
        return add_staff(
            db,
            name,
            data,
            user,
            more_roles=roles[1:],
            protected_access=protected_access,
            alongside=make_login,
        )
    except pg_errors.InsufficientPrivilege:
        raise DomainError(_NOT_ALLOWED) from None


def disable_user(db: Database, login: str, user: str | None = None) -> StaffMember:
    """The user can no longer sign in (NOLOGIN, open sessions ended) and is inactive."""

    def stop_login(session: Session) -> None:
        if not db.is_sqlite:
            disable_login(_driver(session), login.strip())

    try:
        return deactivate_staff(db, login, user, alongside=stop_login)
    except pg_errors.InsufficientPrivilege:
        raise DomainError(_NOT_ALLOWED) from None


def change_role(
    db: Database, login: str, role: UserRole, *, grant: bool, user: str | None = None
) -> StaffMember:
    """Give the user one more role, or take one away (the last one stays: refused)."""
    current = _member(db, login)
    held = list(current.roles)
    if grant and role not in held:
        held.append(role)
    elif not grant:
        held = [r for r in held if r is not role]

    def regroup(session: Session) -> None:
        if not db.is_sqlite:
            set_groups(_driver(session), current.username, held)

    try:
        return set_roles(db, current.username, held, user, alongside=regroup)
    except pg_errors.InsufficientPrivilege:
        raise DomainError(_NOT_ALLOWED) from None


def _member(db: Database, login: str) -> StaffMember:
    for member in list_staff(db):
        if member.username == login.strip():
            return member
    raise DomainError(
        f"Det finns ingen användare '{login.strip()}'. Se `bobudget admin user list`."
    )


def list_users(db: Database) -> list[StaffMember]:
    return list_staff(db)
