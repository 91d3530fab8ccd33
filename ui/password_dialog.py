"""Asking for the PostgreSQL password: kept in the OS keyring if wanted, never in a file."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import URL

from bobudget.db.passwords import keyring_available, store_password

log = logging.getLogger(__name__)

REMEMBER_TEXT = "Spara lösenordet i Windows autentiseringshanterare / nyckelringen"
NO_KEYRING_TEXT = (
    "Den här datorn har ingen nyckelring där lösenordet kan sparas: det frågas efter varje "
    "gång programmet startar och skrivs aldrig till disken."
)


def describe_account(url: URL) -> str:
    port = f":{url.port}" if url.port else ""
    return f"{url.username or ''}@{url.host or 'localhost'}{port}/{url.database or ''}"


class PasswordDialog(QDialog):
    """The password for user@host/database. `remember` is only offered where a keyring works."""

    def __init__(
        self, url: URL, parent: QWidget | None = None, *, store_only: bool = False
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("bobudget – lösenord till databasen")
        self.setMinimumWidth(460)
        has_keyring = keyring_available()
        intro = QLabel(f"Lösenord för databasen {describe_account(url)}:")
        intro.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Lösenord")
        self.remember = QCheckBox(REMEMBER_TEXT)
        self.remember.setEnabled(has_keyring)
        self.remember.setChecked(has_keyring)
        self.no_keyring_note = QLabel(NO_KEYRING_TEXT)
        self.no_keyring_note.setWordWrap(True)
        self.no_keyring_note.setObjectName("muted")
        self.no_keyring_note.setVisible(not has_keyring)
        # From the settings the only point is to store it, so there is nothing to tick.
        self.remember.setVisible(not store_only)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            "Spara" if store_only else "Anslut"
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.password)
        layout.addWidget(self.remember)
        layout.addWidget(self.no_keyring_note)
        layout.addWidget(buttons)


@dataclass
class PasswordPrompt:
    """The `ask_password` given to open_database: asks with the dialog, remembers the answer.

    The password is put in the keyring only after the connection worked (`store_if_wanted`),
    so a mistyped password is never kept.
    """

    parent: QWidget | None = None
    asked_url: URL | None = None
    password: str = ""
    remember: bool = False

    def __call__(self, url: URL) -> str | None:
        dialog = PasswordDialog(url, self.parent)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.password.text():
            return None
        self.asked_url = url
        self.password = dialog.password.text()
        self.remember = dialog.remember.isEnabled() and dialog.remember.isChecked()
        return self.password

    def store_if_wanted(self) -> None:
        url = self.asked_url
        if (
            url is not None
            and self.remember
            and self.password
            and store_password(url, self.password)
        ):
            log.info("database password stored in the keyring")
        self.password = ""


def store_password_from_dialog(url: URL, parent: QWidget | None = None) -> bool:
    """Settings → Lösenord…: ask once and put it in the keyring; False when nothing was stored."""
    dialog = PasswordDialog(url, parent, store_only=True)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.password.text():
        return False
    return store_password(url, dialog.password.text())
