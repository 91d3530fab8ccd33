"""Each field's problem next to the field: a line reserved under every input row of a form.

The line is there (empty) from the start, so a message that appears never pushes a field away
from under the pointer; only a message longer than one line makes the form taller. The kit's
fields (date, amount, number, person) say themselves what is wrong with what is typed; a plain
field the dialog marks as required is refused when empty. A row that must be filled in has an
asterisk after its label (explained above the form), and its input says so to a screen reader.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from ..style import RED

INPUTS = (QLineEdit, QPlainTextEdit, QComboBox, QCheckBox, QAbstractSpinBox)
REQUIRED_MARK = " *"
REQUIRED_NOTE = "Fält märkta med * måste fyllas i."
REQUIRED_SPOKEN = "Måste fyllas i."
MIN_WRAP_WIDTH = 60  # below this the line has not been laid out yet


@runtime_checkable
class CheckedField(Protocol):
    """A kit field that knows what is wrong with what is typed in it (None: nothing)."""

    def problem(self) -> str | None: ...

    def is_required(self) -> bool: ...

    def set_label(self, label: str) -> None: ...

    def field_name(self) -> str: ...


def label_text(item: QWidget | None) -> str:
    """A form label as the user reads it: no mnemonic "&", no colon, no asterisk."""
    text = item.text() if isinstance(item, QLabel) else ""
    return text.replace("&", "").rstrip(": ").removesuffix(REQUIRED_MARK.strip()).strip()


def inputs_of(widget: QWidget) -> list[QWidget]:
    if isinstance(widget, INPUTS):
        return [widget]
    return [w for w in widget.findChildren(QWidget) if isinstance(w, INPUTS)]


def _can_be_wrong(field: QWidget) -> bool:
    """A row with something typed or chosen in it; a row of check boxes only has no line."""
    return any(not isinstance(w, QCheckBox) for w in inputs_of(field))


def is_empty(widget: QWidget) -> bool:
    if isinstance(widget, QLineEdit):
        return not widget.text().strip()
    if isinstance(widget, QPlainTextEdit):
        return not widget.toPlainText().strip()
    if isinstance(widget, QComboBox):
        return widget.currentData() is None and not widget.currentText().strip()
    return False


def in_use(widget: QWidget, dialog: QWidget) -> bool:
    """Shown and switched on: a hidden or disabled field is not read, so not checked."""
    return widget.isEnabled() and widget.isVisibleTo(dialog)


class ErrorLine(QLabel):
    """The reserved line under a field: empty, or the field's problems in red."""

    def __init__(self, field: QWidget) -> None:
        super().__init__()
        self.field = field
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {RED};")
        font = self.font()
        font.setPointSizeF(max(8.0, font.pointSizeF() - 1))
        self.setFont(font)
        # One line high, empty or not: a message of one line moves nothing.
        self.setMinimumHeight(self.fontMetrics().lineSpacing())
        self.say([])
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setAccessibleName("Fel i fältet ovanför")

    def sizeHint(self) -> QSize:
        """As high as the text wraps at the width the line has (Qt's guess of a wrapped
        label's width made one short message take two lines, moving the rows below)."""
        hint = super().sizeHint()
        if self.width() > MIN_WRAP_WIDTH:
            hint.setHeight(max(self.heightForWidth(self.width()), self.minimumHeight()))
        return hint

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())

    def say(self, messages: list[str]) -> None:
        # A space, not nothing, when there is no message: an empty label's height differs.
        self.setText("\n".join(messages) or " ")
        self.setAccessibleDescription(" ".join(messages))


class FormRows:
    """The rows of a dialog's form: their labels, inputs, error lines and required marks."""

    def __init__(self, form: QFormLayout, dialog: QWidget) -> None:
        self.form = form
        self.dialog = dialog
        self.lines: dict[QWidget, ErrorLine] = {}  # a row's field widget → its error line

    def rows(self) -> list[tuple[str, QWidget, QLabel | None]]:
        """(label, field widget, label widget) for every row holding an input."""
        found: list[tuple[str, QWidget, QLabel | None]] = []
        for row in range(self.form.rowCount()):
            field_item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            field = field_item.widget() if field_item is not None else None
            if field is None or isinstance(field, ErrorLine) or not _can_be_wrong(field):
                continue
            label_item = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = label_item.widget() if label_item is not None else None
            label_widget = label if isinstance(label, QLabel) else None
            found.append((label_text(label_widget), field, label_widget))
        return found

    def prepare(self, required: set[QWidget]) -> bool:
        """Reserves an error line under each input row not yet prepared, names the kit's
        fields by their row's label, and marks required rows; True if any row is required."""
        any_required = False
        for label, field, label_widget in reversed(self.rows()):
            checked = checked_fields(field)
            if label and len(checked) == 1:
                checked[0].set_label(label)
            must = any(c.is_required() for c in checked) or any(
                w in required for w in (field, *field.findChildren(QWidget))
            )
            any_required = any_required or must
            if must and label_widget is not None and REQUIRED_MARK not in label_widget.text():
                mark_required(label_widget, field)
            if field in self.lines:
                continue
            line = ErrorLine(field)
            # PySide's stub says object; it is (row, role).
            position: tuple[int, QFormLayout.ItemRole] = self.form.getWidgetPosition(field)  # type: ignore[assignment]
            self.form.insertRow(position[0] + 1, "", line)
            self.lines[field] = line
            self.form.setRowVisible(line, not field.isHidden())
        return any_required

    def follow_visibility(self) -> None:
        """A hidden row hides its error line too (a dialog may hide rows as a kind changes).

        Read when the dialog opens and at each save, not from hide events: those also come
        while a dialog is being destroyed, when its layout must not be touched.
        """
        for field, line in self.lines.items():
            self.form.setRowVisible(line, not field.isHidden())

    def clear(self) -> None:
        for line in self.lines.values():
            line.say([])

    def row_of(self, widget: QWidget) -> QWidget | None:
        """The row's field widget that holds `widget`."""
        for field in self.lines:
            if widget is field or field.isAncestorOf(widget):
                return field
        return None

    def row_named(self, name: str) -> QWidget | None:
        """The row a service's problem names: by its label, or the name of an input in it."""
        wanted = name.casefold()
        for label, field, _label_widget in self.rows():
            names = {label.casefold()}
            names |= {w.accessibleName().casefold() for w in inputs_of(field)}
            names |= {c.field_name().casefold() for c in checked_fields(field)}
            if wanted in names:
                return field
        return None

    def show(self, by_row: dict[QWidget, list[str]]) -> None:
        for field, messages in by_row.items():
            line = self.lines.get(field)
            if line is not None:
                line.say(messages)


def checked_fields(field: QWidget) -> list[CheckedField]:
    candidates = [field, *field.findChildren(QWidget)]
    return [w for w in candidates if isinstance(w, CheckedField)]


def mark_required(label: QLabel, field: QWidget) -> None:
    text = label.text()
    colon = text.endswith(":")
    label.setText(text.rstrip(":") + REQUIRED_MARK + (":" if colon else ""))
    label.setToolTip(REQUIRED_SPOKEN)
    for widget in inputs_of(field):
        widget.setAccessibleDescription(REQUIRED_SPOKEN)
