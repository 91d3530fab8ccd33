"""The staff list (users), and the signed-in user's own details as the letters' officer.

Staff are the users: who signs a letter and who can be named responsible for a case or a
to-do. The administrator keeps the list (Administration, `bobudget user list|add|deactivate`).

The user is the login name the program records as created_by (bobudget.db.uow); the row in
`users` gives the name and phone a letter is signed with. A user fills in their own row here
(the window's Arkiv → Mina uppgifter…, the command `bobudget user set`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork, conflict_error, current_username
from bobudget.kernel.contact import email_address, phone_number
from bobudget.kernel.errors import FieldError, NotFoundError, ValidationError
from bobudget.kernel.problems import Problems
from bobudget.kernel.text_check import check_text
from bobudget.letters.sender import Officer
from bobudget.model import User, UserRoleGrant
from bobudget.model.vocab import UserRole

__all__ = [
    "Officer",
    "StaffInput",
    "StaffMember",
    "add_staff",
    "deactivate_staff",
    "list_staff",
    "officer_of",
    "own_details",
    "set_own_details",
    "set_protected_access",
    "set_roles",
    "staff_names",
    "update_staff",
]

_PHONE = re.compile(r"^\+?[0-9][0-9 ()\-]{4,30}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def officer_of(session: Session, username: str) -> Officer:
    """The user's details; empty ones when the user is not in the users list."""
    row = session.scalar(select(User).where(User.username == username))
    if row is None:
        return Officer(username)
    return Officer(username, row.full_name.strip(), row.phone.strip(), row.email.strip())


def own_details(db: Database, user: str | None = None) -> Officer:
    with db.sessions() as session:
        return officer_of(session, user or current_username(db))


def set_own_details(
    db: Database, *, full_name: str, phone: str, email: str = "", user: str | None = None
) -> Officer:
    """Save the user's name, phone and e-mail (adding the user to the list when absent)."""
    full_name = check_text(full_name, "Namn").strip()
    phone = check_text(phone, "Telefon").strip()
    email = check_text(email, "E-post").strip()
    if not full_name:
        raise ValidationError("Fyll i ditt för- och efternamn: det står under breven du skriver.")
    if not _PHONE.match(phone):
        raise ValidationError(
            f"Telefonnumret '{phone}' kan inte läsas. Skriv det med siffror, t.ex. 0522-69 70 00."
        )
    if email and not _EMAIL.match(email):
        raise ValidationError(
            f"E-postadressen '{email}' kan inte läsas. Skriv den som namn@kommun.se, eller töm "
            "fältet."
        )
    with UnitOfWork(db, user) as uow:
        row = uow.session.scalar(select(User).where(User.username == uow.user))
        if row is None:
            row = User(username=uow.user)
            uow.session.add(row)
        row.full_name, row.phone, row.email = full_name, phone, email
        uow.session.flush()
        uow.audit("update", "user", row.id, detail="egna uppgifter")
        uow.commit()
        return Officer(uow.user, full_name, phone, email)


# --- The staff list: every user, kept by the administrator (Administration, `bobudget user`) ---

_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]{0,63}$")
_GONE = "Användaren finns inte längre. Läs in listan igen."


@dataclass(frozen=True)
class StaffMember:
    """One user as the staff list shows them; `version` for saving over no one else's edit."""

    id: int
    username: str
    full_name: str
    phone: str
    email: str
    role: UserRole
    active: bool
    version: int
    # Every role the user holds, `role` first; named for persons with skyddade personuppgifter.
    roles: tuple[UserRole, ...] = ()
    protected_access: bool = False

    @property
    def display_name(self) -> str:
        """The full name, else the username: how a person is named on Att göra and in pickers."""
        return self.full_name or self.username


@dataclass(frozen=True)
class StaffInput:
    full_name: str
    phone: str = ""
    email: str = ""
    role: UserRole = UserRole.BOSTADSKONSULENT
    # The user's other roles (Administration → Personal's "Fler roller"); None leaves them.
    more_roles: tuple[UserRole, ...] | None = None
    # Named for persons with skyddade personuppgifter; None leaves it as it is.
    protected_access: bool | None = None


def _member(row: User) -> StaffMember:
    return StaffMember(
        id=row.id,
        username=row.username,
        full_name=row.full_name,
        phone=row.phone,
        email=row.email,
        role=UserRole(row.role),
        active=row.active,
        version=row.version,
        roles=_roles_of(row),
        protected_access=row.protected_access,
    )


def _roles_of(row: User) -> tuple[UserRole, ...]:
    """The user's roles, the one in users.role first (a row from before user_roles: that one)."""
    held = [UserRole(grant.role) for grant in row.roles]
    first = UserRole(row.role)
    return (first, *(role for role in held if role is not first))


# Work done in the same transaction as the users row (the PostgreSQL login, on that engine):
# both are kept, or neither.
Alongside = Callable[[Session], None]


def list_staff(db: Database, *, active_only: bool = False) -> list[StaffMember]:
    """Every user by name (the active first); with `active_only`, those who can be assigned."""
    with db.sessions() as session:
        stmt = select(User).order_by(User.active.desc(), User.full_name, User.username)
        if active_only:
            stmt = stmt.where(User.active)
        return [_member(row) for row in session.scalars(stmt)]


def staff_names(db: Database) -> dict[str, str]:
    """Username → the name to show (the full name, else the username), for every user."""
    return {m.username: m.display_name for m in list_staff(db)}


def _checked(data: StaffInput) -> StaffInput:
    problems = Problems()
    full_name = problems.check("Namn", lambda: check_text(data.full_name, "Namn").strip())
    if full_name == "":
        problems.add("Namn", "Fyll i för- och efternamn: namnet står under breven och på Att göra.")
    phone = problems.check("Telefon", lambda: phone_number(check_text(data.phone, "Telefon")))
    email = problems.check("E-post", lambda: email_address(check_text(data.email, "E-post")))
    role = problems.check("Roll", lambda: UserRole(data.role))
    problems.raise_any()
    assert full_name is not None and phone is not None and email is not None and role is not None
    return replace(data, full_name=full_name, phone=phone, email=email, role=role)


def add_staff(
    db: Database,
    username: str,
    data: StaffInput,
    user: str | None = None,
    *,
    more_roles: Sequence[UserRole] = (),
    protected_access: bool = False,
    alongside: Alongside | None = None,
) -> int:
    """Add a user to the staff list; refused when the username is taken or cannot be a login.

    `data.role` is the user's first role, `more_roles` the others they hold.
    """
    name = username.strip()
    problems = Problems()
    if not _USERNAME.match(name):
        problems.add(
            "Användarnamn",
            f"Användarnamnet '{name}' går inte att använda: skriv inloggningsnamnet med "
            "bokstäver a–z, siffror, punkt eller bindestreck (högst 64 tecken), t.ex. anna.berg.",
        )
    try:
        data = _checked(data)
    except ValidationError as error:
        problems_all = [*problems.errors, *error.field_errors]
        raise ValidationError(field_errors=problems_all) from None
    problems.raise_any()
    with UnitOfWork(db, user) as uow:
        if uow.session.scalar(select(User.id).where(User.username == name)) is not None:
            raise ValidationError(
                field_errors=[
                    FieldError(
                        "Användarnamn",
                        f"Det finns redan en användare '{name}'. Välj ett annat användarnamn, "
                        "eller ändra den som finns.",
                    )
                ]
            )
        row = User(
            username=name,
            full_name=data.full_name,
            phone=data.phone,
            email=data.email,
            role=data.role,
            active=True,
            protected_access=protected_access,
        )
        held = dict.fromkeys((data.role, *more_roles))
        row.roles = [UserRoleGrant(role=role) for role in held]
        uow.session.add(row)
        uow.session.flush()
        if alongside is not None:
            alongside(uow.session)
        uow.audit("create", "user", row.id)
        uow.commit()
        return row.id


def update_staff(
    db: Database,
    user_id: int,
    expected_version: int | None,
    data: StaffInput,
    *,
    active: bool = True,
    user: str | None = None,
    alongside: Alongside | None = None,
) -> int:
    """Change a user's name, phone, e-mail, role, and whether they are active."""
    data = _checked(data)
    with UnitOfWork(db, user) as uow:
        row = _fetch(uow.session, user_id, expected_version)
        if data.more_roles is not None:  # the form names every role: exactly those
            held = list(dict.fromkeys((data.role, *data.more_roles)))
            kept = {g.role: g for g in row.roles}
            row.roles = [kept.get(role) or UserRoleGrant(role=role) for role in held]
        elif row.role != data.role:  # only the first of the user's roles was edited
            others = [g for g in row.roles if g.role not in (row.role, data.role)]
            row.roles = [UserRoleGrant(role=data.role), *others]
        if data.protected_access is not None:
            row.protected_access = data.protected_access
        row.full_name, row.phone, row.email, row.role = (
            data.full_name,
            data.phone,
            data.email,
            data.role,
        )
        row.active = active
        uow.session.flush()
        if alongside is not None:
            alongside(uow.session)
        uow.audit("update", "user", row.id)
        uow.commit()
        return row.version


def deactivate_staff(
    db: Database, username: str, user: str | None = None, *, alongside: Alongside | None = None
) -> StaffMember:
    """A user who leaves is deactivated, never removed: their name stays on what they did.

    What they were responsible for stays theirs until it is assigned to someone else (Att göra
    shows it under their name); they can no longer be newly assigned.
    """
    with UnitOfWork(db, user) as uow:
        row = _by_username(uow.session, username)
        row.active = False
        if alongside is not None:
            alongside(uow.session)
        uow.audit("deactivate", "user", row.id)
        uow.commit()
        return _member(row)


def set_roles(
    db: Database,
    username: str,
    roles: Sequence[UserRole],
    user: str | None = None,
    *,
    protected_access: bool | None = None,
    alongside: Alongside | None = None,
) -> StaffMember:
    """The user holds exactly `roles` (the first is users.role); at least one is needed.

    `protected_access` given: the user is (True) or is no longer (False) named for protected
    persons; None leaves it as it is.
    """
    if not roles:
        raise ValidationError(
            "En användare måste ha minst en roll. Ge hen en annan roll först. Ingenting ändrades."
        )
    with UnitOfWork(db, user) as uow:
        row = _by_username(uow.session, username)
        held = list(dict.fromkeys(roles))
        kept = {g.role: g for g in row.roles}
        row.roles = [kept.get(role) or UserRoleGrant(role=role) for role in held]
        row.role = held[0]
        if protected_access is not None:
            row.protected_access = protected_access
        uow.session.flush()
        if alongside is not None:
            alongside(uow.session)
        uow.audit("update", "user", row.id, detail="roller")
        uow.commit()
        return _member(row)


def set_protected_access(
    db: Database, username: str, named: bool, user: str | None = None
) -> StaffMember:
    """Name the user for persons with skyddade personuppgifter, or take the naming away.

    Row-level security on PostgreSQL reads users.protected_access at every query: the change
    holds from the user's next query on.
    """
    with UnitOfWork(db, user) as uow:
        row = _by_username(uow.session, username)
        row.protected_access = named
        uow.audit("update", "user", row.id, detail="skyddade")
        uow.commit()
        return _member(row)


def _by_username(session: Session, username: str) -> User:
    row = session.scalar(select(User).where(User.username == username.strip()))
    if row is None:
        raise NotFoundError(
            f"Det finns ingen användare '{username.strip()}'. Se `bobudget user list`."
        )
    return row


def _fetch(session: Session, user_id: int, expected_version: int | None) -> User:
    row = session.get(User, user_id)
    if row is None:
        raise NotFoundError(_GONE)
    if expected_version is not None and row.version != expected_version:
        raise conflict_error(row.updated_by, row.updated_at)
    return row
