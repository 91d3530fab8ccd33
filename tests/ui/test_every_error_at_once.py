"""Every error at once, where it belongs: one save shows every problem of a form, each on the
line under its field; required fields carry an asterisk that is explained; the fields do not
move when the messages appear."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import func, select

from bobudget.db.engine import Database
from bobudget.model import AuditEntry, Decision, Person, RentArrear
from tests.ui.conftest import TODAY, People
from ui.follow_up.trouble_tab import ArrearDialog
from ui.kit import Dialog
from ui.kit.field_errors import REQUIRED_NOTE, REQUIRED_SPOKEN
from ui.persons.form import PersonFormDialog
from ui.placement.decision_dialogs import DecisionDialog

_PARENTS: list[QWidget] = []


def today() -> dt.date:
    return TODAY


def shown(qtbot, dialog: Dialog) -> Dialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()  # the layout is done
    return dialog


def line(dialog: Dialog, field: QWidget) -> str:
    """The error line under the row that holds `field`."""
    row = dialog.rows.row_of(field)
    assert row is not None
    return dialog.rows.lines[row].text().strip()


def count(db: Database, model: type) -> int:
    with db.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def positions(dialog: Dialog, *fields: QWidget) -> list[int]:
    return [f.mapTo(dialog, f.rect().topLeft()).y() for f in fields]


def test_the_decision_form_shows_five_problems_at_one_save(
    qtbot, sqlite_db: Database, people: People
) -> None:
    dialog = shown(qtbot, DecisionDialog(sqlite_db, today))
    assert dialog.picker is not None
    dialog.date.setText("2026-02-31")
    dialog.decided_by.setText("  ")
    dialog.reference.setText("")
    dialog.rooms.setText("två")
    dialog.ceiling.setText("tusen")
    fields = (dialog.date, dialog.decided_by, dialog.reference, dialog.rooms, dialog.ceiling)
    before = positions(dialog, *fields)
    audits = count(sqlite_db, AuditEntry)

    dialog.save_button.click()
    QApplication.processEvents()

    assert not dialog.saved and dialog.isVisible()
    assert line(dialog, dialog.picker.field) == "Sök fram och välj personen."
    assert "Beslutsdatum: 31 februari 2026 finns inte" in line(dialog, dialog.date)
    assert line(dialog, dialog.decided_by) == "Fyll i beslutsfattare."
    assert line(dialog, dialog.reference) == "Fyll i diarienummer."
    assert "skriv ett heltal" in line(dialog, dialog.rooms)
    assert "Hyrestak per månad:" in line(dialog, dialog.ceiling)
    assert dialog.error_label.text().startswith("6 uppgifter behöver rättas")
    # The lines were there, empty, before the save: no field moved when they filled.
    assert positions(dialog, *fields) == before
    assert dialog.buttons.geometry().bottom() <= dialog.height()
    assert count(sqlite_db, Decision) == 0 and count(sqlite_db, AuditEntry) == audits


def test_the_decision_service_names_every_field_it_refuses_at_once(
    qtbot, sqlite_db: Database, people: People
) -> None:
    """What only the rules know (no room, a date to come) is also shown at once."""
    dialog = shown(qtbot, DecisionDialog(sqlite_db, today, person_id=people.plain))
    dialog.date.setText("2026-12-01")
    dialog.decided_by.setText("Eva Ek")
    dialog.reference.setText("SN 2026/1")
    dialog.rooms.setText("0")

    dialog.save_button.click()

    assert not dialog.saved
    assert "ligger i framtiden" in line(dialog, dialog.date)
    assert "Antal rum måste vara minst 1" in line(dialog, dialog.rooms)
    assert line(dialog, dialog.decided_by) == ""
    assert dialog.error_label.text().startswith("2 uppgifter behöver rättas")
    assert count(sqlite_db, Decision) == 0


def test_the_messages_go_once_the_problems_are_put_right(
    qtbot, sqlite_db: Database, people: People
) -> None:
    dialog = shown(qtbot, DecisionDialog(sqlite_db, today, person_id=people.plain))
    dialog.save_button.click()
    assert line(dialog, dialog.decided_by) == "Fyll i beslutsfattare."
    dialog.decided_by.setText("Eva Ek")
    dialog.reference.setText("SN 2026/2")
    dialog.save_button.click()
    assert dialog.saved, dialog.error_label.text()
    assert count(sqlite_db, Decision) == 1


def test_required_fields_carry_an_explained_asterisk(
    qtbot, sqlite_db: Database, people: People
) -> None:
    dialog = shown(qtbot, DecisionDialog(sqlite_db, today))
    assert dialog.required_note.isVisible() and dialog.required_note.text() == REQUIRED_NOTE
    label = dialog.form.labelForField(dialog.rows.row_of(dialog.decided_by))
    assert label.text() == "Beslutsfattare *"
    assert dialog.decided_by.accessibleDescription() == REQUIRED_SPOKEN
    optional = dialog.form.labelForField(dialog.rows.row_of(dialog.wished))
    assert "*" not in optional.text()


def test_the_person_form_shows_number_and_both_names_at_one_save(
    qtbot, sqlite_db: Database, people: People
) -> None:
    dialog = shown(qtbot, PersonFormDialog.for_new(sqlite_db))
    persons = count(sqlite_db, Person)
    dialog.identity.edit.setText("19850312-0000")
    dialog.save_button.click()
    assert "Personnummer" in line(dialog, dialog.identity.edit) or line(
        dialog, dialog.identity.edit
    )
    assert line(dialog, dialog.first_name) == "Fyll i förnamn."
    assert line(dialog, dialog.last_name) == "Fyll i efternamn."
    assert dialog.error_label.text().startswith("3 uppgifter behöver rättas")
    assert count(sqlite_db, Person) == persons


def test_ny_hyresskuld_shows_the_month_and_the_amount_at_one_save(
    qtbot, sqlite_db: Database, people: People
) -> None:
    _PARENTS.append(QWidget())
    dialog = shown(qtbot, ArrearDialog(sqlite_db, people.oberg, None, None, today, _PARENTS[-1]))
    dialog.month.setText("2026-13-01")
    dialog.amount.setText("sju tusen")
    dialog.save_button.click()
    assert "Månad 13 finns inte" in line(dialog, dialog.month)
    assert line(dialog, dialog.amount.edit).startswith("Belopp")
    assert dialog.error_label.text().startswith("2 uppgifter behöver rättas")
    assert count(sqlite_db, RentArrear) == 0


def test_on_a_low_screen_the_form_scrolls_and_the_buttons_stay_on_it(
    qtbot, sqlite_db: Database, people: People
) -> None:
    """However low the screen, the dialog stays on it and its buttons are not cut off."""
    dialog = shown(qtbot, DecisionDialog(sqlite_db, today))
    qtbot.waitUntil(
        lambda: (
            dialog.geometry().bottom()
            <= QGuiApplication.primaryScreen().availableGeometry().bottom()
        )
    )
    dialog.save_button.click()
    QApplication.processEvents()
    screen = QGuiApplication.primaryScreen().availableGeometry()
    for button in (dialog.save_button, dialog.cancel_button):
        corner = button.mapToGlobal(button.rect().bottomRight())
        assert screen.contains(corner), f"{button.text()} is off the screen"
    assert screen.contains(dialog.geometry())
