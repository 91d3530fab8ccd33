"""Small parts the placement forms share: fields that check as you type, a person picker, and a
form dialog that keeps what was typed when a save is refused.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from bobudget.db.engine import Database
from bobudget.errors import ConflictError, DomainError, ValidationError
from bobudget.money import format_amount_plain, parse_amount_ore
from bobudget.services.persons import search_persons
from ui.changes import notify_changed
from ui.errors import message_box
from ui.style import RED

log = logging.getLogger(__name__)

Today = Callable[[], dt.date]


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


def _mark(widget: QWidget, error: str | None) -> None:
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
            _mark(self, str(error))
        else:
            _mark(self, None)

    def value(self) -> dt.date | None:
        try:
            day = parse_date_text(self.text())
        except ValidationError as error:
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
            _mark(self, str(error))
        else:
            _mark(self, None)

    def value_ore(self) -> int | None:
        """None for an empty field."""
        if not self.text().strip():
            return None
        try:
            return parse_amount_ore(self.text())
        except ValidationError as error:
            raise ValidationError(f"{self._name}: {error}") from None


class NumberField(QLineEdit):
    """A whole number, or empty when `required` is off (e.g. "Antal rum")."""

    def __init__(self, name: str, value: int | None = None, *, required: bool = False) -> None:
        super().__init__()
        self._name = name
        self._required = required
        self.setAccessibleName(name)
        self.setMaximumWidth(80)
        self.setText("" if value is None else str(value))
        self.textChanged.connect(lambda text: _mark(self, self._problem(text)))

    def _problem(self, text: str) -> str | None:
        text = text.strip()
        if not text:
            return f"Fyll i {self._name.lower()}." if self._required else None
        return None if text.isdigit() else f"{self._name}: skriv ett heltal, t.ex. 2."

    def value(self) -> int | None:
        problem = self._problem(self.text())
        if problem:
            raise ValidationError(problem)
        return int(self.text()) if self.text().strip() else None


class NoteField(QPlainTextEdit):
    def __init__(self, name: str, text: str = "", height: int = 70) -> None:
        super().__init__(text)
        self.setAccessibleName(name)
        self.setTabChangesFocus(True)
        self.setFixedHeight(height)

    def text(self) -> str:
        return self.toPlainText()


class PersonPicker(QWidget):
    """Find a person as you type (name or personnummer) and pick one from the matches."""

    personChanged = Signal(object)  # int | None

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.field = QLineEdit()
        self.field.setPlaceholderText("Sök namn eller personnummer")
        self.field.setAccessibleName("Sök person")
        self.choice = QComboBox()
        self.choice.setAccessibleName("Person")
        self.choice.setMinimumWidth(280)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.choice, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.search)
        self.field.textChanged.connect(self._timer.start)
        self.field.returnPressed.connect(self.search)
        self.choice.currentIndexChanged.connect(self._chosen)

    def _chosen(self, _index: int) -> None:
        self.personChanged.emit(self.person_id())

    def search(self) -> None:
        self._timer.stop()
        self.choice.clear()
        text = self.field.text().strip()
        if not text:
            return
        for row in search_persons(self._db, text, limit=50):
            self.choice.addItem(f"{row.name} ({row.identity})", row.id)
        if not self.choice.count():
            self.choice.addItem("Ingen person hittades", None)

    def person_id(self) -> int | None:
        value = self.choice.currentData()
        return int(value) if isinstance(value, int) else None

    def required_person(self) -> int:
        person = self.person_id()
        if person is None:
            raise ValidationError("Sök fram och välj personen.")
        return person


class FormDialog(QDialog):
    """A form whose `perform` runs a service call: a refusal keeps the form open with its
    message; a conflict says who changed what and asks to read again. `saved` tells the caller
    to reload; every saved change is announced through the window's one change signal.
    """

    CHANGE = "placement"

    def __init__(self, title: str, parent: QWidget | None = None, save_text: str = "Spara") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(620)
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
            widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

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
            log.info("form refused: %s", type(error).__name__)
            self.show_error(str(error))
            return
        self.saved = True
        notify_changed(self.CHANGE)
        self.accept()
