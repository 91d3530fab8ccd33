"""Hjälp → Kortkommandon: the shortcut table as the user reads it."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .shortcuts import SHORTCUTS, Shortcut


def readable(keys: str) -> str:
    """The keys as the platform writes them ("Ctrl+Skift+N"); a description stays as it is."""
    sequence = QKeySequence(keys)
    if sequence.isEmpty() or "bokstav" in keys:
        return keys.replace("Return", "Enter")
    return sequence.toString(QKeySequence.SequenceFormat.NativeText).replace("Return", "Enter")


def rows(shortcuts: tuple[Shortcut, ...] = SHORTCUTS) -> list[tuple[str, str, str]]:
    return [(readable(s.keys), s.text, s.where) for s in shortcuts]


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Kortkommandon")
        self.setAccessibleName("Kortkommandon")
        intro = QLabel(
            "Allt i programmet går att göra med tangentbordet. Ctrl+1 … Ctrl+0 går till sidorna "
            "i navigeringens ordning, Ctrl+N gör det nya som sidan eller fliken visar."
        )
        intro.setWordWrap(True)
        listed = rows()
        self.table = QTableWidget(len(listed), 3)
        self.table.setAccessibleName("Kortkommandon")
        self.table.setHorizontalHeaderLabels(["Tangenter", "Gör", "Var"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        for row, values in enumerate(listed):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(720, 620)
