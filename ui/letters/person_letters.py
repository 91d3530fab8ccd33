"""The person card's Brev section: the letters sent, and "Skriv brev…".

Each letter sent can be shown again exactly as sent; "Skriv brev…" is a menu of the letters
the person's data allows now, the others greyed with the reason.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bobudget.app.letters import LetterLogEntry, letters_for_person, list_letters
from bobudget.db.engine import Database
from bobudget.db.settings_in_use import effective_settings
from bobudget.kernel.formatting import format_timestamp

from .feedback import show_error

log = logging.getLogger(__name__)

EMPTY_TEXT = "Inga brev har skickats till personen."
HEADERS = ("Brev", "Skickat", "Av", "")


class PersonLettersSection(QWidget):
    """Shows one person's letter log; the person card reads it again when a letter to the person
    is logged anywhere."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.person_id: int | None = None
        self.entries: list[LetterLogEntry] = []
        self.setAccessibleName("Brev")

        title = QLabel("Brev")
        title.setObjectName("sectionTitle")
        title.setIndent(0)
        self.write_button = QPushButton("Skriv brev…")
        self.write_button.setAccessibleName("Skriv ett brev till personen")
        self.write_button.setToolTip("Välj ett brev att förhandsgranska och skriva ut (Ctrl+P)")
        self.write_button.clicked.connect(self.choose_letter)
        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setObjectName("muted")

        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setAccessibleName("Skickade brev")
        self.table.verticalHeader().setVisible(False)
        # Tall enough for the Visa button in each row.
        row_height = QPushButton("Visa").sizeHint().height() + 4
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setAlternatingRowColors(True)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(lambda row, _column: self.show_letter(row))

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(title, 1, Qt.AlignmentFlag.AlignBottom)
        top.addWidget(self.write_button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table)

    def show_person(self, person_id: int) -> None:
        self.person_id = person_id
        self.reload()

    def reload(self) -> None:
        if self.person_id is None:
            return
        try:
            self.entries = list_letters(self._db, self.person_id)
        except Exception as error:
            self.entries = []
            log.info("letter log could not be read: %s", type(error).__name__)
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            values = (entry.kind_name, format_timestamp(entry.created_at), entry.created_by)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(row, column, item)
            button = QPushButton("Visa")
            button.setAccessibleName(f"Visa {entry.kind_name} så som det skickades")
            button.setToolTip("Visar brevet exakt så som det skrevs ut")
            button.clicked.connect(lambda _checked=False, r=row: self.show_letter(r))
            self.table.setCellWidget(row, 3, button)
        height = self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(r) for r in range(len(self.entries)))
        self.table.setFixedHeight(height)
        self.table.setVisible(bool(self.entries))
        self.empty_label.setVisible(not self.entries)

    def rows(self) -> list[list[str]]:
        """What the table shows, row by row (for screen-reader summaries and tests)."""
        rows = []
        for r in range(self.table.rowCount()):
            items = [self.table.item(r, c) for c in range(3)]
            rows.append([item.text() if item is not None else "" for item in items])
        return rows

    def show_letter(self, row: int) -> None:
        if 0 <= row < len(self.entries):
            entry = self.entries[row]
            title = f"{entry.kind_name}, skickat {format_timestamp(entry.created_at)}"
            from .print_action import show_logged_letter  # with the PDF viewer: when asked for

            show_logged_letter(self.window(), self._db, entry.id, title)

    # --- Skriv brev… ----------------------------------------------------------------------

    def letter_menu(self) -> QMenu | None:
        """The kinds, those the person's data does not allow greyed with the reason."""
        if self.person_id is None:
            return None
        try:
            choices = letters_for_person(self._db, effective_settings(self._db), self.person_id)
        except Exception as error:
            show_error(self.window(), error)
            return None
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        menu.setAccessibleName("Brev att skriva")
        for choice in choices.kinds:
            action = menu.addAction(choice.name)
            action.setData(choice.kind)
            action.setEnabled(choice.available)
            if not choice.available:
                action.setToolTip(choice.reason)
        return menu

    def choose_letter(self) -> None:
        menu = self.letter_menu()
        if menu is None:
            return
        chosen = menu.exec(self.write_button.mapToGlobal(QPoint(0, self.write_button.height())))
        if chosen is not None and self.person_id is not None:
            self.write(str(chosen.data()))

    def write(self, kind: str) -> None:
        if self.person_id is not None:
            from .print_action import open_letter_preview  # with the PDF viewer: when asked for

            open_letter_preview(self.window(), self._db, kind, self.person_id)
