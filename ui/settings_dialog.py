"""Arkiv → Inställningar…: which database, the letterhead, and the temporary-housing routine."""

from __future__ import annotations

import logging
import os
from dataclasses import replace
from pathlib import Path

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
    Letterhead,
    Settings,
    default_sqlite_path,
    load_settings,
    save_settings,
)
from bobudget.kernel.errors import DomainError
from ui.password_dialog import store_password_from_dialog

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
        tabs.addTab(self._letterhead_tab(settings.letterhead), "Brevhuvud")
        self._add_template_folder(settings)
        tabs.addTab(self._temporary_tab(settings), "Tillfälligt boende")
        self.tabs = tabs

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("Spara", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.error_label)
        layout.addWidget(tabs, 1)
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

    # --- Brevhuvud -------------------------------------------------------------------------

    def _letterhead_tab(self, letterhead: Letterhead) -> QWidget:
        page = QWidget()
        self.municipality = _line("Kommun", letterhead.municipality)
        self.administration = _line("Förvaltning", letterhead.administration)
        self.unit = _line("Enhet", letterhead.unit)
        self.postal_address = _line("Postadress", letterhead.postal_address)
        self.phone = _line("Telefon", letterhead.phone)
        self.email = _line("E-post", letterhead.email)
        self.logo_path = _line("Logotyp", letterhead.logo_path)
        browse = QPushButton("Bläddra…")
        browse.setAccessibleName("Välj logotyp")
        browse.clicked.connect(self._browse_logo)
        self.forwarding_address = _line(
            "Skatteverkets vidarebefordringsadress", letterhead.forwarding_address
        )
        self.emergency_phone = _line("Socialjourens telefon", letterhead.emergency_phone)
        form = QFormLayout(page)
        form.addRow("Kommun:", self.municipality)
        form.addRow("Förvaltning:", self.administration)
        form.addRow("Enhet:", self.unit)
        form.addRow("Postadress:", self.postal_address)
        form.addRow("Telefon:", self.phone)
        form.addRow("E-post:", self.email)
        form.addRow("Logotyp:", _with_browse(self.logo_path, browse))
        form.addRow("Vidarebefordringsadress:", self.forwarding_address)
        form.addRow("Socialjouren:", self.emergency_phone)
        hint = QLabel(
            "Vidarebefordringsadressen är Skatteverkets adress för post till personer med "
            "skyddade personuppgifter; deras egen adress skrivs aldrig i ett brev."
        )
        hint.setWordWrap(True)
        hint.setObjectName("muted")
        form.addRow("", hint)
        self.letterhead_form = form
        return page

    def _browse_logo(self) -> None:
        # Letters take PNG or JPEG only: ReportLab cannot place an SVG.
        path, _ = QFileDialog.getOpenFileName(
            self, "Välj logotyp", self.logo_path.text(), "Bilder (*.png *.jpg *.jpeg)"
        )
        if path:
            self.logo_path.setText(path)

    def _add_template_folder(self, settings: Settings) -> None:
        self.template_folder = _line("Mallmapp", settings.template_folder)
        self.template_folder.setPlaceholderText("tomt: standardmallarna används")
        browse = QPushButton("Bläddra…")
        browse.setAccessibleName("Välj mapp med egna brevmallar")
        browse.clicked.connect(self._browse_template_folder)
        hint = QLabel(
            "En mall i mallmappen (t.ex. temporary_renewal.txt) används i stället för "
            "standardmallen med samma namn; övriga brev använder standardmallarna."
        )
        hint.setWordWrap(True)
        hint.setObjectName("muted")
        self.letterhead_form.addRow("Mallmapp:", _with_browse(self.template_folder, browse))
        self.letterhead_form.addRow("", hint)

    def _browse_template_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Välj mapp med egna brevmallar", self.template_folder.text()
        )
        if folder:
            self.template_folder.setText(folder)

    def letterhead(self) -> Letterhead:
        return Letterhead(
            municipality=self.municipality.text().strip(),
            administration=self.administration.text().strip(),
            unit=self.unit.text().strip(),
            postal_address=self.postal_address.text().strip(),
            phone=self.phone.text().strip(),
            email=self.email.text().strip(),
            logo_path=self.logo_path.text().strip(),
            forwarding_address=self.forwarding_address.text().strip(),
            emergency_phone=self.emergency_phone.text().strip(),
        )

    # --- Tillfälligt boende ----------------------------------------------------------------

    def _temporary_tab(self, settings: Settings) -> QWidget:
        page = QWidget()
        self.period_months = QSpinBox()
        self.period_months.setRange(1, 12)
        self.period_months.setValue(settings.temporary_period_months)
        self.period_months.setAccessibleName("Periodlängd i månader")
        self.period_months.setMaximumWidth(120)
        self.reminder_days = QSpinBox()
        self.reminder_days.setRange(1, 90)
        self.reminder_days.setValue(settings.renewal_reminder_days)
        self.reminder_days.setAccessibleName("Påminnelse i dagar")
        self.reminder_days.setMaximumWidth(120)
        form = QFormLayout(page)
        form.addRow("Periodlängd (månader):", self.period_months)
        form.addRow("Påminnelse (dagar):", self.reminder_days)
        hint = QLabel(
            "Ett tillfälligt boende gäller en period i taget, enligt kommunens rutin tre "
            "månader; en period kan kortas för hand men aldrig göras längre. Så många dagar "
            "före periodens slut visas placeringen under Att göra för beslut om förlängning."
        )
        hint.setWordWrap(True)
        hint.setObjectName("muted")
        form.addRow("", hint)
        return page

    # --- Spara -----------------------------------------------------------------------------

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def settings(self) -> Settings:
        return replace(
            self._settings,
            database=self.database_settings(),
            letterhead=self.letterhead(),
            template_folder=self.template_folder.text().strip(),
            temporary_period_months=self.period_months.value(),
            renewal_reminder_days=self.reminder_days.value(),
        )

    def save(self) -> None:
        settings = self.settings()
        database = settings.database
        if database.kind == "postgresql" and not (database.host and database.name):
            self.tabs.setCurrentIndex(0)
            self.show_error(
                "Fyll i databasserverns namn och databasens namn, eller välj lokal fil."
            )
            return
        if settings.template_folder and not Path(settings.template_folder).is_dir():
            self.tabs.setCurrentIndex(1)
            self.show_error(
                f"Mallmappen {settings.template_folder} finns inte eller kan inte nås. Välj en "
                "mapp som finns, eller töm fältet för att använda standardmallarna."
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
