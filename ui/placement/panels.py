"""The card beside a list: facts as label–value rows, a small table, and the row of actions."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)


def wrapped_tooltip(text: str) -> str:
    """A tooltip that wraps a long text into lines instead of running off the screen (Qt wraps
    rich text only); the text itself is escaped, so it shows exactly as written."""
    return f"<p>{html.escape(text)}</p>" if text else ""


class FactsView(QWidget):
    """Label–value rows that can be replaced as a whole; values are selectable text."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self._layout = QFormLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setHorizontalSpacing(16)
        self._layout.setVerticalSpacing(4)

    def set_facts(self, facts: Sequence[tuple[str, str]]) -> None:
        while self._layout.rowCount():
            self._layout.removeRow(0)
        for label, value in facts:
            text = QLabel(value or "–")
            text.setWordWrap(True)
            # Room above the line: some fonts draw the dots of Å, Ä, Ö above the line box.
            text.setContentsMargins(0, 2, 0, 0)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setAccessibleName(label)
            caption = QLabel(f"{label}:")
            caption.setContentsMargins(0, 2, 0, 0)
            self._layout.addRow(caption, text)

    def text(self) -> str:
        parts = []
        for row in range(self._layout.rowCount()):
            label = self._layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = self._layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is not None and field is not None:
                left, right = label.widget(), field.widget()
                if isinstance(left, QLabel) and isinstance(right, QLabel):
                    parts.append(f"{left.text()} {right.text()}")
        return "\n".join(parts)


class SmallTable(QTableWidget):
    """A read-only table as tall as its rows (offers, periods, a dwelling's history)."""

    def __init__(self, headers: Sequence[str], name: str, stretch: int | Sequence[int]) -> None:
        super().__init__(0, len(headers))
        self.setHorizontalHeaderLabels(list(headers))
        self.setAccessibleName(name)
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The card is narrow: long texts are cut with "…" and shown whole as a tooltip.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in [stretch] if isinstance(stretch, int) else stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.set_rows([])

    def set_rows(self, rows: Sequence[Sequence[str]]) -> None:
        self.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.setItem(r, c, item)
        height = self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth() + 4
        height += sum(self.rowHeight(r) for r in range(len(rows))) or 24
        self.setFixedHeight(height)

    def texts(self) -> list[list[str]]:
        return [
            [item.text() if (item := self.item(r, c)) else "" for c in range(self.columnCount())]
            for r in range(self.rowCount())
        ]


class ActionBar(QWidget):
    """The actions on the selected row, as buttons in a grid, each with its shortcut."""

    def __init__(self, columns: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 4, 0, 4)
        self._grid.setHorizontalSpacing(6)
        self._columns = columns
        self.buttons: dict[str, QPushButton] = {}
        # Each button's own tooltip and description, given back when a reason no longer holds.
        self._help: dict[str, tuple[str, str]] = {}

    def add(
        self,
        key: str,
        text: str,
        slot: Callable[[], object],
        *,
        shortcut: str = "",
        description: str = "",
    ) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.rstrip("…"))
        if description:
            button.setToolTip(description)
            button.setAccessibleDescription(description)
        if shortcut:
            button.setShortcut(QKeySequence(shortcut))
            button.setToolTip(f"{description or text.rstrip('…')} ({shortcut})")
        button.clicked.connect(lambda _checked=False: slot())
        self._help[key] = (button.toolTip(), button.accessibleDescription())
        number = len(self.buttons)
        self._grid.addWidget(button, number // self._columns, number % self._columns)
        self.buttons[key] = button
        return button

    def enable(self, **states: bool) -> None:
        for key, enabled in states.items():
            self.buttons[key].setEnabled(enabled)

    def explain(self, key: str, reason: str) -> None:
        """Disable the action and say why on hover (and to a screen reader); an empty reason
        enables it with its own tooltip again."""
        button = self.buttons[key]
        tooltip, description = self._help[key]
        button.setEnabled(not reason)
        button.setToolTip(wrapped_tooltip(reason) if reason else tooltip)
        button.setAccessibleDescription(reason or description)

    def button(self, key: str) -> QPushButton:
        return self.buttons[key]
