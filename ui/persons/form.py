"""The form to add a person or change one, without ever overwriting someone else's change."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from bobudget.app.person_card import PersonCard, get_person_card
from bobudget.db.engine import Database
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.identity import parse_identity
from bobudget.model import Person
from bobudget.persons.registry import (
    PersonInput,
    create_person,
    update_person,
)

from ..kit import Dialog, limit_to_columns
from ..style import GREEN, GREY, RED

log = logging.getLogger(__name__)


class IdentityField(QWidget):
    """A personnummer input that says as you type whether the number is valid, and why not."""

    def __init__(
        self, today: Callable[[], dt.date] = dt.date.today, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._today = today
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("ÅÅÅÅMMDD-NNNN")
        self.edit.setAccessibleName("Personnummer")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName("Kontroll av personnummer")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.hint)
        self.edit.textChanged.connect(self._check)
        self._check(self.edit.text())

    def text(self) -> str:
        return self.edit.text()

    def is_valid(self) -> bool:
        return self._valid

    # -- what the dialog asks every field at a save (ui/kit/field_errors.py) -------------------

    def problem(self) -> str | None:
        if not self.edit.text().strip():
            return "Fyll i personnummer, samordningsnummer eller reservnummer."
        return None if self._valid else self.hint.text()

    def is_required(self) -> bool:
        return True

    def set_label(self, label: str) -> None:
        """The number's own messages name it already."""

    def field_name(self) -> str:
        return "Personnummer"

    def _check(self, text: str) -> None:
        self._valid = False
        if not text.strip():
            self._set_hint("Skriv personnummer, samordningsnummer eller reservnummer.", GREY)
            return
        try:
            number = parse_identity(text, self._today())
        except ValidationError as error:
            self._set_hint(str(error), RED)
            return
        self._valid = True
        self._set_hint(f"✓ Giltigt {number.kind.label}: {number.display}", GREEN)

    def _set_hint(self, text: str, colour: str) -> None:
        self.hint.setText(text)
        self.hint.setStyleSheet(f"color: {colour};")


class PersonFormDialog(Dialog):
    """Names, address, phone, e-mail, protected flag and note; saved through the service."""

    MIN_WIDTH = 560

    def __init__(
        self, db: Database, card: PersonCard | None, parent: QWidget | None = None
    ) -> None:
        super().__init__("Ändra person" if card else "Ny person", parent)
        self._db = db
        self._card = card
        self.person_id: int | None = card.id if card else None

        self.identity = IdentityField()
        self.first_name = self._line("Förnamn")
        self.last_name = self._line("Efternamn")
        self.address = self._line("Adress")
        self.postal_code = self._line("Postnummer")
        self.city = self._line("Ort")
        self.phone = self._line("Telefon")
        self.email = self._line("E-post")
        self.protected = QCheckBox("Skyddade personuppgifter")
        self.protected.setAccessibleName("Skyddade personuppgifter")
        protected_hint = QLabel(
            "Sekretessmarkering eller skyddad folkbokföring: adressen visas aldrig i listor, "
            "på personkortet, i exporter eller i brev – bara här i formuläret."
        )
        protected_hint.setWordWrap(True)
        protected_hint.setObjectName("muted")
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Anteckning")
        self.note.setFixedHeight(80)

        form = self.form
        if card is None:
            form.addRow("Personnummer:", self.identity)
        else:
            shown = QLabel(f"{card.identity}   (personnumret ändras inte här)")
            shown.setAccessibleName("Personnummer")
            form.addRow("Personnummer:", shown)
        form.addRow("Förnamn:", self.first_name)
        form.addRow("Efternamn:", self.last_name)
        form.addRow("Adress:", self.address)
        form.addRow("Postnummer:", self.postal_code)
        form.addRow("Ort:", self.city)
        form.addRow("Telefon:", self.phone)
        form.addRow("E-post:", self.email)
        protected_box = QWidget()
        protected_layout = QVBoxLayout(protected_box)
        protected_layout.setContentsMargins(0, 0, 0, 0)
        protected_layout.setSpacing(2)
        protected_layout.addWidget(self.protected)
        protected_layout.addWidget(protected_hint)
        form.addRow("", protected_box)
        form.addRow("Anteckning:", self.note)
        self.require(self.first_name, self.last_name)
        limit_to_columns(
            {
                self.first_name: Person.first_name,
                self.last_name: Person.last_name,
                self.address: Person.address,
                self.postal_code: Person.postal_code,
                self.city: Person.city,
                self.phone: Person.phone,
                self.email: Person.email,
            }
        )
        if card is not None:
            self._fill(card)

    @classmethod
    def for_new(cls, db: Database, parent: QWidget | None = None) -> PersonFormDialog:
        return cls(db, None, parent)

    @classmethod
    def for_edit(cls, db: Database, card: PersonCard, parent: QWidget | None) -> PersonFormDialog:
        return cls(db, card, parent)

    @staticmethod
    def _line(name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        return edit

    def _fill(self, card: PersonCard) -> None:
        self.first_name.setText(card.first_name)
        self.last_name.setText(card.last_name)
        self.address.setText(card.address)
        self.postal_code.setText(card.postal_code)
        self.city.setText(card.city)
        self.phone.setText(card.phone)
        self.email.setText(card.email)
        self.protected.setChecked(card.protected)
        self.note.setPlainText(card.note)

    def person_input(self) -> PersonInput:
        return PersonInput(
            identity=self.identity.text() if self._card is None else self._card.identity,
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            address=self.address.text(),
            postal_code=self.postal_code.text(),
            city=self.city.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            protected=self.protected.isChecked(),
            note=self.note.toPlainText(),
        )

    def perform(self) -> None:
        data = self.person_input()
        if self._card is None:
            self.person_id = create_person(self._db, data)
            log.info("person %d created", self.person_id)
        else:
            update_person(self._db, self._card.id, self._card.version, data)
            log.info("person %d updated", self._card.id)

    def saved_now(self) -> PersonCard | None:
        return get_person_card(self._db, self._card.id) if self._card is not None else None

    def load(self, saved: object) -> None:
        assert isinstance(saved, PersonCard)
        self._card = saved
        self._fill(saved)

    def edited(self) -> PersonCard | None:
        return self._card


def typed_values_text(typed: PersonInput) -> str:
    """What the user typed, field by field, so a refused save loses nothing."""
    lines = [
        ("Förnamn", typed.first_name),
        ("Efternamn", typed.last_name),
        ("Adress", typed.address),
        ("Postnummer", typed.postal_code),
        ("Ort", typed.city),
        ("Telefon", typed.phone),
        ("E-post", typed.email),
        ("Skyddade personuppgifter", "ja" if typed.protected else "nej"),
        ("Anteckning", typed.note),
    ]
    return "\n".join(f"{label}: {value}" for label, value in lines)
