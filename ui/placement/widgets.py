"""Small parts only the placement forms use: a whole-number field, a note, a person picker, and
the form dialog with the placement change word (the shared parts are in ui.forms).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPlainTextEdit, QWidget

from bobudget.db.engine import Database
from bobudget.kernel.errors import ValidationError
from bobudget.persons.registry import search_persons

from .. import forms
from ..forms import mark_field

Today = Callable[[], dt.date]


class NumberField(QLineEdit):
    """A whole number, or empty when `required` is off (e.g. "Antal rum")."""

    def __init__(self, name: str, value: int | None = None, *, required: bool = False) -> None:
        super().__init__()
        self._name = name
        self._required = required
        self.setAccessibleName(name)
        self.setMaximumWidth(80)
        self.setText("" if value is None else str(value))
        self.textChanged.connect(lambda text: mark_field(self, self._problem(text)))

    def _problem(self, text: str) -> str | None:
        text = text.strip()
        if not text:
            return f"Fyll i {self._name.lower()}." if self._required else None
        return None if text.isdigit() else f"{self._name}: skriv ett heltal, t.ex. 2."

    def problem(self) -> str | None:
        return self._problem(self.text())

    def is_required(self) -> bool:
        return self._required

    def set_label(self, label: str) -> None:
        self._name = label

    def field_name(self) -> str:
        return self._name

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
        try:
            rows = search_persons(self._db, text, limit=50)
        except ValidationError as error:
            self.choice.addItem(str(error), None)
            return
        for row in rows:
            self.choice.addItem(f"{row.name} ({row.identity})", row.id)
        if not self.choice.count():
            self.choice.addItem("Ingen person hittades", None)

    def person_id(self) -> int | None:
        value = self.choice.currentData()
        return int(value) if isinstance(value, int) else None

    def problem(self) -> str | None:
        return "Sök fram och välj personen." if self.person_id() is None else None

    def is_required(self) -> bool:
        return True  # where a form has a picker, the form is about the person picked

    def set_label(self, label: str) -> None:
        """The messages speak of "personen" whatever the row is called."""

    def field_name(self) -> str:
        return "Person"

    def required_person(self) -> int:
        person = self.person_id()
        if person is None:
            raise ValidationError("Sök fram och välj personen.")
        return person


class FormDialog(forms.FormDialog):
    """A placement form: wider than the follow-up forms, for the long labels of contracts and
    decisions."""

    MIN_WIDTH = 620
