"""The person card's Hushåll: who lives there, with dates in and out, and the forms that change
it (add a registered person, register a new child, end a membership, mark the applicant).

The forms call bobudget.persons.households through the kit's dialog, so the change reaches
every page on the one change signal: the card, the queue's "1 vuxen, 2 barn", the letters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from bobudget.db.engine import Database
from bobudget.kernel.errors import DomainError
from bobudget.kernel.formatting import format_date
from bobudget.model.vocab import HouseholdRole
from bobudget.persons.households import (
    HouseholdView,
    MemberView,
    NewChild,
    add_child,
    add_member,
    end_membership,
    get_household,
    make_applicant,
)

from ..changes import run_change
from ..errors import show_domain_error
from ..forms import DateField, FormDialog
from ..placement.widgets import PersonPicker

__all__ = ["HEADERS", "AddMemberDialog", "EndMemberDialog", "HouseholdSection", "NewChildDialog"]

HEADERS = ("Personnummer", "Namn", "Roll", "Född", "Från", "Till")
Today = Callable[[], dt.date]


def member_row(m: MemberView) -> list[str]:
    return [
        m.identity,
        m.name,
        m.role_label + ("" if m.current else " (utflyttad)"),
        format_date(m.birth_date),
        format_date(m.from_date),
        format_date(m.to_date),
    ]


class AddMemberDialog(FormDialog):
    """A person already in the register moves into the household."""

    def __init__(
        self, db: Database, household: HouseholdView, today: Today, parent: QWidget | None = None
    ) -> None:
        super().__init__("Lägg till medlem i hushållet", parent, "Lägg till")
        self._db = db
        self._household = household
        self.set_intro(
            f"Hushållet: {household.size.text}. Sök fram personen; ett nytt barn som inte "
            "finns i registret läggs till med 'Nytt barn…'."
        )
        self.picker = PersonPicker(db)
        self.add_row("Person", self.picker)
        self.role = QComboBox()
        self.role.setAccessibleName("Roll")
        for role in HouseholdRole:
            if role != HouseholdRole.APPLICANT:
                self.role.addItem(role.label, str(role))
        self.add_row("Roll", self.role)
        self.first = DateField("Bor i hushållet från", today(), today=today)
        self.add_row("Från", self.first)

    def perform(self) -> None:
        add_member(
            self._db,
            self._household.id,
            self._household.version,
            self.picker.required_person(),
            HouseholdRole(self.role.currentData()),
            self.first.required_value(),
        )


class NewChildDialog(FormDialog):
    """A child not in the register: name and birth date (a personnummer if there is one)."""

    def __init__(
        self, db: Database, household: HouseholdView, today: Today, parent: QWidget | None = None
    ) -> None:
        super().__init__("Nytt barn i hushållet", parent, "Lägg till barnet")
        self._db = db
        self._household = household
        self._today = today
        self.set_intro(
            "Har barnet inget personnummer ännu får det ett reservnummer; födelsedatumet "
            "avgör då när barnet räknas som vuxet."
        )
        applicant = next((m for m in household.current if m.role == HouseholdRole.APPLICANT), None)
        self.first_name = QLineEdit()
        self.first_name.setAccessibleName("Förnamn")
        self.first_name.setMaxLength(100)
        self.last_name = QLineEdit(applicant.name.split()[-1] if applicant else "")
        self.last_name.setAccessibleName("Efternamn")
        self.last_name.setMaxLength(100)
        self.identity = QLineEdit()
        self.identity.setAccessibleName("Personnummer")
        self.identity.setPlaceholderText("ÅÅÅÅMMDD-NNNN, eller tomt")
        self.birth = DateField("Födelsedatum", required=False, today=today)
        self.first = DateField("Bor i hushållet från", today(), today=today)
        self.add_row("Förnamn", self.first_name)
        self.add_row("Efternamn", self.last_name)
        self.add_row("Personnummer (om det finns)", self.identity)
        self.add_row("Födelsedatum", self.birth)
        self.add_row("Från", self.first)

    def perform(self) -> None:
        data = NewChild(
            self.first_name.text(),
            self.last_name.text(),
            self.birth.value(),
            self.identity.text(),
            self.first.required_value(),
        )
        add_child(
            self._db,
            self._household.id,
            self._household.version,
            data,
            today=self._today(),
        )


class EndMemberDialog(FormDialog):
    """The member moves out: the last day they live in the household."""

    def __init__(
        self, db: Database, member: MemberView, today: Today, parent: QWidget | None = None
    ) -> None:
        super().__init__("Avsluta medlemskap", parent, "Avsluta")
        self._db = db
        self._member = member
        self._today = today
        self.set_intro(f"{member.name} ({member.role_label.lower()}) flyttar från hushållet.")
        self.last = DateField("Sista dagen i hushållet", today(), today=today)
        self.add_row("Sista dagen", self.last)

    def perform(self) -> None:
        end_membership(
            self._db,
            self._member.id,
            self._member.version,
            self.last.required_value(),
            today=self._today(),
        )


class HouseholdSection(QWidget):
    """The members on the card, the size in words, and the buttons that change them."""

    def __init__(
        self,
        db: Database,
        table: QTableWidget,
        today: Today = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today
        self.household: HouseholdView | None = None
        self.table = table
        self.size_label = QLabel()
        self.size_label.setAccessibleName("Hushållets storlek")
        self.add_button = self._button("Lägg till &medlem…", "Lägg till medlem", self.add)
        self.child_button = self._button("Nytt &barn…", "Registrera nytt barn", self.new_child)
        self.end_button = self._button(
            "Avsluta medlemskap…", "Avsluta medlemskap", self.end_selected
        )
        self.applicant_button = self._button(
            "Gör till sökande", "Gör till hushållets sökande", self.applicant_selected
        )
        table.itemSelectionChanged.connect(self._selection_changed)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.child_button, self.end_button, self.applicant_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.size_label)
        layout.addWidget(table)
        layout.addLayout(buttons)
        self._selection_changed()

    @staticmethod
    def _button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def show_person(self, person_id: int) -> list[list[str]]:
        """Read the person's household; the rows shown (for the card's text)."""
        try:
            self.household = get_household(self._db, person_id, self._today())
        except DomainError:
            self.household = None
        members = self.household.members if self.household else []
        rows = [member_row(m) for m in members]
        size = self.household.size.text if self.household else ""
        self.size_label.setText(f"Hushållet i dag: {size}." if size else "")
        self.add_button.setEnabled(self.household is not None)
        self.child_button.setEnabled(self.household is not None)
        self._selection_changed()
        return rows

    def selected_member(self) -> MemberView | None:
        if self.household is None:
            return None
        rows = {i.row() for i in self.table.selectedIndexes()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        members = self.household.members
        return members[row] if 0 <= row < len(members) else None

    def select_member(self, person_id: int) -> None:
        if self.household is not None:
            for n, m in enumerate(self.household.members):
                if m.person_id == person_id:
                    self.table.selectRow(n)

    def _selection_changed(self) -> None:
        m = self.selected_member()
        movable = m is not None and m.current and m.to_date is None
        self.end_button.setEnabled(movable and m is not None and m.role != HouseholdRole.APPLICANT)
        self.applicant_button.setEnabled(
            movable and m is not None and m.role != HouseholdRole.APPLICANT and not m.child
        )

    # -- actions ------------------------------------------------------------------------------

    def add(self) -> FormDialog | None:
        if self.household is None:
            return None
        dialog = AddMemberDialog(self._db, self.household, self._today, self)
        dialog.exec()
        return dialog

    def new_child(self) -> FormDialog | None:
        if self.household is None:
            return None
        dialog = NewChildDialog(self._db, self.household, self._today, self)
        dialog.exec()
        return dialog

    def end_selected(self) -> FormDialog | None:
        member = self.selected_member()
        if member is None:
            return None
        dialog = EndMemberDialog(self._db, member, self._today, self)
        dialog.exec()
        return dialog

    def applicant_selected(self) -> None:
        member = self.selected_member()
        if member is None:
            return
        try:
            run_change(
                make_applicant,
                self._db,
                member.id,
                member.version,
                today=self._today(),
            )
        except DomainError as error:
            show_domain_error(self, error)
