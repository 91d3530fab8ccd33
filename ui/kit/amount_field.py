"""The one amount field of the window: "1 234,50", "1234.50" or "1234" read as whole öre."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from bobudget.kernel.errors import ValidationError
from bobudget.kernel.money import format_amount, parse_amount_ore

from ..style import GREY, RED
from .marks import mark_field

NOT_NEGATIVE = (
    "Beloppet får inte vara negativt. Om det är en in- eller utbetalning avgörs av vad du "
    "bokför, inte av ett minustecken."
)
NOT_ZERO = (
    "Beloppet måste vara större än noll. Om det är en in- eller utbetalning avgörs av vad du "
    "bokför, inte av ett minustecken."
)


def amount_text(ore: int) -> str:
    """123450 → "1 234,50": how the field shows an amount, typed or saved (plain spaces)."""
    return format_amount(ore).replace("\u00a0kr", "").replace("\u00a0", " ")


class AmountField(QWidget):
    """An amount in kronor; under it what was read ("= 1 234,50 kr") or what is wrong.

    `negative` only where an amount below zero means something; `zero=False` where the amount
    must be more than nothing (a payment). The value is integer öre, never a float.
    """

    changed = Signal()

    def __init__(
        self,
        name: str,
        value_ore: int | None = None,
        *,
        negative: bool = False,
        zero: bool = True,
        required: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._name = name
        self._required = required
        self._negative = negative
        self._zero = zero
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("t.ex. 1 234,50")
        self.edit.setAccessibleName(name)
        self.edit.setMaximumWidth(200)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName(f"Kontroll av {name.lower()}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.hint)
        self.edit.textChanged.connect(self._check)
        self.edit.editingFinished.connect(self._tidy)
        self.set_ore(value_ore)
        self._check(self.edit.text())

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:
        self.edit.setText(text)

    def set_ore(self, ore: int | None) -> None:
        self.edit.setText("" if ore is None else amount_text(ore))

    def set_value(self, ore: int | None) -> None:
        """The same as `set_ore`: the name the date field uses too."""
        self.set_ore(ore)

    def _read(self, text: str) -> int | None:
        if not text.strip():
            return None
        ore = parse_amount_ore(text)
        if ore < 0 and not self._negative:
            raise ValidationError(NOT_NEGATIVE if self._zero else NOT_ZERO)
        if ore == 0 and not self._zero:
            raise ValidationError(NOT_ZERO)
        return ore

    def _check(self, text: str) -> None:
        try:
            ore = self._read(text)
        except ValidationError as error:
            self._hint(str(error), RED)
            mark_field(self.edit, str(error))
        else:
            mark_field(self.edit, None)
            if ore is None:
                self._hint("Skriv beloppet i kronor, till exempel 1 234,50.", GREY)
            else:
                self._hint(f"= {format_amount(ore)}", GREY)
        self.changed.emit()

    def _tidy(self) -> None:
        """Once typing is done the amount is shown as lists show it: 1234.5 becomes 1 234,50."""
        try:
            ore = self._read(self.edit.text())
        except ValidationError:
            return
        if ore is not None:
            self.set_ore(ore)

    def _hint(self, text: str, colour: str) -> None:
        self.hint.setText(text)
        self.hint.setStyleSheet(f"color: {colour};")

    # -- what the dialog asks every field at a save (ui/kit/field_errors.py) -------------------

    def problem(self) -> str | None:
        """What is wrong with what is typed, naming the field; an empty required amount too."""
        try:
            amount = self.value_ore()
        except ValidationError as error:
            return str(error)
        return self._missing() if amount is None and self._required else None

    def is_required(self) -> bool:
        return self._required

    def set_label(self, label: str) -> None:
        self._name = label

    def field_name(self) -> str:
        return self._name

    def _missing(self) -> str:
        return f"Fyll i {self._name.lower()}, till exempel 1 234,50."

    def is_valid(self) -> bool:
        try:
            self._read(self.edit.text())
        except ValidationError:
            return False
        return True

    def value_ore(self) -> int | None:
        """The amount in öre; None when empty. ValidationError, naming the field, when wrong."""
        try:
            return self._read(self.edit.text())
        except ValidationError as error:
            raise ValidationError(f"{self._name}: {error}") from None

    def required_ore(self) -> int:
        """For an amount that must be given: empty is refused."""
        amount = self.value_ore()
        if amount is None:
            raise ValidationError(self._missing())
        return amount
