"""In the forms: a text field takes no more than its column holds, postnummer, telephone and
e-mail are refused next to their fields, and an amount being edited reads as everywhere else."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from bobudget.app.person_card import get_person_card
from bobudget.db.engine import Database
from bobudget.model import EvictionNotice, Person
from bobudget.model.lengths import max_length
from tests.ui.conftest import TODAY, People
from ui.follow_up.notices_tab import NoticeDialog
from ui.follow_up.trouble_tab import ArrearDialog
from ui.kit import AmountField, Dialog
from ui.persons.form import PersonFormDialog

_PARENTS: list[QWidget] = []


def person_form(qtbot, db: Database, person_id: int) -> PersonFormDialog:
    dialog = PersonFormDialog.for_edit(db, get_person_card(db, person_id), None)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def line(dialog: Dialog, field: QWidget) -> str:
    row = dialog.rows.row_of(field)
    assert row is not None
    return dialog.rows.lines[row].text().strip()


def test_the_person_form_takes_no_more_than_the_columns_hold(
    qtbot, sqlite_db: Database, people: People
) -> None:
    dialog = person_form(qtbot, sqlite_db, people.plain)
    for field, column in (
        (dialog.first_name, Person.first_name),
        (dialog.last_name, Person.last_name),
        (dialog.address, Person.address),
        (dialog.postal_code, Person.postal_code),
        (dialog.city, Person.city),
        (dialog.phone, Person.phone),
        (dialog.email, Person.email),
    ):
        assert field.maxLength() == max_length(column), field.accessibleName()
    dialog.first_name.clear()
    dialog.first_name.insert("A" * 5000)  # as a paste arrives
    assert dialog.first_name.text() == "A" * 100


def test_the_målnummer_takes_no_more_than_its_column(
    qtbot, sqlite_db: Database, people: People
) -> None:
    _PARENTS.append(QWidget())
    dialog = NoticeDialog(sqlite_db, people.oberg, None, lambda: TODAY, _PARENTS[-1])
    qtbot.addWidget(dialog)
    assert dialog.case_number.maxLength() == max_length(EvictionNotice.case_number) == 60


def test_postnummer_telephone_and_e_mail_are_refused_where_they_were_typed(
    qtbot, sqlite_db: Database, people: People
) -> None:
    dialog = person_form(qtbot, sqlite_db, people.plain)
    dialog.postal_code.setText("6522")
    dialog.phone.setText("070-999")
    dialog.email.setText("anna@")
    dialog.save_button.click()
    assert not dialog.saved
    assert "ska vara fem siffror, till exempel 652 24" in line(dialog, dialog.postal_code)
    assert "Telefonnumret '070-999' finns inte" in line(dialog, dialog.phone)
    assert "namn@exempel.se" in line(dialog, dialog.email)
    assert dialog.error_label.text().startswith("3 uppgifter behöver rättas")

    dialog.postal_code.setText("65224")
    dialog.phone.setText("0701112233")
    dialog.email.setText("anna@exempel.se")
    dialog.save_button.click()
    assert dialog.saved, dialog.error_label.text()
    card = get_person_card(sqlite_db, people.plain)
    assert (card.postal_code, card.phone, card.email) == (
        "652 24",
        "070-111 22 33",
        "anna@exempel.se",
    )


def test_an_amount_being_edited_reads_as_everywhere_else(
    qtbot, sqlite_db: Database, people: People
) -> None:
    _PARENTS.append(QWidget())
    dialog = ArrearDialog(sqlite_db, people.oberg, None, None, lambda: TODAY, _PARENTS[-1])
    qtbot.addWidget(dialog)
    field: AmountField = dialog.amount
    field.set_ore(800000)
    assert field.text() == "8 000,00"
    field.setText("8000")
    field.edit.editingFinished.emit()
    assert field.text() == "8 000,00"
    assert field.hint.text() == "= 8\u00a0000,00\u00a0kr"
