"""User accounts: the users row and, on PostgreSQL, the user's own login in the group roles.

`bobudget admin user add|disable|grant|revoke|protected|list` and Administration → Personal
in the window: both go through here, so they do the same thing. On PostgreSQL the login and
the users row change in one transaction (the server's role commands are transactional): both,
or neither.
On a local SQLite file only the users table changes: the roles are advisory there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.orm import Session

from bobudget.app.users import (
    StaffInput,
    StaffMember,
    add_staff,
    deactivate_staff,
    list_staff,
    set_protected_access,
    set_roles,
    update_staff,
)
from bobudget.db.engine import Database
from bobudget.kernel.errors import DomainError, FieldError, ValidationError
from bobudget.model import User
from bobudget.model.vocab import UserRole

if TYPE_CHECKING:
    import psycopg

ADVISORY_NOTE = (
    "Databasen är en lokal SQLite-fil: rollerna är bara vägledande där (ingen databasserver "
    "håller efter dem)."
)

_NOT_ALLOWED = (
    "Databasservern tillåter dig inte att ändra inloggningar. Det görs av serverns "
    "administratör (t.ex. postgres) eller en roll med CREATEROLE: be IT, eller kör "
    "`bobudget admin user` som en sådan. Ingenting ändrades."
)

_PASSWORD_NEEDED = (
    "Skriv ett lösenord: databasservern behöver det för att skapa användarens inloggning. "
    "Loggar hen in med enkel inloggning (Kerberos), kryssa i det i stället. Ingenting ändrades."
)


def _refused() -> type[Exception]:
    """The server's refusal to change a login. psycopg is imported only when one is being
    matched: on a SQLite file it is never needed, and importing it cost Administration's first
    show a tenth of a second (an `except` clause's class is evaluated only when it matches)."""
    from psycopg import errors

    return errors.InsufficientPrivilege


def _driver(session: Session) -> psycopg.Connection[object]:
    import psycopg

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
    password_required: bool = False,
) -> int:
    """A new user: the users row with every role, and on PostgreSQL the login in its groups.

    A users row that is there already without a server login (staff added before the server
    enforced roles, with `bobudget user add`) gets its login and exactly `roles`; its name and
    phone stay. A user who has a login already is refused, as on SQLite. With
    `password_required` (the window: it has no Kerberos) a PostgreSQL login needs a password.
    """
    if not roles:
        raise ValidationError("Ange minst en roll med --role. Ingenting ändrades.")
    if password is not None and not password:
        raise ValidationError("Lösenordet är tomt. Skriv det på standard in. Ingenting ändrades.")
    if password_required and not password and not db.is_sqlite:
        raise ValidationError(field_errors=[FieldError("Lösenord", _PASSWORD_NEEDED)])
    name = login.strip()

    def make_login(session: Session) -> None:
        if not db.is_sqlite:
            from bobudget.db.rights import logins  # psycopg: needed on a server only

            logins.create_login(_driver(session), name, roles, password)

    existing = _find(db, name)
    data = StaffInput(full_name, phone, email, roles[0])
    try:
        if existing is not None and not db.is_sqlite and not _has_login(db, name):
            if not existing.active:
                raise DomainError(
                    f"Användaren '{name}' är inaktiverad. Gör hen aktiv under Administration → "
                    "Personal först. Ingenting ändrades."
                )
            named = True if protected_access else None
            set_roles(db, name, roles, user, protected_access=named, alongside=make_login)
            return existing.id
        return add_staff(
            db,
            name,
            data,
            user,
            more_roles=roles[1:],
            protected_access=protected_access,
            alongside=make_login,
        )
    except _refused():
        raise DomainError(_NOT_ALLOWED) from None


def disable_user(db: Database, login: str, user: str | None = None) -> StaffMember:
    """The user can no longer sign in (NOLOGIN, open sessions ended) and is inactive."""

    def stop_login(session: Session) -> None:
        if not db.is_sqlite:
            from bobudget.db.rights import logins  # psycopg: needed on a server only

            logins.disable_login(_driver(session), login.strip())

    try:
        return deactivate_staff(db, login, user, alongside=stop_login)
    except _refused():
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
            from bobudget.db.rights import logins  # psycopg: needed on a server only

            logins.set_groups(_driver(session), current.username, held)

    try:
        return set_roles(db, current.username, held, user, alongside=regroup)
    except _refused():
        raise DomainError(_NOT_ALLOWED) from None


def update_user(
    db: Database,
    user_id: int,
    expected_version: int | None,
    data: StaffInput,
    *,
    active: bool = True,
    user: str | None = None,
) -> int:
    """Administration → Personal's Ändra användare: on PostgreSQL the login follows the row.

    A new role moves the login to that role's group, inactive means NOLOGIN (sessions ended),
    active again means LOGIN again: in the same transaction as the users row.
    """
    before = next((m for m in list_staff(db) if m.id == user_id), None)

    def follow(session: Session) -> None:
        row = session.get(User, user_id)
        assert row is not None  # update_staff fetched it in this session
        roles = [UserRole(g.role) for g in row.roles]
        # A change of name or phone alone touches no login: an administrator of the program
        # who is no administrator of the server may still make it.
        unchanged = before is not None and (before.active, set(before.roles)) == (
            row.active,
            set(roles),
        )
        if db.is_sqlite or unchanged:
            return
        from bobudget.db.rights import logins  # psycopg: needed on a server only

        connection = _driver(session)
        if row.active:
            if logins.enable_login(connection, row.username):
                logins.set_groups(connection, row.username, roles)
        else:
            logins.disable_login(connection, row.username)

    try:
        return update_staff(
            db, user_id, expected_version, data, active=active, user=user, alongside=follow
        )
    except _refused():
        raise DomainError(_NOT_ALLOWED) from None


def set_protected(db: Database, login: str, named: bool, user: str | None = None) -> StaffMember:
    """Name the user for protected persons, or take it away (row-level security reads it)."""
    return set_protected_access(db, _member(db, login).username, named, user)


def _has_login(db: Database, login: str) -> bool:
    with db.engine.connect() as connection:
        found = connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :login"), {"login": login}
        ).first()
        return found is not None


def _find(db: Database, login: str) -> StaffMember | None:
    for member in list_staff(db):
        if member.username == login.strip():
            return member
    return None


def _member(db: Database, login: str) -> StaffMember:
    member = _find(db, login)
    if member is not None:
        return member
    raise DomainError(
        f"Det finns ingen användare '{login.strip()}'. Se `bobudget admin user list`."
    )


def list_users(db: Database) -> list[StaffMember]:
    return list_staff(db)
