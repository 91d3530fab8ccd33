"""The form's part of a dialog, scrolled when the screen is too low for all of it.

The buttons and the message line stay outside, so they are never cut off: at 1280×720 a long
form (a decision, a contract) scrolls instead of running off the bottom of the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QLayout, QScrollArea, QWidget

# The least height of the form when the screen is low: a few rows, then it scrolls.
MIN_FORM_HEIGHT = 160


class FormScroll(QScrollArea):
    """Asks for the whole form's height (Qt's scroll area asks for far less), and settles for
    less when the dialog must be lower than that."""

    def __init__(self, body: QLayout) -> None:
        super().__init__()
        inner = QWidget()
        inner.setLayout(body)
        body.setContentsMargins(0, 0, 0, 0)
        self.inner = inner
        self.setWidget(inner)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)
        inner.setAutoFillBackground(False)
        # Not a tab stop of its own: Tab goes from field to field, and the area scrolls to the
        # field that takes the focus. Named all the same, for a screen reader's tree.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName("Formulär")

    def sizeHint(self) -> QSize:
        inner = self.inner.sizeHint()
        return QSize(inner.width() + self.verticalScrollBar().sizeHint().width(), inner.height())

    def minimumSizeHint(self) -> QSize:
        inner = self.inner.minimumSizeHint()
        return QSize(inner.width(), min(inner.height(), MIN_FORM_HEIGHT))
