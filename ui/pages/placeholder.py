"""A page for an area a later version fills: it says plainly what will be there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..navigation import Area


class PlaceholderPage(QWidget):
    def __init__(self, area: Area, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.area = area
        self.setAccessibleName(area.title)
        title = QLabel(area.title)
        title.setObjectName("pageTitle")
        description = QLabel(area.planned)
        description.setWordWrap(True)
        description.setMaximumWidth(720)
        description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note = QLabel("Den här delen av programmet kommer i en senare version.")
        note.setObjectName("muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(description)
        layout.addWidget(note)
        layout.addStretch(1)

    def refresh(self) -> None:
        """Nothing to read yet; F5 is harmless here."""
