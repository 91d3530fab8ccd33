"""Finding a person: a search field that filters as you type, over a table of matches."""

from __future__ import annotations

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bobudget.db.engine import Database
from bobudget.kernel.errors import ValidationError
from bobudget.persons.registry import PersonRow, search_persons

from ..kit.id_rows import Column, RowListModel
from ..style import RED

SEARCH_LIMIT = 200
DEBOUNCE_MS = 200
PROTECTED_CITY_TEXT = "Skyddad"

AnyIndex = QModelIndex | QPersistentModelIndex


PROTECTED_TOOLTIP = "Skyddade personuppgifter: adressen visas inte"


class PersonSearchModel(RowListModel[PersonRow]):
    """The rows of one search: personnummer, name, and the city (never a protected one's)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column("Personnummer", lambda p: p.identity),
                Column("Namn", lambda p: p.name),
                Column(
                    "Ort",
                    lambda p: PROTECTED_CITY_TEXT if p.protected else p.city,
                    colour=lambda p: RED if p.protected else None,
                    tooltip=lambda p: PROTECTED_TOOLTIP if p.protected else None,
                ),
            ],
            parent=parent,
        )

    def person_at(self, row: int) -> PersonRow:
        return self.row_at(row)


class PersonSearch(QWidget):
    """Search field, count and table. Emits the id of the selected or opened person."""

    personSelected = Signal(int)
    personActivated = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.field = QLineEdit()
        self.field.setPlaceholderText("Sök på namn eller personnummer (Ctrl+F)")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Sök person")
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")
        self.count_label.setAccessibleName("Antal träffar")
        self.model = PersonSearchModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Personer")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        header.resizeSection(0, 130)
        header.resizeSection(2, 110)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # The page may put its own buttons beside the field.
        self.top_row = QHBoxLayout()
        self.top_row.addWidget(self.field, 1)
        layout.addLayout(self.top_row)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)

        # Debounced: one query when the typing pauses, not one per key.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.field.textChanged.connect(self._timer.start)
        self.field.returnPressed.connect(self._enter_in_field)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(self._activated)
        self.table.doubleClicked.connect(self._activated)
        self.field.installEventFilter(self)

    def focus_search(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def run_search(self, keep_person: int | None = None) -> None:
        """Query now (F5 and the debounce timer); keep the selected person selected if listed."""
        self._timer.stop()
        keep = keep_person if keep_person is not None else self.selected_person_id()
        try:
            rows = search_persons(self._db, self.field.text(), limit=SEARCH_LIMIT)
        except ValidationError as error:
            # A search refused (a control character, too long): say why where the count is.
            self.model.set_rows([])
            self.count_label.setText(str(error))
            return
        self.model.set_rows(rows)
        if len(rows) >= SEARCH_LIMIT:
            self.count_label.setText(f"Fler än {SEARCH_LIMIT} träffar – skriv mer för att begränsa")
        else:
            self.count_label.setText("1 person" if len(rows) == 1 else f"{len(rows)} personer")
        row = self.model.row_of(keep) if keep is not None else None
        if row is not None:
            self.table.selectRow(row)

    def search_for(self, text: str, select_person: int | None = None) -> None:
        self.field.blockSignals(True)
        self.field.setText(text)
        self.field.blockSignals(False)
        self.run_search(keep_person=select_person)

    def selected_person_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return int(self.model.person_at(rows[0].row()).id)

    def save_state(self) -> QByteArray:
        return self.table.horizontalHeader().saveState()

    def restore_state(self, state: QByteArray | None) -> None:
        if state:
            self.table.horizontalHeader().restoreState(state)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        person_id = self.selected_person_id()
        if person_id is not None:
            self.personSelected.emit(person_id)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.personActivated.emit(self.model.person_at(index.row()).id)

    def _enter_in_field(self) -> None:
        # Enter in the search field: search now, and go to the first match when there is one.
        self.run_search()
        if self.model.rowCount() and self.selected_person_id() is None:
            self.table.selectRow(0)
        self.table.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Arrow down from the search field goes into the list, as in a mail program.
        if (
            watched is self.field
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount()
        ):
            if self.selected_person_id() is None:
                self.table.selectRow(0)
            self.table.setFocus()
            return True
        return super().eventFilter(watched, event)
