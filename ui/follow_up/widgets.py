"""The follow-up tabs' lists: a table model over plain rows, coloured by urgency, and its view."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from bobudget.kernel.urgency import Urgency
from ui.style import URGENCY_COLOURS

T = TypeVar("T")
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    text: Callable[[T], str]


class RowsModel(QAbstractTableModel, Generic[T]):
    """Plain rows under named columns; `state(row)` gives the row's Urgency (None: no colour)."""

    def __init__(
        self,
        columns: Sequence[Column[T]],
        state: Callable[[T], Urgency | None] | None = None,
        emphasis: Callable[[T], bool] | None = None,
        state_columns: Sequence[int] | None = None,
    ) -> None:
        super().__init__()
        self._columns = list(columns)
        self._state = state
        self._emphasis = emphasis
        # The columns the state colours (None: the whole row).
        self._state_columns = set(state_columns) if state_columns is not None else None
        self._rows: list[T] = []

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[T]:
        return list(self._rows)

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._columns[index.column()].text(row)
        if role == Qt.ItemDataRole.ForegroundRole and self._state is not None:
            if self._state_columns is not None and index.column() not in self._state_columns:
                return None
            state = self._state(row)
            colour = URGENCY_COLOURS.get(state) if state is not None else None
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.FontRole and self._emphasis is not None and self._emphasis(row):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def texts(self) -> list[list[str]]:
        return [[c.text(r) for c in self._columns] for r in self._rows]


def make_table(
    model: QAbstractTableModel, name: str, stretch: int, fit: Sequence[int] = ()
) -> QTableView:
    """A read-only table of rows: `fit` columns as wide as their contents, `stretch` taking
    the room left, the others a width the user may drag."""
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultSectionSize(150)
    header.setMinimumSectionSize(50)
    for column in fit:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def selected_row(table: QTableView) -> int | None:
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    return rows[0].row() if rows else None
