"""Long lists over service queries: a table model that fetches a page at a time as you scroll,
coloured by each row's urgency (overdue red, due soon amber, done grey), and the table view.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from bobudget.kernel.urgency import Urgency
from ui.style import URGENCY_COLOURS

T = TypeVar("T")
AnyIndex = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200
MAX_COLUMN_WIDTH = 230


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    text: Callable[[T], str]
    right: bool = False  # numbers and amounts line up on the right
    # Only this column takes the row's colour: the rest stay black, easier to read.
    coloured: bool = False
    # At least this many characters wide, whatever the first rows hold (a status that varies).
    min_chars: int = 0


Fetch = Callable[[int, int], Sequence[Any]]  # (offset, limit) -> rows


class PagedModel(QAbstractTableModel, Generic[T]):
    """Rows fetched from a service a page at a time; `mark(row)`, the row's urgency, colours
    them (None: no colour).

    `reload(fetch, total)` starts over with a new query (a new filter): the first page is read
    at once, the rest when the view scrolls near the end (canFetchMore/fetchMore).
    """

    RowRole = Qt.ItemDataRole.UserRole + 1

    def __init__(
        self,
        columns: Sequence[Column[T]],
        mark: Callable[[T], Urgency | None] | None = None,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__()
        self.columns = list(columns)
        self._mark = mark
        self._page = page_size
        self._rows: list[T] = []
        self._total = 0
        self._fetch: Fetch | None = None

    def reload(self, fetch: Fetch, total: int) -> None:
        self.beginResetModel()
        self._fetch = fetch
        self._total = total
        self._rows = list(fetch(0, self._page)) if total else []
        self.endResetModel()

    @property
    def total(self) -> int:
        return self._total

    def row(self, number: int) -> T:
        return self._rows[number]

    def rows(self) -> list[T]:
        return list(self._rows)

    def find(self, matches: Callable[[T], bool]) -> int | None:
        for number, row in enumerate(self._rows):
            if matches(row):
                return number
        return None

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._fetch is None:
            return
        more = list(self._fetch(len(self._rows), self._page))
        if not more:
            # The list shrank since it was counted (someone else's change): stop asking.
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def fetch_all(self) -> None:
        while self.canFetchMore():
            self.fetchMore()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.text(row)
        if role == self.RowRole:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        mark = self._mark(row) if self._mark else None
        coloured = column.coloured or mark is Urgency.DONE
        if role == Qt.ItemDataRole.ForegroundRole and mark in URGENCY_COLOURS and coloured:
            return QColor(URGENCY_COLOURS[mark])
        if role == Qt.ItemDataRole.FontRole and column.coloured and mark is Urgency.OVERDUE:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def texts(self) -> list[list[str]]:
        """What the table shows, row by row (for tests and screen readers' summaries)."""
        return [[c.text(r) for c in self.columns] for r in self._rows]


def make_table(model: QAbstractTableModel, name: str) -> QTableView:
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
    # Every column as wide as its contents (fit_columns) and resizable; the last one takes what
    # is left. A stretching column in the middle would be squeezed to nothing on a small screen.
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setMinimumSectionSize(50)
    return table


def fit_columns(
    table: QTableView, columns: Sequence[Column[Any]] = (), widest: int = MAX_COLUMN_WIDTH
) -> None:
    """Columns as wide as what they show, at most `widest`, at least their `min_chars`."""
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    for number in range(header.count()):
        width = min(header.sectionSize(number), widest)
        if number < len(columns) and columns[number].min_chars:
            width = max(width, metrics.horizontalAdvance("n" * columns[number].min_chars) + 16)
        header.resizeSection(number, width)


def selected_number(table: QTableView) -> int | None:
    model = table.selectionModel()
    rows = model.selectedRows() if model is not None else []
    return rows[0].row() if rows else None


def save_columns(table: QTableView) -> QByteArray:
    return table.horizontalHeader().saveState()


def restore_columns(table: QTableView, state: QByteArray | None) -> None:
    if state:
        table.horizontalHeader().restoreState(state)


def section(title: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(title, parent)
    label.setObjectName("sectionTitle")
    return label
