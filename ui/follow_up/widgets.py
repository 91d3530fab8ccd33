"""The follow-up tabs' lists: the kit's table model coloured by urgency, and its view."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TypeVar

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from bobudget.kernel.urgency import Urgency

from ..kit.table_model import PAGE_SIZE, Column, TableModel, bold
from ..style import URGENCY_COLOURS

__all__ = ["Column", "RowsModel", "make_table", "selected_row"]

T = TypeVar("T")


class RowsModel(TableModel[T]):
    """Plain rows under named columns; `state(row)` gives the row's Urgency (None: no colour)."""

    def __init__(
        self,
        columns: Sequence[Column[T]],
        state: Callable[[T], Urgency | None] | None = None,
        emphasis: Callable[[T], bool] | None = None,
        state_columns: Sequence[int] | None = None,
        page_size: int = PAGE_SIZE,
    ) -> None:
        def colour(row: T) -> str | None:
            shown = state(row) if state is not None else None
            return URGENCY_COLOURS.get(shown) if shown is not None else None

        def font(row: T) -> QFont | None:
            return bold() if emphasis is not None and emphasis(row) else None

        # The columns the state colours (None: the whole row).
        coloured = set(state_columns) if state_columns is not None else None
        specs = [
            replace(c, colour=colour) if coloured is None or n in coloured else c
            for n, c in enumerate(columns)
        ]
        super().__init__(specs, row_font=font, page_size=page_size)


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
