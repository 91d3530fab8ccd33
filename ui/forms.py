"""Form parts the follow-up and placement pages share: checked fields and a save-or-stay dialog."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from bobudget.kernel.errors import ConflictError, DomainError, ValidationError
from bobudget.kernel.money import format_amount_plain, parse_amount_ore
from ui.changes import run_change
from ui.errors import message_box
from ui.style import RED

log = logging.getLogger(__name__)


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


def mark_field(widget: QWidget, error: str | None) -> None:
    """A red frame and the reason as tooltip while what is typed cannot be read."""
    widget.setStyleSheet(f"border: 2px solid {RED};" if error else "")
    widget.setToolTip(error or "")


class DateField(QLineEdit):
    """An ISO date, checked as you type: the frame turns red while it cannot be read."""

    def __init__(self, name: str, value: dt.date | None = None, *, required: bool = True) -> None:
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
            mark_field(self, str(error))
        else:
            mark_field(self, None)

    def value(self) -> dt.date | None:
        try:
            day = parse_date_text(self.text())
        except ValidationError as error:
            # A form has several dates: the message names the one that is wrong.
            raise ValidationError(f"{self._name}: {error}") from None
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
        self._name = name
        self.setAccessibleName(name)
        self.setPlaceholderText("t.ex. 6 512,00")
        self.setMaximumWidth(160)
        self.textChanged.connect(self._check)
        self.set_value(value_ore)

    def set_value(self, value_ore: int | None) -> None:
        self.setText(format_amount_plain(value_ore) if value_ore is not None else "")

    def _check(self, text: str) -> None:
        try:
            if text.strip():
                parse_amount_ore(text)
        except ValidationError as error:
            mark_field(self, str(error))
        else:
            mark_field(self, None)

    def value_ore(self) -> int | None:
        """None for an empty field."""
        if not self.text().strip():
            return None
        try:
            return parse_amount_ore(self.text())
        except ValidationError as error:
            raise ValidationError(f"{self._name}: {error}") from None

    def required_ore(self) -> int:
        """For an amount that must be given (e.g. a rent arrear): empty is refused."""
        amount = self.value_ore()
        if amount is None:
            raise ValidationError(f"Fyll i {self._name.lower()}, till exempel 1 234,50.")
        return amount


class FormDialog(QDialog):
    """A form whose `perform` runs a service call: a refusal keeps the form open with its
    message; a conflict says who changed what and asks to read again (`reload_requested`).
    `perform` runs through the window's change runner, so every page showing what it changed
    reads again by itself; `saved` says the form was saved.
    """

    MIN_WIDTH = 520

    def __init__(self, title: str, parent: QWidget | None = None, save_text: str = "Spara") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(self.MIN_WIDTH)
        self.saved = False
        self.reload_requested = False
        self.error_label = QLabel()
        self.error_label.setObjectName("formError")
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName("Felmeddelande")
        self.error_label.hide()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        # Room above the first line: the dots of Å, Ä, Ö must not be cut at the top.
        self.intro.setContentsMargins(0, 4, 0, 4)
        self.intro.hide()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(save_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.error_label)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.setVisible(bool(text))

    def add_row(self, label: str, widget: QWidget) -> None:
        self.form.addRow(label, widget)
        if isinstance(widget, QLabel):
            # A shown value (an address, a number) is often copied into a letter or a mail.
            widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def perform(self) -> None:
        """The service call; raise a DomainError to refuse."""
        raise NotImplementedError

    def save(self) -> None:
        try:
            run_change(self.perform)
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
            log.info("form refused: %s", type(error).__name__)
            self.show_error(str(error))
            return
        self.saved = True
        self.accept()
