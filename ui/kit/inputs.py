"""What the dialog base reads and sets in its inputs, whatever kind each is.

The dialog keeps what was typed across a refused save and a conflict, finds the first field to
focus, and shows a field's value back in the conflict box: all through these few functions, so
a new kind of input is taught here once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)

INPUTS = (QLineEdit, QPlainTextEdit, QComboBox, QCheckBox, QAbstractSpinBox)


# Fields the dialog opens in, before a check box (which Space would toggle).
TYPED_INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox)
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def read_only(widget: QWidget) -> bool:
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)):
        return widget.isReadOnly()
    return False


def takes_focus(widget: QWidget) -> bool:
    return (
        widget.isEnabled()
        and widget.isVisible()
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and not read_only(widget)
    )


def shown_text(widget: QWidget) -> str:
    """What an input shows, as the user would read it back."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QCheckBox):
        return f"{widget.text()}: {'ja' if widget.isChecked() else 'nej'}"
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    return ""


def inputs_of(widget: QWidget) -> list[QWidget]:
    if isinstance(widget, INPUTS):
        return [widget]
    return [w for w in widget.findChildren(QWidget) if isinstance(w, INPUTS) and w.isEnabled()]


def input_state(widget: QWidget) -> Any:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        return widget.value()
    return None


def set_input_state(widget: QWidget, state: Any) -> None:
    if isinstance(widget, QLineEdit):
        widget.setText(state)
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(state)
    elif isinstance(widget, QComboBox):
        widget.setCurrentIndex(state)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(state)
    elif isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        widget.setValue(state)
