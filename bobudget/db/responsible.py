"""Who may be named responsible for a case or a to-do: an active user in the users list.

Every "Ansvarig" column refers to `users.username` (model.base.responsible_column). The
services of every domain pass what a form or the command line gave through `check_responsible`
before they store it, so an unknown or deactivated user is refused in words, not by the
database's foreign key.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bobudget.kernel.errors import FieldError, ValidationError
from bobudget.model import User

__all__ = [
    "RESPONSIBLE_LABEL",
    "check_responsible",
    "default_responsible",
    "responsible_for_change",
    "responsible_for_new",
    "responsible_names",
    "shown_responsible",
]

RESPONSIBLE_LABEL = "Ansvarig"


def check_responsible(
    session: Session, username: str | None, *, keep: str | None = None
) -> str | None:
    """The username to store, None for nobody ("" or only spaces).

    Refuses a username that is not an active user. `keep` is the row's present responsible:
    a user who has since been deactivated may stay where they already are, never be newly named.
    """
    name = (username or "").strip()
    if not name:
        return None
    row = session.scalar(select(User).where(User.username == name))
    if row is not None and (row.active or name == keep):
        return name
    if row is None:
        message = (
            f"Det finns ingen användare '{name}'. Välj en ansvarig i listan över användare, "
            "eller Ingen; nya användare läggs till under Administration."
        )
    else:
        message = (
            f"Användaren '{name}' ({row.full_name or name}) är inaktiverad och kan inte bli "
            "ansvarig. Välj en annan användare, eller Ingen."
        )
    raise ValidationError(field_errors=[FieldError(RESPONSIBLE_LABEL, message)])


def default_responsible(session: Session, username: str) -> str | None:
    """The one who creates a row answers for it, when they are an active user; else nobody."""
    return session.scalar(select(User.username).where(User.username == username, User.active))


def responsible_for_new(session: Session, given: str | None, user: str) -> str | None:
    """A new row's responsible: the one given (checked; "" for nobody), else its creator.

    None means the form or command did not say: the one who creates a row answers for it.
    """
    if given is None:
        return default_responsible(session, user)
    return check_responsible(session, given)


def responsible_for_change(session: Session, given: str | None, present: str | None) -> str | None:
    """A changed row's responsible: the one given (checked; "" for nobody), else as it was."""
    if given is None:
        return present
    return check_responsible(session, given, keep=present)


def shown_responsible(full_name: str | None, username: str | None) -> str:
    """The responsible as a list shows them: the full name, else the username; "" for nobody."""
    return (full_name or "").strip() or (username or "")


def responsible_names(session: Session) -> dict[str, str]:
    """Username → the name a list shows, for every user (the users list is short)."""
    return {
        username: shown_responsible(full_name, username)
        for username, full_name in session.execute(select(User.username, User.full_name))
    }
