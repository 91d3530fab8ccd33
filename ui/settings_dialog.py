"""Arkiv → Inställningar…: which database, the letterhead, and the temporary-housing routine."""

from __future__ import annotations

import logging
import os
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bobudget.db.engine import parse_url
from bobudget.db.open import DatabaseInUse
from bobudget.db.passwords import keyring_available
from bobudget.kernel.config import (
    ENV_DATABASE_URL,
    DatabaseSettings,
    Settings,
    default_sqlite_path,
    load_settings,
    save_settings,
)
from bobudget.kernel.errors import DomainError

from .password_dialog import store_password_from_dialog

log = logging.getLogger(__name__)

RESTART_NOTE = (
    "En ändrad databas används nästa gång bobudget startas. Lösenordet sparas aldrig i "
    "inställningsfilen, bara i Windows autentiseringshanterare / nyckelringen."
)
ENV_NOTE = (
    f"Obs: miljövariabeln {ENV_DATABASE_URL} är satt på den här datorn och går före "
    "databasen som väljs här."
)


def _line(name: str, text: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setAccessibleName(name)
    return edit


def _with_browse(edit: QLineEdit, button: QPushButton) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    layout.addWidget(button)
    return row


IN_USE_CAPTION = "Databasen som används nu:"


class SettingsDialog(QDialog):
    """`in_use` is the database the window works in (None before one is open): shown above the
    choice, with where it was chosen, so nobody edits settings that --db or the environment
    variable overrides without knowing it."""

    def __init__(
        self,
        parent: QWidget | None = None,
        settings: Settings | None = None,
        in_use: DatabaseInUse | None = None,
    ) -> None:
        super().__init__(parent)
        self._in_use = in_use
        self.setWindowTitle("Inställningar")
        self.setMinimumSize(640, 440)
        self.error_label = QLabel()
        self.error_label.setObjectName("formError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        if settings is None:
            try:
                settings = load_settings()
            except DomainError as error:
                settings = Settings()
                self.show_error(f"{error} Om du sparar här skrivs en ny inställningsfil.")
        self._settings = settings

        tabs = QTabWidget()
        tabs.addTab(self._database_tab(settings.database), "Databas")
        self.tabs = tabs
        # The letterhead, the periods and the templates are the unit's, in the database.
        moved = QLabel(
            "Brevhuvud, vidarebefordringsadress, perioder för tillfälligt boende och brevmallar "
            "är enhetens gemensamma inställningar och finns i databasen: en administratör "
            "ändrar dem under Administration → Enhetens inställningar och Brevmallar."
        )
        moved.setWordWrap(True)
        moved.setObjectName("muted")

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("Spara", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.error_label)
        layout.addWidget(tabs, 1)
        layout.addWidget(moved)
        layout.addWidget(buttons)
        self._kind_changed()

    # --- Databas ---------------------------------------------------------------------------

    def _database_tab(self, database: DatabaseSettings) -> QWidget:
        page = QWidget()
        self.sqlite_choice = QRadioButton("Lokal fil på den här datorn (SQLite)")
        self.postgres_choice = QRadioButton("Delad databasserver (PostgreSQL)")
        group = QButtonGroup(page)
        group.addButton(self.sqlite_choice)
        group.addButton(self.postgres_choice)
        (self.postgres_choice if database.kind == "postgresql" else self.sqlite_choice).setChecked(
            True
        )
        self.sqlite_choice.toggled.connect(self._kind_changed)

        self.sqlite_path = _line("Databasfil", database.path)
        self.sqlite_path.setPlaceholderText(str(default_sqlite_path()))
        browse = QPushButton("Bläddra…")
        browse.setAccessibleName("Välj databasfil")
        browse.clicked.connect(self._browse_database)
        self.sqlite_row = _with_browse(self.sqlite_path, browse)

        self.host = _line("Server", database.host)
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(database.port)
        self.port.setAccessibleName("Port")
        self.port.setMaximumWidth(120)
        self.database_name = _line("Databasens namn", database.name)
        self.user = _line("Användare", database.user)
        self.user.setPlaceholderText("ditt användarnamn i databasen")
        self.password_button = QPushButton("Lösenord…")
        self.password_button.setAccessibleName("Spara lösenordet i nyckelringen")
        self.password_button.clicked.connect(self._store_password)
        self.password_note = QLabel()
        self.password_note.setWordWrap(True)
        self.password_note.setObjectName("muted")
        if keyring_available():
            self.password_note.setText(
                "Lösenordet sparas i Windows autentiseringshanterare / nyckelringen, "
                "eller så frågar programmet efter det när det ansluter."
            )
        else:
            self.password_button.setEnabled(False)
            self.password_note.setText(
                "Den här datorn har ingen nyckelring: lösenordet frågas efter vid varje start "
                "och skrivs aldrig till disken."
            )

        server = QFormLayout()
        server.addRow("Server:", self.host)
        server.addRow("Port:", self.port)
        server.addRow("Databas:", self.database_name)
        server.addRow("Användare:", self.user)
        password_row = QHBoxLayout()
        password_row.addWidget(self.password_button)
        password_row.addStretch(1)
        server.addRow("Lösenord:", password_row)
        server.addRow("", self.password_note)
        self.server_fields = QWidget()
        self.server_fields.setLayout(server)

        local = QFormLayout()
        local.addRow("Fil:", self.sqlite_row)
        self.local_fields = QWidget()
        self.local_fields.setLayout(local)

        note = QLabel(RESTART_NOTE)
        note.setWordWrap(True)
        note.setObjectName("muted")
        layout = QVBoxLayout(page)
        self._add_in_use(layout)
        layout.addWidget(self.sqlite_choice)
        layout.addWidget(self.local_fields)
        layout.addWidget(self.postgres_choice)
        layout.addWidget(self.server_fields)
        layout.addWidget(note)
        # The note on the database in use already tells of the environment variable.
        if os.environ.get(ENV_DATABASE_URL) and self._in_use is None:
            env_note = QLabel(ENV_NOTE)
            env_note.setWordWrap(True)
            env_note.setObjectName("formError")
            layout.addWidget(env_note)
        layout.addStretch(1)
        return page

    def _add_in_use(self, layout: QVBoxLayout) -> None:
        self.in_use_address = QLabel()
        self.in_use_note = QLabel()
        if self._in_use is None:
            return
        caption = QLabel(IN_USE_CAPTION)
        caption.setObjectName("sectionTitle")
        self.in_use_address.setText(self._in_use.address)
        self.in_use_address.setAccessibleName("Databasen som används nu")
        self.in_use_address.setWordWrap(True)
        self.in_use_address.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.in_use_note.setText(self._in_use.note())
        self.in_use_note.setWordWrap(True)
        # Settings that do not decide now are said in the error colour, and in words.
        self.in_use_note.setObjectName("formError" if self._in_use.overrides_settings else "muted")
        layout.addWidget(caption)
        layout.addWidget(self.in_use_address)
        layout.addWidget(self.in_use_note)
        layout.addSpacing(8)
        chosen = QLabel("Databas i inställningarna:")
        chosen.setObjectName("sectionTitle")
        layout.addWidget(chosen)

    def _kind_changed(self) -> None:
        local = self.sqlite_choice.isChecked()
        self.local_fields.setEnabled(local)
        self.server_fields.setEnabled(not local)

    def _browse_database(self) -> None:
        start = self.sqlite_path.text() or str(default_sqlite_path())
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Välj databasfil",
            start,
            "bobudget-databas (*.db);;Alla filer (*)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.sqlite_path.setText(path)

    def _store_password(self) -> None:
        database = self.database_settings()
        try:
            url = parse_url(database.url())
        except DomainError as error:
            self.show_error(str(error))
            return
        if store_password_from_dialog(url, self):
            self.password_note.setText("Lösenordet är sparat i nyckelringen.")

    def database_settings(self) -> DatabaseSettings:
        return DatabaseSettings(
            kind="sqlite" if self.sqlite_choice.isChecked() else "postgresql",
            path=self.sqlite_path.text().strip(),
            host=self.host.text().strip(),
            port=self.port.value(),
            name=self.database_name.text().strip(),
            user=self.user.text().strip(),
        )

    # --- Spara -----------------------------------------------------------------------------

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def settings(self) -> Settings:
        return replace(self._settings, database=self.database_settings())

    def save(self) -> None:
        settings = self.settings()
        database = settings.database
        if database.kind == "postgresql" and not (database.host and database.name):
            self.tabs.setCurrentIndex(0)
            self.show_error(
                "Fyll i databasserverns namn och databasens namn, eller välj lokal fil."
            )
            return
        try:
            save_settings(settings)
        except OSError as error:
            self.show_error(
                f"Inställningarna kunde inte sparas ({error.strerror or error}). "
                "Kontrollera att du har behörighet att skriva i din profilmapp."
            )
            return
        log.info("settings saved (database kind %s)", database.kind)
        self.accept()
