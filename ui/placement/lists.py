"""Long lists over service queries: a table model that fetches a page at a time as you scroll,
coloured by each row's urgency (overdue red, due soon amber, done grey), and the table view.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from PySide6.QtCore import QAbstractTableModel, QByteArray
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from bobudget.kernel.urgency import Urgency

from ..kit.table_model import Column, PageLoader, TableModel, bold
from ..style import GREY, URGENCY_COLOURS

T = TypeVar("T")

PAGE_SIZE = 200
MAX_COLUMN_WIDTH = 230


Fetch = PageLoader  # (offset, limit) -> rows


class PagedModel(TableModel[T]):
    """Rows fetched from a service a page at a time; `mark(row)` colours them.

    `reload(fetch, total)` starts over with a new query (a new filter): the first page is read
    at once, the rest when the view scrolls near the end (canFetchMore/fetchMore).
    Only the `coloured` columns take the row's mark (bold when overdue); a done row is grey
    throughout.
    """

    def __init__(
        self,
        columns: Sequence[Column[T]],
        mark: Callable[[T], Urgency | None] | None = None,
        page_size: int = PAGE_SIZE,
    ) -> None:
        def mark_of(row: T) -> Urgency | None:
            return mark(row) if mark is not None else None

        def colour_of(row: T) -> str | None:
            shown = mark_of(row)
            return URGENCY_COLOURS.get(shown) if shown is not None else None

        def grey_if_done(row: T) -> str | None:
            return GREY if mark_of(row) is Urgency.DONE else None

        def bold_if_overdue(row: T) -> QFont | None:
            return bold() if mark_of(row) is Urgency.OVERDUE else None

        specs = [
            replace(c, colour=colour_of, font=bold_if_overdue)
            if c.coloured
            else replace(c, colour=grey_if_done)
            for c in columns
        ]
        super().__init__(specs, page_size=page_size)

    def row(self, number: int) -> T:
        return self.row_at(number)


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
