"""The keys are the same in every dialog: it opens with the cursor in its first field, what is
typed goes there, Enter saves from a one-line field, Ctrl+Enter from a note (where Enter makes a
new line), and Tab moves on out of a note or a table. Shown for one dialog of each domain."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QTableView, QWidget
from sqlalchemy import func, select

from bobudget.app.person_card import get_person_card
from bobudget.db.engine import Database
from bobudget.follow_up.housing_support import (
    HousingSupportInput,
    create_housing_support,
    get_housing_support,
)
from bobudget.funds.accounts import open_account
from bobudget.funds.queries import AccountInput, get_account
from bobudget.kernel.identity import demo_identity
from bobudget.model import Contract, ContractPeriod, Person, RentArrear
from bobudget.placement.temporary_list import get_placement
from tests.ui.conftest import TODAY, People, type_text
from ui.follow_up.support_tab import ReviewDialog
from ui.follow_up.trouble_tab import ArrearDialog
from ui.funds.account_dialogs import AccountDialog
from ui.kit import Dialog
from ui.persons.form import PersonFormDialog
from ui.placement.temporary_dialogs import RenewDialog

_PARENTS: list[QWidget] = []  # the follow-up dialogs want a parent; it must outlive them


def shown(qtbot, dialog: Dialog) -> Dialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def focus() -> QWidget | None:
    return QApplication.focusWidget()


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    widget = focus()
    assert widget is not None
    QTest.keyClick(widget, key, modifier)


def _account(db: Database, people: People) -> AccountDialog:
    account_id = open_account(db, people.plain, AccountInput(dt.date(2026, 1, 1)), user="testare")
    return AccountDialog(db, get_account(db, account_id, TODAY), today=TODAY)


def test_ändra_konto_opens_in_its_first_date_and_enter_in_a_field_saves(
    qtbot, sqlite_db: Database, people: People
) -> None:
    dialog = shown(qtbot, _account(sqlite_db, people))
    # The person row is a label: the cursor is in the first field, not on a button.
    assert focus() is dialog.start
    QTest.keyClicks(focus(), "2026-02-01")
    assert dialog.start.text() == "2026-02-01"
    dialog.bank.setFocus()
    QTest.keyClicks(dialog.bank, "8327-9, 123 456 789")
    press(Qt.Key.Key_Return)
    assert dialog.saved and not dialog.isVisible()
    saved = get_account(sqlite_db, dialog.account_id or 0, TODAY)
    assert saved.power_of_attorney_start == dt.date(2026, 2, 1)
    assert saved.bank_account_reference == "8327-9, 123 456 789"


def test_ändra_konto_enter_in_the_note_is_a_new_line_ctrl_enter_saves(
    qtbot, sqlite_db: Database, people: People
) -> None:
    dialog = shown(qtbot, _account(sqlite_db, people))
    dialog.note.setFocus()
    QTest.keyClicks(dialog.note, "Hyran dras den 25:e.")
    press(Qt.Key.Key_Return)
    QTest.keyClicks(dialog.note, "Kontant till mat.")
    assert dialog.isVisible() and not dialog.saved
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.saved
    note = get_account(sqlite_db, dialog.account_id or 0, TODAY).note
    assert note == "Hyran dras den 25:e.\nKontant till mat."


def test_only_the_save_button_is_default_and_space_in_a_field_clicks_nothing(
    qtbot, sqlite_db: Database, people: People
) -> None:
    dialog = shown(qtbot, _account(sqlite_db, people))
    assert not isinstance(focus(), QPushButton)
    assert dialog.save_button.isDefault()
    assert not [b.text() for b in dialog.findChildren(QPushButton) if b.autoDefault()]
    dialog.bank.setFocus()
    QTest.keyClicks(dialog.bank, "a b")
    assert dialog.bank.text() == "a b" and dialog.isVisible()
    # After a visit to a button, Spara is still the default: Enter in a field saves.
    dialog.cancel_button.setFocus()
    dialog.bank.setFocus()
    assert dialog.save_button.isDefault()
    press(Qt.Key.Key_Return)
    assert dialog.saved
    assert get_account(sqlite_db, dialog.account_id or 0, TODAY).bank_account_reference == "a b"


def test_a_new_account_opens_in_the_person_search_and_tab_leaves_its_table(
    qtbot, sqlite_db: Database, people: People
) -> None:
    dialog = shown(qtbot, AccountDialog(sqlite_db, None, today=TODAY))
    assert dialog.person_search is not None
    assert focus() is dialog.person_search.field
    table = dialog.person_search.findChild(QTableView)
    assert table is not None and not table.tabKeyNavigation()
    table.setFocus()
    press(Qt.Key.Key_Tab)
    assert focus() is not table


def test_ny_hyresskuld_opens_in_the_month_and_enter_in_the_amount_saves(
    qtbot, sqlite_db: Database, people: People
) -> None:
    contract_id = contract_of(sqlite_db, people.oberg, "social")
    _PARENTS.append(QWidget())
    dialog = shown(
        qtbot, ArrearDialog(sqlite_db, people.oberg, contract_id, None, lambda: TODAY, _PARENTS[-1])
    )
    assert focus() is dialog.month
    QTest.keyClicks(focus(), "2026-10-01")
    press(Qt.Key.Key_Tab)
    assert focus() is dialog.amount.edit
    QTest.keyClicks(focus(), "7123,50")
    press(Qt.Key.Key_Return)
    assert dialog.saved
    with sqlite_db.sessions() as session:
        arrear = session.scalars(select(RentArrear)).one()
        assert (arrear.month, arrear.amount_ore) == (dt.date(2026, 10, 1), 712350)


def test_boendestöd_review_note_takes_lines_tab_moves_on_and_ctrl_enter_saves(
    qtbot, sqlite_db: Database, people: People
) -> None:
    support_id = create_housing_support(
        sqlite_db,
        people.plain,
        HousingSupportInput("Hemtjänstens boendestöd", dt.date(2026, 1, 1)),
        user="testare",
    )
    _PARENTS.append(QWidget())
    row = get_housing_support(sqlite_db, support_id)
    dialog = shown(qtbot, ReviewDialog(sqlite_db, row, lambda: TODAY, _PARENTS[-1]))
    assert focus() is dialog.day  # "Skulle omprövas" is a shown date, not a field
    press(Qt.Key.Key_Tab)
    assert focus() is dialog.note
    type_text(dialog.note, "Stödet behövs")
    press(Qt.Key.Key_Return)
    type_text(dialog.note, "ett halvår till.")
    assert dialog.note.toPlainText() == "Stödet behövs\nett halvår till."
    press(Qt.Key.Key_Tab)
    assert focus() is not dialog.note and "\t" not in dialog.note.toPlainText()
    dialog.note.setFocus()
    press(Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    assert dialog.saved
    assert get_housing_support(sqlite_db, support_id).version != row.version


def contract_of(db: Database, person_id: int, kind: str) -> int:
    with db.sessions() as session:
        return session.scalars(
            select(Contract.id).where(Contract.person_id == person_id, Contract.kind == kind)
        ).one()


def test_förläng_opens_in_the_end_date_and_ctrl_enter_in_the_assessment_saves(
    qtbot, sqlite_db: Database, people: People
) -> None:
    contract_id = contract_of(sqlite_db, people.oberg, "temporary")
    with sqlite_db.sessions() as session:  # still running: its second period ends 2026-05-15
        session.get_one(Contract, contract_id).end_date = None
        session.commit()
    day = dt.date(2026, 5, 1)
    detail = get_placement(sqlite_db, contract_id, day)
    dialog = shown(qtbot, RenewDialog(sqlite_db, detail, 3, today=lambda: day))
    assert focus() is dialog.end  # "Ny period från" is a shown date
    press(Qt.Key.Key_Tab)
    assert focus() is dialog.assessment
    type_text(dialog.assessment, "Har sökt bostad hos tre hyresvärdar.")
    press(Qt.Key.Key_Return)
    QTest.keyClicks(dialog.assessment, "Behovet finns kvar.")
    assert dialog.isVisible() and not dialog.saved
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.saved, dialog.error_label.text()
    with sqlite_db.sessions() as session:
        periods = session.scalar(
            select(func.count()).where(ContractPeriod.contract_id == contract_id)
        )
    assert periods == 3


def test_the_person_form_opens_in_the_personnummer_and_enter_saves(
    qtbot, sqlite_db: Database
) -> None:
    dialog = shown(qtbot, PersonFormDialog.for_new(sqlite_db))
    assert focus() is dialog.identity.edit
    QTest.keyClicks(focus(), demo_identity(dt.date(1970, 4, 4), 3).display)
    press(Qt.Key.Key_Tab)
    assert focus() is dialog.first_name
    QTest.keyClicks(focus(), "Eva")
    press(Qt.Key.Key_Tab)
    QTest.keyClicks(focus(), "Nilsson")
    assert dialog.last_name.text() == "Nilsson"
    press(Qt.Key.Key_Return)
    assert dialog.saved, dialog.error_label.text()
    with sqlite_db.sessions() as session:
        person = session.scalars(select(Person).where(Person.last_name == "Nilsson")).one()
        assert person.first_name == "Eva"


def test_the_person_forms_note_takes_a_new_line_and_tab_leaves_it(
    qtbot, sqlite_db: Database, people: People
) -> None:
    card = get_person_card(sqlite_db, people.plain)
    dialog = shown(qtbot, PersonFormDialog.for_edit(sqlite_db, card, None))
    # The personnummer is shown, not edited: the cursor starts in Förnamn.
    assert focus() is dialog.first_name
    dialog.note.setFocus()
    QTest.keyClicks(dialog.note, "Ring efter kl 10.")
    press(Qt.Key.Key_Return)
    QTest.keyClicks(dialog.note, "Tolk: arabiska.")
    press(Qt.Key.Key_Tab)
    assert focus() is not dialog.note
    dialog.note.setFocus()
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.saved
    assert get_person_card(sqlite_db, people.plain).note == "Ring efter kl 10.\nTolk: arabiska."
