"""How a kit field says what is wrong with what is typed: a red frame and the reason as tooltip."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from ..style import RED


def mark_field(widget: QWidget, error: str | None) -> None:
    """A red frame and the reason as tooltip while what is typed cannot be read.

    A one-line field keeps its height with the frame: a styled frame is thinner than the
    style's own, and the rows below would move up under the pointer.
    """
    if isinstance(widget, (QLineEdit, QComboBox)) and widget.property("keptHeight") is None:
        height = widget.sizeHint().height()
        widget.setProperty("keptHeight", height)
        widget.setMinimumHeight(height)
    widget.setStyleSheet(f"border: 2px solid {RED};" if error else "")
    widget.setToolTip(error or "")
