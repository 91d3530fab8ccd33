"""Input widgets for money and dates that say as you type what they read, or what is wrong."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bobudget.funds.rules import categories_for
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.money import format_amount, parse_amount_ore
from ui.style import GREY, RED


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class AmountField(QWidget):
    """An amount typed the Swedish way ("1 234,50"); below it, what was read or what is wrong."""

    changed = Signal()

    def __init__(
        self, accessible_name: str, *, positive: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._positive = positive
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("0,00")
        self.edit.setAccessibleName(accessible_name)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName(f"Kontroll av {accessible_name.lower()}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.hint)
        self._ore: int | None = None
        self.edit.textChanged.connect(self._check)
        self._check(self.edit.text())

    def text(self) -> str:
        return self.edit.text()

    def set_ore(self, ore: int) -> None:
        self.edit.setText(format_amount(ore).replace("\u00a0kr", "").replace("\u00a0", " "))

    def value_ore(self) -> int | None:
        """The amount in öre, or None while what is typed is not a valid amount."""
        return self._ore

    def _check(self, text: str) -> None:
        self._ore = None
        if not text.strip():
            self._hint("Skriv beloppet i kronor, till exempel 1 234,50.", GREY)
        else:
            try:
                ore = parse_amount_ore(text)
            except ValidationError as error:
                self._hint(str(error), RED)
            else:
                if self._positive and ore <= 0:
                    self._hint(
                        "Beloppet måste vara större än noll. Om det är en in- eller utbetalning "
                        "avgörs av vad du bokför, inte av ett minustecken.",
                        RED,
                    )
                else:
                    self._ore = ore
                    self._hint(f"= {format_amount(ore)}", GREY)
        self.changed.emit()

    def _hint(self, text: str, colour: str) -> None:
        self.hint.setText(text)
        self.hint.setStyleSheet(f"color: {colour};")


class DateField(QDateEdit):
    """A date shown and typed as ISO (2026-11-27), with a calendar to pick from."""

    def __init__(self, accessible_name: str, value: dt.date, *, month_only: bool = False) -> None:
        super().__init__()
        self.setCalendarPopup(not month_only)
        self.setDisplayFormat("yyyy-MM" if month_only else "yyyy-MM-dd")
        self.setAccessibleName(accessible_name)
        self.set_value(value)

    def value(self) -> dt.date:
        return from_qdate(self.date())

    def set_value(self, value: dt.date) -> None:
        self.setDate(to_qdate(value))


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
        return self.date.value() if self.enabled.isChecked() else None

    def set_value(self, value: dt.date | None) -> None:
        self.enabled.setChecked(value is not None)
        if value is not None:
            self.date.set_value(value)


class CategoryBox(QComboBox):
    """The fixed categories of one side (income or expense), by the users' names."""

    def __init__(self, direction: str, accessible_name: str = "Kategori") -> None:
        super().__init__()
        self.setAccessibleName(accessible_name)
        self.set_direction(direction)

    def set_direction(self, direction: str) -> None:
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
