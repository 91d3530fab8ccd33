"""Arkiv → Mina uppgifter…: the signed-in user's name, phone and e-mail, as letters are signed."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from bobudget.app.users import own_details, set_own_details
from bobudget.db.engine import Database

from .kit import Dialog

INTRO = (
    "Breven du skriver ut undertecknas med ditt namn, telefonnummer och e-postadress. Utan "
    "namn och telefonnummer skrivs inga brev ut."
)


class OwnDetailsDialog(Dialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__("Mina uppgifter", parent)
        self._db = db
        officer = own_details(db)
        self.set_intro(f"{INTRO}\n\nAnvändare: {officer.username}")
        self.full_name = QLineEdit(officer.full_name)
        self.phone = QLineEdit(officer.phone)
        self.phone.setPlaceholderText("t.ex. 0522-69 70 00")
        self.email = QLineEdit(officer.email)
        self.add_row("Namn:", self.full_name)
        self.add_row("Telefon:", self.phone)
        self.add_row("E-post:", self.email)

    def perform(self) -> None:
        set_own_details(
            self._db,
            full_name=self.full_name.text(),
            phone=self.phone.text(),
            email=self.email.text(),
        )
