"""Administration → Brevmallar: the unit's own text of each letter template, and its versions.

Pick a template on the left, edit its text, save it as a new version (checked as it will be
when it prints); below, every saved version, and restoring one makes it the newest again.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bobudget.db.engine import Database
from bobudget.db.unit_settings import user_may_administer
from bobudget.db.uow import current_username
from bobudget.kernel.errors import DomainError
from bobudget.kernel.formatting import format_timestamp
from bobudget.letters.unit_templates import (
    TemplateName,
    TemplateVersion,
    restore_template,
    save_template,
    template_names,
    template_text,
    template_versions,
    use_standard_template,
)

from ..changes import run_change
from ..follow_up.widgets import Column, RowsModel, make_table, selected_row

log = logging.getLogger(__name__)


class TemplateEditor(QWidget):
    """The list of templates, the chosen one's text, and its versions."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.names: list[TemplateName] = template_names()
        self.versions: list[TemplateVersion] = []
        self._shown_version: int | None = None
        self._may = False
        title = QLabel("Brevmallar")
        title.setObjectName("sectionTitle")
        help_text = QLabel(
            "Enhetens egna texter för breven, gemensamma för alla datorer. En sparad text blir "
            "en ny version som nästa brev använder; brevloggen visar vilken version varje brev "
            "skrevs med. Mallspråket beskrivs i resources/letters/README.md."
        )
        help_text.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Brevmallar")
        for named in self.names:
            self.list.addItem(named.label)
        # As wide as the longest name, within reason: the text beside it needs the room.
        self.list.setFixedWidth(min(self.list.sizeHintForColumn(0) + 28, 420))
        self.list.currentRowChanged.connect(lambda _row: self.reload())
        self.status = QLabel()
        self.status.setObjectName("muted")
        self.status.setAccessibleName("Mallens status")
        self.status.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Mallens text")
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setTabChangesFocus(True)
        self.save_button = QPushButton("&Spara som ny version")
        self.save_button.clicked.connect(self.save)
        self.standard_button = QPushButton("Använd s&tandardmallen")
        self.standard_button.setToolTip("Enhetens versioner sparas kvar och kan återställas.")
        self.standard_button.clicked.connect(self.use_standard)
        self.undo_button = QPushButton("Å&ngra ändringarna")
        self.undo_button.clicked.connect(self.reload)
        buttons = QHBoxLayout()
        for b in (self.save_button, self.standard_button, self.undo_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.versions_model: RowsModel[TemplateVersion] = RowsModel(
            [
                Column("Version", lambda v: str(v.version)),
                Column("Används", lambda v: "ja" if v.active else ""),
                Column("Sparad", lambda v: format_timestamp(v.created_at)),
                Column("Av", lambda v: v.created_by),
                Column("Hur", lambda v: v.source.label),
            ],
            emphasis=lambda v: v.active,
        )
        self.versions_table: QTableView = make_table(
            self.versions_model, "Mallens versioner", stretch=4, fit=(0, 1, 2, 3)
        )
        self.versions_table.setTabKeyNavigation(False)
        self.versions_table.setMaximumHeight(180)
        self.versions_table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.restore_button = QPushButton("Å&terställ vald version")
        self.restore_button.clicked.connect(self.restore)
        self.show_button = QPushButton("&Visa vald version")
        self.show_button.setToolTip("Visar versionens text i rutan ovan; spara för att använda.")
        self.show_button.clicked.connect(self.show_version)
        version_buttons = QHBoxLayout()
        version_buttons.addWidget(self.show_button)
        version_buttons.addWidget(self.restore_button)
        version_buttons.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.status)
        right.addWidget(self.error)
        right.addWidget(self.editor, 1)
        right.addLayout(buttons)
        right.addWidget(QLabel("Versioner"))
        right.addWidget(self.versions_table)
        right.addLayout(version_buttons)
        columns = QHBoxLayout()
        columns.addWidget(self.list)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(help_text)
        layout.addLayout(columns, 1)
        self.list.setCurrentRow(0)

    def current(self) -> TemplateName:
        return self.names[max(0, self.list.currentRow())]

    def reload(self) -> None:
        named = self.current()
        try:
            text, version = template_text(self._db, named.name)
            self.versions = template_versions(self._db, named.name)
            self._may = user_may_administer(self._db, current_username(self._db))
        except (DomainError, OSError) as error:
            self._show_error(str(error))
            return
        self.error.hide()
        self.editor.setPlainText(text)
        # What the administrator starts from: a save over someone else's newer save is refused.
        self._shown_version = version
        self.editor.setReadOnly(not self._may)
        origin = f"enhetens version {version}" if version is not None else "standardmallen"
        note = "" if self._may else " Bara en administratör kan ändra mallarna."
        self.status.setText(f"{named.label} ({named.file_name}): {origin} används.{note}")
        self.versions_model.set_rows(self.versions)
        self._enable()

    def _enable(self) -> None:
        chosen = self.selected_version() is not None
        self.save_button.setEnabled(self._may)
        self.standard_button.setEnabled(self._may and any(v.active for v in self.versions))
        self.restore_button.setEnabled(self._may and chosen)
        self.show_button.setEnabled(chosen)

    def selected_version(self) -> TemplateVersion | None:
        row = selected_row(self.versions_table)
        return self.versions[row] if row is not None and row < len(self.versions) else None

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _run(self, call: object, *args: object, **named: object) -> bool:
        try:
            run_change(call, self._db, *args, **named)  # type: ignore[arg-type]
        except DomainError as error:
            self._show_error(str(error))
            return False
        self.reload()
        return True

    def save(self) -> None:
        name, text = self.current().name, self.editor.toPlainText()
        if self._run(save_template, name, text, based_on=self._shown_version):
            log.info("letter template saved")

    def use_standard(self) -> None:
        self._run(use_standard_template, self.current().name)

    def show_version(self) -> None:
        version = self.selected_version()
        if version is not None:
            self.editor.setPlainText(version.text)
            self.status.setText(f"Visar version {version.version}; spara för att använda den.")

    def restore(self) -> None:
        version = self.selected_version()
        if version is not None:
            self._run(restore_template, self.current().name, version.version)
