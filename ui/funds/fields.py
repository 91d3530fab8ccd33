"""Egna medel's own input parts (a date that may be left out, categories, a short list);
the date and amount fields are the kit's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from bobudget.funds.rules import categories_for
from bobudget.model.vocab import BudgetDirection

from ..kit import AmountField, DateField, from_qdate, to_qdate

__all__ = [
    "AmountField",
    "CategoryBox",
    "DateField",
    "ListTable",
    "OptionalDateField",
    "error_label",
    "from_qdate",
    "to_qdate",
]


class OptionalDateField(QWidget):
    """A date that may be left out ("tills vidare"): a check box turns the date on."""

    def __init__(self, accessible_name: str, label: str, value: dt.date | None, default: dt.date):
        super().__init__()
        self.enabled = QCheckBox(label)
        self.enabled.setAccessibleName(f"{accessible_name} anges")
        self.date = DateField(accessible_name, value or default)
        self.enabled.setChecked(value is not None)
        self.date.setEnabled(value is not None)
        self.enabled.toggled.connect(self.date.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled)
        layout.addWidget(self.date, 1)

    def value(self) -> dt.date | None:
        return self.date.required_value() if self.enabled.isChecked() else None

    def set_value(self, value: dt.date | None) -> None:
        self.enabled.setChecked(value is not None)
        if value is not None:
            self.date.set_value(value)


class CategoryBox(QComboBox):
    """The fixed categories of one side (income or expense), by the users' names."""

    def __init__(self, direction: BudgetDirection, accessible_name: str = "Kategori") -> None:
        super().__init__()
        self.setAccessibleName(accessible_name)
        self.set_direction(direction)

    def set_direction(self, direction: BudgetDirection) -> None:
        current = self.code()
        self.clear()
        for category in categories_for(direction):
            self.addItem(category.label, category.code)
        if current:
            self.select(current)

    def code(self) -> str:
        data = self.currentData()
        return str(data) if data is not None else ""

    def select(self, code: str) -> None:
        index = self.findData(code)
        if index >= 0:
            self.setCurrentIndex(index)


def error_label() -> QLabel:
    """The red line at the top of a dialog that says why a save was refused."""
    label = QLabel()
    label.setObjectName("formError")
    label.setWordWrap(True)
    label.setAccessibleName("Felmeddelande")
    label.hide()
    return label


class ListTable(QTableWidget):
    """A read-only table that scrolls within its own height (for lists that can be long)."""

    def __init__(self, headers: Sequence[str], accessible_name: str, stretch: int) -> None:
        super().__init__(0, len(headers))
        self.setHorizontalHeaderLabels(list(headers))
        self.setAccessibleName(accessible_name)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def set_rows(self, rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> None:
        self.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if c in right:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.setItem(r, c, item)

    def cell_texts(self) -> list[list[str]]:
        return [
            [(item.text() if (item := self.item(r, c)) else "") for c in range(self.columnCount())]
            for r in range(self.rowCount())
        ]
