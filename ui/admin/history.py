"""Historik: the change trail of one person (a dialog from the person card) or by one user
(Administration → Ändringar per användare): when, who, what, field, before → after."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bobudget.app.audit_log import TrailLine, change_history
from bobudget.app.users import list_staff
from bobudget.db.engine import Database
from bobudget.kernel.errors import DomainError
from bobudget.kernel.formatting import format_timestamp

from ..kit.table_model import Column, TableModel

# The newest changes shown at most; the command line `bobudget log changes` lists them all.
SHOWN_AT_MOST = 2000

COLUMNS: list[Column[TrailLine]] = [
    Column("När", lambda line: format_timestamp(line.at), sort_key=lambda line: line.at),
    Column("Vem", lambda line: line.full_name, tooltip=lambda line: line.username),
    Column("Vad", lambda line: line.what),
    Column("Person", lambda line: f"BU-{line.person_id}" if line.person_id else ""),
    Column("Fält", lambda line: line.field),
    Column("Före", lambda line: line.old),
    Column("Efter", lambda line: line.new),
]


class HistoryTable(QWidget):
    """The trail's lines in a table, newest first, with a line saying how many."""

    def __init__(self, db: Database, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.model: TableModel[TrailLine] = TableModel(COLUMNS, parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(name)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")
        self.count_label.setAccessibleName(f"{name}: antal ändringar")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)

    def show_history(self, *, person_id: int | None = None, user: str | None = None) -> None:
        try:
            lines = change_history(self._db, person_id=person_id, user=user, limit=SHOWN_AT_MOST)
        except DomainError as error:
            self.model.set_rows([])
            self.count_label.setText(str(error))
            return
        self.model.set_rows(lines)
        self.table.resizeColumnsToContents()
        if not lines:
            self.count_label.setText("Inga sparade ändringar.")
        else:
            self.count_label.setText(f"{len(lines)} ändrade fält, de senaste först")


class PersonHistoryDialog(QDialog):
    """The person's Historik: every saved change to them and what hangs off them."""

    def __init__(self, db: Database, person_id: int, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Historik – {name}")
        self.setAccessibleName("Historik")
        self.history = HistoryTable(db, "Personens ändringshistorik")
        self.history.show_history(person_id=person_id)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("&Stäng")
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Stäng historiken")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.history, 1)
        layout.addWidget(buttons)
        self.resize(1000, 560)
        self.history.table.setFocus(Qt.FocusReason.OtherFocusReason)


class UserChanges(QWidget):
    """Administration → Ändringar per användare: choose a user, see what they changed."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.user_box = QComboBox()
        self.user_box.setAccessibleName("Användare vars ändringar visas")
        label = QLabel("&Användare:")
        label.setBuddy(self.user_box)
        self.history = HistoryTable(db, "Användarens ändringar")
        self.user_box.currentIndexChanged.connect(self._show)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.user_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.history, 1)
        QShortcut(QKeySequence("F5"), self, self.reload)
        self.reload()

    def reload(self) -> None:
        chosen = self.user_box.currentData()
        self.user_box.blockSignals(True)
        self.user_box.clear()
        for member in list_staff(self._db):
            self.user_box.addItem(
                f"{member.full_name or member.username} ({member.username})", member.username
            )
        index = self.user_box.findData(chosen) if chosen else -1
        self.user_box.setCurrentIndex(max(index, 0))
        self.user_box.blockSignals(False)
        self._show()

    def _show(self) -> None:
        username = self.user_box.currentData()
        if username:
            self.history.show_history(user=str(username))
        else:
            self.history.model.set_rows([])
            self.history.count_label.setText("Välj en användare.")
