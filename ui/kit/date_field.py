"""The one date field of the window: typed (2026-03-05, 20260305, 5/3) or picked in a calendar.

A typed date is taken exactly as typed or refused with a message naming it; the reading rule is
`bobudget.kernel.formatting.parse_date_input`, so it is the same here as everywhere and
tested without Qt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QStyle, QWidget

from bobudget.kernel.errors import ValidationError
from bobudget.kernel.formatting import parse_date_input, parse_month_input

from .marks import mark_field

Today = Callable[[], dt.date]


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class DateField(QLineEdit):
    """A date checked as you type: the frame turns red, with the reason, while it cannot be read.

    `required=False` only where the date may be left out (an end date "tills vidare").
    `month_only` reads and shows a month (2026-03); its value is the month's first day.
    The calendar opens from the small button at the right or with Alt+Down.
    """

    # A new date that can be read was typed or picked (filters refresh on it).
    valueChanged = Signal()

    def __init__(
        self,
        name: str,
        value: dt.date | None = None,
        *,
        required: bool = True,
        month_only: bool = False,
        today: Today = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._name = name
        self._required = required
        self._month_only = month_only
        self._today = today
        self.setAccessibleName(name)
        self.setPlaceholderText("ÅÅÅÅ-MM" if month_only else "ÅÅÅÅ-MM-DD")
        self.setMaximumWidth(160)
        self.calendar_button = QAction(self)
        self.calendar_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)
        )
        self.calendar_button.setToolTip("Välj i kalendern (Alt+Pil ned)")
        self.calendar_button.triggered.connect(self.open_calendar)
        self.addAction(self.calendar_button, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar = QCalendarWidget(self)
        self.calendar.setWindowFlags(Qt.WindowType.Popup)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setAccessibleName(f"Kalender för {name.lower()}")
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.textChanged.connect(self._check)
        self.editingFinished.connect(self._tidy)
        self.set_value(value)
        self._check(self.text())

    # -- reading -------------------------------------------------------------------------------

    def _read(self, text: str) -> dt.date | None:
        if self._month_only:
            return parse_month_input(text)
        return parse_date_input(text, self._today())

    def _problem(self, text: str) -> str | None:
        try:
            day = self._read(text)
        except ValidationError as error:
            return f"{self._name}: {error}"
        if day is None and self._required:
            return self._missing()
        return None

    def _missing(self) -> str:
        example = "ÅÅÅÅ-MM" if self._month_only else "ÅÅÅÅ-MM-DD"
        return f"Fyll i {self._name.lower()} ({example})."

    def _check(self, text: str) -> None:
        # An empty required field is not red while typing: it says so when saving.
        problem = self._problem(text) if text.strip() else None
        mark_field(self, problem)
        if problem is None:
            self.valueChanged.emit()

    def _tidy(self) -> None:
        """Shown the way lists show dates once typing is done: 5/3 becomes 2026-03-05."""
        try:
            day = self._read(self.text())
        except ValidationError:
            return
        if day is not None:
            self.set_value(day)

    # -- what the dialog asks every field at a save (ui/kit/field_errors.py) -------------------

    def problem(self) -> str | None:
        """What is wrong with what is typed, naming the field; an empty required field too."""
        return self._problem(self.text())

    def is_required(self) -> bool:
        return self._required

    def set_label(self, label: str) -> None:
        """Messages name the field as its form's label does ("Fullmakt från")."""
        self._name = label

    def field_name(self) -> str:
        return self._name

    @property
    def month_only(self) -> bool:
        return self._month_only

    def value(self) -> dt.date | None:
        """The date typed; None when empty and optional. ValidationError names the field."""
        problem = self._problem(self.text())
        if problem:
            raise ValidationError(problem)
        return self._read(self.text())

    def required_value(self) -> dt.date:
        day = self.value()
        if day is None:
            raise ValidationError(self._missing())
        return day

    def set_value(self, value: dt.date | None) -> None:
        if value is None:
            self.setText("")
        else:
            self.setText(f"{value:%Y-%m}" if self._month_only else value.isoformat())

    # -- the calendar --------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt_down = (
            event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        )
        if alt_down:
            self.open_calendar()
            return
        super().keyPressEvent(event)

    def open_calendar(self) -> None:
        try:
            shown = self._read(self.text())
        except ValidationError:
            shown = None
        self.calendar.setSelectedDate(to_qdate(shown or self._today()))
        self.calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar.show()
        self.calendar.setFocus()

    def _picked(self, day: QDate) -> None:
        self.calendar.hide()
        self.set_value(from_qdate(day))
        self.setFocus()
        self.editingFinished.emit()
