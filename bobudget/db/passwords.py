"""Database passwords in the OS keyring (service 'bobudget'); never written to a file."""

from __future__ import annotations

import contextlib
import logging

from sqlalchemy.engine import URL

# keyring is imported where it is asked, not here: it loads a good deal (its backends, urllib)
# that a start on a local file, or on a server without a password, never needs.

SERVICE = "bobudget"
log = logging.getLogger(__name__)


def keyring_key(url: URL) -> str:
    """One entry per user, server and database, so two servers never share a password."""
    return f"{url.username}@{url.host}:{url.port or 5432}/{url.database}"


def keyring_available() -> bool:
    """False where no real keyring works (headless Linux): then we ask every time."""
    import keyring

    try:
        backend = keyring.get_keyring()
    except Exception:
        return False
    priority = getattr(backend, "priority", 0)
    name = type(backend).__module__
    return bool(priority and priority > 0) and "fail" not in name and "null" not in name


def get_password(url: URL) -> str | None:
    import keyring
    import keyring.errors

    if not keyring_available():
        return None
    try:
        value: str | None = keyring.get_password(SERVICE, keyring_key(url))
    except keyring.errors.KeyringError as error:
        log.warning("keyring read failed: %s", type(error).__name__)
        return None
    return value


def store_password(url: URL, password: str) -> bool:
    """Keep the password in the keyring; False if there is no keyring to keep it in."""
    import keyring
    import keyring.errors

    if not keyring_available():
        return False
    try:
        keyring.set_password(SERVICE, keyring_key(url), password)
    except keyring.errors.KeyringError as error:
        log.warning("keyring write failed: %s", type(error).__name__)
        return False
    return True


def forget_password(url: URL) -> None:
    import keyring
    import keyring.errors

    if not keyring_available():
        return
    with contextlib.suppress(keyring.errors.KeyringError):
        keyring.delete_password(SERVICE, keyring_key(url))
