"""Administration → Enhetens inställningar: letterhead, forwarding address, periods, targets.

One form over the unit's settings in the database (every PC prints with them), saved as a
whole through the change runner by an administrator, and the history of every change below it.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bobudget.db.engine import Database
from bobudget.db.unit_settings import (
    SETTING_KEYS,
    SettingChange,
    set_settings,
    setting_history,
    setting_rows,
    user_may_administer,
)
from bobudget.db.uow import current_username
from bobudget.kernel.errors import ConflictError, DomainError
from bobudget.kernel.formatting import format_timestamp

from ..changes import run_change
from ..follow_up.widgets import Column, RowsModel, make_table
from ..kit import Choice, ask_about_conflict

log = logging.getLogger(__name__)

# The form's groups, in the order an administrator fills them in.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Brevhuvud",
        (
            "letterhead.municipality",
            "letterhead.administration",
            "letterhead.unit",
            "letterhead.address",
            "letterhead.phone",
            "letterhead.email",
            "letterhead.logo_path",
        ),
    ),
    ("Skyddade personuppgifter", ("forwarding_address.address",)),
    ("Tillfälligt boende", ("temporary.period_months", "temporary.reminder_days")),
    ("Bostad först och socialjour", ("bostad_forst.target", "socialjouren.phone")),
)
MULTILINE = frozenset({"letterhead.address", "forwarding_address.address"})


def _one_line(text: str) -> str:
    return text.replace("\n", ", ")


class UnitSettingsEditor(QWidget):
    """The unit's settings as a form, and who changed what when."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._saved: dict[str, str] = {}
        title = QLabel("Enhetens inställningar")
        title.setObjectName("sectionTitle")
        help_text = QLabel(
            "Gäller alla datorer som använder databasen: brevhuvudet och adresserna står i "
            "varje brev, perioden och påminnelsen styr listorna. Varje ändring sparas med vem "
            "som gjorde den och när."
        )
        help_text.setWordWrap(True)
        self.role_note = QLabel()
        self.role_note.setObjectName("muted")
        self.role_note.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        form_host = QWidget()
        form_layout = QVBoxLayout(form_host)
        form_layout.setContentsMargins(0, 0, 0, 0)
        for heading, keys in GROUPS:
            box = QGroupBox(heading)
            form = QFormLayout(box)
            for key in keys:
                spec = SETTING_KEYS[key]
                field: QLineEdit | QPlainTextEdit
                if key in MULTILINE:
                    field = QPlainTextEdit()
                    field.setTabChangesFocus(True)
                    field.setFixedHeight(field.fontMetrics().height() * 4 + 12)
                else:
                    field = QLineEdit()
                field.setAccessibleName(spec.label)
                self.fields[key] = field
                form.addRow(f"{spec.label}:", field)
            form_layout.addWidget(box)
        form_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_host)
        scroll.setAccessibleName("Enhetens inställningar")
        self.save_button = QPushButton("&Spara inställningarna")
        self.save_button.clicked.connect(self.save)
        self.undo_button = QPushButton("Å&ngra ändringarna")
        self.undo_button.clicked.connect(self.reload)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        history_title = QLabel("Ändringar")
        history_title.setObjectName("sectionTitle")
        self.history_model: RowsModel[SettingChange] = RowsModel(
            [
                Column("När", lambda c: format_timestamp(c.changed_at)),
                Column("Vem", lambda c: c.changed_by),
                Column("Inställning", lambda c: c.label),
                Column("Hur", lambda c: c.source.label),
                Column("Från", lambda c: _one_line(c.old_value) or "–"),
                Column("Till", lambda c: _one_line(c.new_value) or "–"),
            ]
        )
        self.history: QTableView = make_table(
            self.history_model, "Ändringar av enhetens inställningar", stretch=5, fit=(0, 1, 3)
        )
        self.history.setTabKeyNavigation(False)
        left = QVBoxLayout()
        left.addWidget(scroll, 1)
        left.addLayout(buttons)
        right = QVBoxLayout()
        right.addWidget(history_title)
        right.addWidget(self.history, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(help_text)
        layout.addWidget(self.role_note)
        layout.addWidget(self.error)
        layout.addLayout(columns, 1)
        self.reload()

    def _text(self, key: str) -> str:
        field = self.fields[key]
        return field.toPlainText() if isinstance(field, QPlainTextEdit) else field.text()

    def reload(self) -> None:
        try:
            rows = setting_rows(self._db)
            history = setting_history(self._db)
            may = user_may_administer(self._db, current_username(self._db))
        except DomainError as error:
            self._show_error(str(error))
            return
        self.error.hide()
        self._saved = {row.key: row.value for row in rows}
        for row in rows:
            field = self.fields[row.key]
            if isinstance(field, QPlainTextEdit):
                field.setPlainText(row.value)
            else:
                field.setText(row.value)
            field.setReadOnly(not may)
        self.save_button.setEnabled(may)
        self.undo_button.setEnabled(may)
        self.history_model.set_rows(history)
        self.role_note.setText(self._role_text(may))

    def _role_text(self, may: bool) -> str:
        if not may:
            return "Bara en administratör kan ändra enhetens inställningar. Du kan läsa dem här."
        if self._db.is_sqlite:
            return (
                "Databasen är en lokal fil: rollerna är rådgivande här, och den som öppnar "
                "filen kan ändra inställningarna. I en gemensam PostgreSQL-databas kan bara en "
                "administratör det."
            )
        return "Du är administratör och kan ändra enhetens inställningar."

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def save(self) -> None:
        changed = {
            key: self._text(key)
            for key in self.fields
            if self._text(key).strip() != self._saved.get(key, "").strip()
        }
        if not changed:
            self.error.hide()
            return
        # What the form read: a save over another administrator's change is refused.
        expected = {key: self._saved.get(key, "") for key in changed}
        try:
            run_change(set_settings, self._db, changed, expected=expected)
        except ConflictError as error:
            self._conflict(error, changed)
            return
        except DomainError as error:
            self._show_error(str(error))
            return
        log.info("unit settings saved: %d keys", len(changed))
        self.reload()

    def _conflict(self, error: ConflictError, typed: dict[str, str]) -> None:
        """The same choice as every form: read in what is saved, or save the typed values."""
        try:
            saved = {row.key: row.value for row in setting_rows(self._db)}
        except DomainError:
            self.reload()
            return
        label = {key: SETTING_KEYS[key].label for key in typed}
        choice = ask_about_conflict(
            self,
            error,
            {label[key]: value for key, value in typed.items()},
            {label[key]: saved.get(key, "") for key in typed},
        )
        if choice is Choice.RELOAD:
            self.reload()
        elif choice is Choice.REAPPLY:
            # The values just read become what the form read: the typed ones are saved over them.
            self._saved = saved
            self.save()
        else:
            self._show_error(str(error))
