"""The Personer page: the search list on the left, the selected person's card beside it."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QPushButton, QSplitter, QVBoxLayout, QWidget

from bobudget.db.changes import ChangeKind, ChangeSet
from bobudget.db.engine import Database

from ..changes import ChangeListener
from ..persons.card import PersonCardView
from ..persons.form import PersonFormDialog
from ..persons.search import PersonSearch


class PersonsPage(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.setAccessibleName("Personer")
        self.search = PersonSearch(db)
        self.card = PersonCardView(db)
        self.new_button = QPushButton("Ny person…")
        self.new_button.setAccessibleName("Lägg till en ny person")
        self.new_button.clicked.connect(self.new_person)

        self.search.top_row.addWidget(self.new_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addWidget(self.search, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("personsSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.card)
        # A wider window gives the card the room; the list keeps its width.
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([390, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.search.personSelected.connect(self.card.show_person)
        self.search.personActivated.connect(self._open_card)
        self.card.personChanged.connect(self._person_changed)
        self.search.run_search()
        # The card listens for its own person; the list for any person's names and numbers.
        self.changes = ChangeListener(self, self.concerns, self._reload_list)

    @staticmethod
    def concerns(changes: ChangeSet) -> bool:
        return changes.touches(ChangeKind.PERSONS)

    def _reload_list(self) -> None:
        # Quietly: the selection kept is no new choice, and the card reads itself.
        self.search.blockSignals(True)
        try:
            self.search.run_search()
        finally:
            self.search.blockSignals(False)

    def refresh(self) -> None:
        """F5: read the list and the shown card again."""
        self.search.run_search()
        self.card.reload()

    def focus_search(self) -> None:
        self.search.focus_search()

    def new_person(self) -> None:
        dialog = PersonFormDialog.for_new(self._db, self)
        dialog.exec()
        if dialog.saved and dialog.person_id is not None:
            # Show the new person at once: search for the number, which finds only them.
            self.search.search_for(dialog.identity.text().strip(), select_person=dialog.person_id)
            self.card.show_person(dialog.person_id)

    def _open_card(self, person_id: int) -> None:
        self.card.show_person(person_id)
        self.card.edit_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _person_changed(self, person_id: int) -> None:
        self.search.run_search(keep_person=person_id)

    def save_state(self) -> dict[str, QByteArray]:
        return {"splitter": self.splitter.saveState(), "columns": self.search.save_state()}

    def restore_state(self, splitter: QByteArray | None, columns: QByteArray | None) -> None:
        if splitter:
            self.splitter.restoreState(splitter)
        self.search.restore_state(columns)
