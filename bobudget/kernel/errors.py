"""Domain errors: what went wrong, in words a user can act on."""


class DomainError(Exception):
    """A user-caused or environmental problem with a message fit to show (Swedish)."""


class ValidationError(DomainError):
    """Input that breaks a rule; nothing was saved."""


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
