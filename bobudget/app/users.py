"""The signed-in user's own details as the letters' handling officer: name, phone, e-mail.

The user is the login name the program records as created_by (bobudget.db.uow); the row in
`users` gives the name and phone a letter is signed with. A user fills in their own row here
(the window's Arkiv → Mina uppgifter…, the command `bobudget user set`).
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork, current_username
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.text_check import check_text
from bobudget.letters.sender import Officer
from bobudget.model import User

__all__ = ["Officer", "officer_of", "own_details", "set_own_details"]

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
        return officer_of(session, user or current_username())


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
