"""Small parts the follow-up forms share: date and amount fields that check as you type, a
table model over plain rows, and a form dialog that keeps what was typed when a save is refused.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bobudget.errors import ConflictError, DomainError, ValidationError
from bobudget.money import format_amount_plain, parse_amount_ore
from bobudget.rules.follow_up import Urgency
from ui.errors import message_box
from ui.style import AMBER, GREY, RED

log = logging.getLogger(__name__)

T = TypeVar("T")
AnyIndex = QModelIndex | QPersistentModelIndex
URGENCY_COLOURS = {Urgency.OVERDUE: RED, Urgency.TODAY: AMBER, Urgency.THIS_WEEK: AMBER}
DONE = "done"  # a row's state: held, closed, ended: shown grey


def parse_date_text(text: str) -> dt.date | None:
    """2026-11-27 or 20261127; None for an empty field. ValidationError says what is wrong."""
    text = text.strip()
    if not text:
        return None
    digits = text.replace("-", "")
    if len(digits) == 8 and digits.isdigit():
        try:
            return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        except ValueError:
            pass
    raise ValidationError(f"Datumet '{text}' går inte att läsa. Skriv det som 2026-11-27.")


class DateField(QLineEdit):
    """An ISO date, checked as you type: the frame turns red while it cannot be read."""

    def __init__(self, name: str, value: dt.date | None = None, required: bool = True) -> None:
        super().__init__()
        self._name = name
        self._required = required
        self.setAccessibleName(name)
        self.setPlaceholderText("ÅÅÅÅ-MM-DD")
        self.setMaximumWidth(140)
        self.textChanged.connect(self._check)
        self.set_value(value)

    def set_value(self, value: dt.date | None) -> None:
        self.setText(value.isoformat() if value else "")

    def _check(self, text: str) -> None:
        try:
            parse_date_text(text)
        except ValidationError as error:
            self.setStyleSheet(f"border: 2px solid {RED};")
            self.setToolTip(str(error))
        else:
            self.setStyleSheet("")
            self.setToolTip("")

    def value(self) -> dt.date | None:
        day = parse_date_text(self.text())
        if day is None and self._required:
            raise ValidationError(f"Fyll i {self._name.lower()} (ÅÅÅÅ-MM-DD).")
        return day

    def required_value(self) -> dt.date:
        day = self.value()
        if day is None:
            raise ValidationError(f"Fyll i {self._name.lower()} (ÅÅÅÅ-MM-DD).")
        return day


class AmountField(QLineEdit):
    """An amount in kronor ("1 234,50"), checked as you type; the value is öre."""

    def __init__(self, name: str, value_ore: int | None = None) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.setPlaceholderText("t.ex. 6 512,00")
        self.setMaximumWidth(160)
        self.textChanged.connect(self._check)
        if value_ore is not None:
            self.setText(format_amount_plain(value_ore))

    def _check(self, text: str) -> None:
        try:
            if text.strip():
                parse_amount_ore(text)
        except ValidationError as error:
            self.setStyleSheet(f"border: 2px solid {RED};")
            self.setToolTip(str(error))
        else:
            self.setStyleSheet("")
            self.setToolTip("")

    def value_ore(self) -> int:
        return parse_amount_ore(self.text())


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    text: Callable[[T], str]


class RowsModel(QAbstractTableModel, Generic[T]):
    """Plain rows under named columns; `state(row)` gives an Urgency, DONE or None for colour."""

    def __init__(
        self,
        columns: Sequence[Column[T]],
        state: Callable[[T], object] | None = None,
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
            if state == DONE:
                return QColor(GREY)
            colour = URGENCY_COLOURS.get(state)  # type: ignore[call-overload]
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


class FormDialog(QDialog):
    """A form whose `save` runs a service call: a refusal keeps the form open with its message;
    a conflict offers to read the data again. `saved` tells the caller to reload."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.saved = False
        self.reload_requested = False
        self.error_label = QLabel()
        self.error_label.setObjectName("formError")
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName("Felmeddelande")
        self.error_label.hide()
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("Spara", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error_label)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def add_row(self, label: str, widget: QWidget) -> None:
        self.form.addRow(label, widget)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def perform(self) -> None:
        """The service call; raise a DomainError to refuse."""
        raise NotImplementedError

    def save(self) -> None:
        try:
            self.perform()
        except ConflictError as error:
            box = message_box(
                self,
                QMessageBox.Icon.Warning,
                str(error),
                informative="Uppgifterna läses in på nytt; gör sedan om ändringen.",
                title="Ändrat av någon annan",
            )
            box.setStandardButtons(QMessageBox.StandardButton.Ok)
            box.exec()
            self.reload_requested = True
            self.reject()
            return
        except DomainError as error:
            self.show_error(str(error))
            return
        self.saved = True
        self.accept()
