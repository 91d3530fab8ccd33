"""The Statistik page's dialogs: the rows behind a number, and writing a report's text."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bobudget.db.engine import Database
from bobudget.db.uow import current_username
from bobudget.statistics.cells import cell_text, is_number_column
from bobudget.statistics.report import Listing, Report, ReportPeriod
from bobudget.statistics.service import edit_cell

from ..kit import Dialog
from ..kit.table_model import Column, TableModel

ListingRow = tuple[int, tuple[object, ...]]  # (row number in the listing, its cells)


def listing_columns(listing: Listing) -> list[Column[ListingRow]]:
    columns = []
    for number, column in enumerate(listing.columns):

        def text(row: ListingRow, n: int = number, kind: object = column.kind) -> str:
            return cell_text(row[1][n], kind)  # type: ignore[arg-type]

        def key(row: ListingRow, n: int = number) -> object:
            value = row[1][n]
            return (value is None, value if value is not None else 0)

        columns.append(
            Column[ListingRow](
                column.label, text, right=is_number_column(column.kind), sort_key=key
            )
        )
    return columns


class ListingDialog(QDialog):
    """The records behind one number; Enter (or a double click) on a row opens the person's
    card when the row is about a person."""

    personRequested = Signal(int)

    def __init__(self, listing: Listing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(listing.title)
        self.setAccessibleName(listing.title)
        self.listing = listing
        self.model = TableModel[ListingRow](listing_columns(listing), parent=self)
        self.model.set_rows(list(enumerate(listing.rows)))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(f"Raderna bakom talet: {listing.title}")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self.open_row)
        has_persons = any(p is not None for p in listing.person_ids)
        hint = QLabel(
            f"{len(listing.rows)} rader."
            + (" Enter eller dubbelklick på en rad öppnar personkortet." if has_persons else "")
        )
        hint.setObjectName("muted")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText("Stäng")
        close.setAccessibleName("Stäng")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(720, 420)
        if listing.rows:
            self.table.selectRow(0)

    def person_at(self, row: int) -> int | None:
        shown = self.model.row_at(row)[0]
        ids = self.listing.person_ids
        return ids[shown] if shown < len(ids) else None

    def open_row(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        person_id = self.person_at(index.row())
        if person_id is not None:
            self.personRequested.emit(person_id)
            self.accept()


class EditTextDialog(Dialog):
    """A report's text for one record (the IVO report's reason for delay)."""

    def __init__(
        self,
        db: Database,
        report: Report,
        record_id: int,
        period: ReportPeriod,
        label: str,
        current: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(f"Ändra {label.lower()}", parent)
        self._db = db
        self._report = report
        self._record_id = record_id
        self._period = period
        self.text = QLineEdit(current)
        self.add_row(f"{label}:", self.text)

    def perform(self) -> None:
        edit_cell(
            self._db,
            self._report,
            self._record_id,
            self._period,
            self.text.text().strip(),
            current_username(self._db),
        )
