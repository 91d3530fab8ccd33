"""How a kit field says what is wrong with what is typed: a red frame and the reason as tooltip."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.style import RED


def mark_field(widget: QWidget, error: str | None) -> None:
    """A red frame and the reason as tooltip while what is typed cannot be read."""
    widget.setStyleSheet(f"border: 2px solid {RED};" if error else "")
    widget.setToolTip(error or "")
