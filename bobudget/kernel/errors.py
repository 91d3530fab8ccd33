"""Domain errors: what went wrong, in words a user can act on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One field's problem: `field` is the field's label as the form shows it ("Beslutsdatum"),
    so a form can show `message` next to that field."""

    field: str
    message: str


class DomainError(Exception):
    """A user-caused or environmental problem with a message fit to show (Swedish)."""


class ValidationError(DomainError):
    """Input that breaks a rule; nothing was saved.

    `field_errors` holds every field's problem when a check looked at all fields at once (see
    kernel/problems.py): a form shows each next to its field, at one save. Without a message
    the message is theirs, one a line.
    """

    def __init__(self, message: str = "", *, field_errors: Sequence[FieldError] = ()) -> None:
        self.field_errors = tuple(field_errors)
        super().__init__(message or "\n".join(e.message for e in self.field_errors))


class NotFoundError(DomainError):
    """The thing asked for does not exist (or no longer exists)."""


class ConflictError(DomainError):
    """Someone else saved the same row first; nothing was overwritten."""

    def __init__(self, message: str, *, changed_by: str | None, changed_at: object) -> None:
        super().__init__(message)
        self.changed_by = changed_by
        self.changed_at = changed_at


class DatabaseUnavailableError(DomainError):
    """The database cannot be used: unreachable, wrong password, missing, or too new."""


class PasswordRequiredError(DatabaseUnavailableError):
    """The server wants a password that neither the URL nor the keyring gave."""


class DatabaseBusyError(DomainError):
    """Another user holds the database's write lock longer than we wait; nothing was changed."""


BUSY_MESSAGE = (
    "Databasen används av någon annan just nu — försök igen om en stund. Ingenting ändrades."
)


class PermissionDeniedError(DomainError):
    """The database server refused: the user's roles do not allow it (nothing was changed)."""


DENIED_MESSAGE = (
    "Dina roller i bobudget tillåter inte det här (databasservern nekade). Ingenting ändrades. "
    "Be administratören om en roll som tillåter det, om du behöver den i ditt arbete."
)
