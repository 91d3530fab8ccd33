"""The one table model of the window: rows under column specs, optionally read a page at a time.

A column spec says what a user sees in one column: its header, the text of a row, whether it
lines up on the right, how it sorts, and optionally its tooltip, colour and font. Rows are
plain values from a service. `set_rows` shows a whole list; `reload(load_page, total)` shows a
long one, reading the first page at once and the rest as the view scrolls near the end
(canFetchMore/fetchMore).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

T = TypeVar("T")
AnyIndex = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
PAGE_SIZE = 200

PageLoader = Callable[[int, int], Sequence[Any]]  # (offset, limit) -> the rows of that page


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: `text(row)` is what is shown; the rest is optional."""

    header: str
    text: Callable[[T], str]
    right: bool = False  # numbers and amounts line up on the right
    # Only a `coloured` column takes the row's colour (the model's `colour`): easier to read.
    coloured: bool = False
    # At least this many characters wide, whatever the first rows hold (a status that varies).
    min_chars: int = 0
    sort_key: Callable[[T], Any] | None = None  # None: sorts by the text
    tooltip: Callable[[T], str | None] | None = None  # None: the text itself
    colour: Callable[[T], str | None] | None = None  # this column's own text colour
    font: Callable[[T], QFont | None] | None = None


def bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class TableModel(QAbstractTableModel, Generic[T]):
    """Rows of T under `columns`.

    `row_colour(row)` colours a row (a colour name, or None): the whole row, or only the
    `coloured` columns when any column is marked so; `row_font(row)` likewise for the font.
    """

    RowRole = Qt.ItemDataRole.UserRole + 1

    def __init__(
        self,
        columns: Sequence[Column[T]],
        *,
        row_colour: Callable[[T], str | None] | None = None,
        row_font: Callable[[T], QFont | None] | None = None,
        page_size: int = PAGE_SIZE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._row_colour = row_colour
        self._row_font = row_font
        self._page = page_size
        self._rows: list[T] = []
        self._total = 0
        self._load_page: PageLoader | None = None

    # -- filling -------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._load_page = None
        self._rows = list(rows)
        self._total = len(self._rows)
        self.endResetModel()

    def reload(self, load_page: PageLoader, total: int) -> None:
        """A new long list of `total` rows: the first page now, the rest as the view scrolls."""
        self.beginResetModel()
        self._load_page = load_page
        self._total = total
        self._rows = list(load_page(0, self._page)) if total else []
        self.endResetModel()

    def extend_total(self, total: int) -> None:
        """The long list is `total` rows after all (its head was shown before the whole was
        counted): the rows shown stay, the rest are read as the view scrolls."""
        if self._load_page is not None and total > self._total:
            self._total = total

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._load_page is None:
            return
        more = list(self._load_page(len(self._rows), self._page))
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

    # -- reading -------------------------------------------------------------------------------

    @property
    def total(self) -> int:
        return self._total

    def rows(self) -> list[T]:
        return list(self._rows)

    def row_at(self, number: int) -> T:
        return self._rows[number]

    def shown_row(self, index: AnyIndex) -> T | None:
        """The row behind `index`, or None for an index outside the rows."""
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        return self._rows[index.row()]

    def find(self, matches: Callable[[T], bool]) -> int | None:
        for number, row in enumerate(self._rows):
            if matches(row):
                return number
        return None

    def texts(self) -> list[list[str]]:
        """What the table shows, row by row (for tests and screen readers' summaries)."""
        return [[c.text(r) for c in self.columns] for r in self._rows]

    # -- Qt's side -----------------------------------------------------------------------------

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

    def _takes_row_style(self, column: Column[T]) -> bool:
        return column.coloured or not any(c.coloured for c in self.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.shown_row(index)
        if row is None:
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip is not None else column.text(row)
        if role == self.RowRole:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column.right else None
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = column.colour(row) if column.colour is not None else None
            if colour is None and self._row_colour is not None and self._takes_row_style(column):
                colour = self._row_colour(row)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.FontRole:
            if column.font is not None:
                return column.font(row)
            if self._row_font is not None and self._takes_row_style(column):
                return self._row_font(row)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorts the rows read so far by the column's sort key (views that allow sorting)."""
        spec = self.columns[column]
        key: Callable[[T], Any] = spec.sort_key or spec.text
        self.layoutAboutToBeChanged.emit()
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()
