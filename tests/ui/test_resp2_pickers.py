"""The Ansvarig picker in the decision, contract, placement and egna medel account dialogs: a new
record starts at the signed-in user, the user chosen by keyboard is saved, Tab reaches it and it
has an accessible name; the lists' Ansvarig column shows the full name."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from bobudget.db.engine import Database
from bobudget.funds.accounts import open_account
from bobudget.funds.queries import AccountInput, get_account, search_accounts
from bobudget.model import Contract
from bobudget.placement.contract_list import ContractFilter, get_contract, list_contracts
from bobudget.placement.decisions import get_decision
from bobudget.placement.queue import QueueFilter, queue_rows
from bobudget.placement.temporary_list import active_placements
from tests.db.follow_up_helpers import staff
from tests.db.placement_data import TODAY, USER, decision, dwelling, landlord, person, place
from ui.funds.account_dialogs import AccountDialog
from ui.funds.models import AccountListModel
from ui.kit import Dialog, ResponsibleField
from ui.kit import responsible_field as picker_module
from ui.pages.contracts import COLUMNS as CONTRACT_COLUMNS
from ui.pages.queue import COLUMNS as QUEUE_COLUMNS
from ui.placement.contract_dialogs import SignContractDialog, TermsDialog
from ui.placement.decision_dialogs import DecisionDialog
from ui.placement.placements_panel import COLUMNS as PLACEMENT_COLUMNS
from ui.placement.temporary_dialogs import PlaceDialog

KIM = "kim.konsulent"


def today() -> dt.date:
    return TODAY


@pytest.fixture
def db(sqlite_db: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    """Two users; the signed-in one is USER ("Testare")."""
    staff(sqlite_db, KIM, USER)
    monkeypatch.setattr(picker_module, "current_username", lambda *_args: USER)
    return sqlite_db


def shown(qtbot, dialog: Dialog) -> Dialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def picker_of(dialog: QWidget) -> ResponsibleField:
    [field] = dialog.findChildren(ResponsibleField)
    return field


def tab_to(qtbot, dialog: Dialog, target: QWidget) -> None:
    """Tab from the first field until the picker has the focus (it must be in the order)."""
    first = dialog.first_input()
    assert first is not None
    first.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    for _ in range(60):
        if QApplication.focusWidget() is target:
            return
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Tab)
    raise AssertionError("Tab never reached the Ansvarig picker")


def choose_by_keyboard(qtbot, dialog: Dialog, name: str) -> ResponsibleField:
    """Tab to Ansvarig and type the start of the user's name, as a person does."""
    field = picker_of(dialog)
    assert field.accessibleName() == "Ansvarig"
    tab_to(qtbot, dialog, field)
    QTest.keyClicks(field, name)
    return field


def test_decision_dialog_new_is_mine_and_the_chosen_user_is_saved(qtbot, db: Database) -> None:
    who = person(db)
    dialog = shown(qtbot, DecisionDialog(db, today, person_id=who))
    assert picker_of(dialog).value() == USER  # a new record: the signed-in user
    dialog.decided_by.setText("Eva Socialsekreterare")
    dialog.reference.setText("SN 2026/7001")
    assert choose_by_keyboard(qtbot, dialog, "Kim").value() == KIM
    dialog.save()
    assert dialog.saved and dialog.decision_id is not None
    assert get_decision(db, dialog.decision_id).data.responsible == KIM
    # Changing it: the picker shows who it is; Ingen takes it from them.
    edit = shown(qtbot, DecisionDialog(db, today, get_decision(db, dialog.decision_id)))
    assert picker_of(edit).value() == KIM
    assert choose_by_keyboard(qtbot, edit, "Ingen").value() == ""
    edit.save()
    assert get_decision(db, dialog.decision_id).data.responsible == ""


def test_contract_dialogs_save_the_chosen_user(qtbot, db: Database) -> None:
    decided = decision(db, person(db))
    dwelling(db, landlord(db))
    dialog = shown(qtbot, SignContractDialog(db, today, get_decision(db, decided)))
    assert picker_of(dialog).value() == USER
    assert choose_by_keyboard(qtbot, dialog, "Kim").value() == KIM
    dialog.save()
    assert dialog.saved and dialog.contract_id is not None
    detail = get_contract(db, dialog.contract_id, TODAY)
    assert detail.terms.responsible == KIM
    [row] = list_contracts(db, ContractFilter(), TODAY)
    assert [c.text(row) for c in CONTRACT_COLUMNS if c.header == "Ansvarig"] == ["Kim Konsulent"]
    terms = shown(qtbot, TermsDialog(db, detail, today=today))
    assert picker_of(terms).value() == KIM
    assert choose_by_keyboard(qtbot, terms, "Testare").value() == USER
    terms.save()
    assert terms.saved
    assert get_contract(db, dialog.contract_id, TODAY).terms.responsible == USER


def test_place_dialog_saves_the_chosen_user_on_the_placement(qtbot, db: Database) -> None:
    waiting = decision(db, person(db), kind="temporary", decided=TODAY)
    place(db, "Vandrarhemmet Sjöviken")
    dialog = shown(qtbot, PlaceDialog(db, today, 3))
    dialog.picker.field.setText(get_decision(db, waiting).personnummer)
    dialog.picker.search()
    assert dialog.decision.currentData() == waiting
    assert picker_of(dialog).value() == USER
    assert choose_by_keyboard(qtbot, dialog, "Kim").value() == KIM
    dialog.save()
    assert dialog.saved and dialog.contract_id is not None
    with db.sessions() as s:
        assert s.scalar(select(Contract.responsible).where(Contract.id == dialog.contract_id)) == (
            KIM
        )
    [row] = active_placements(db, TODAY, TODAY)
    assert [c.text(row) for c in PLACEMENT_COLUMNS if c.header == "Ansvarig"] == ["Kim Konsulent"]


def test_account_dialog_new_is_mine_and_the_chosen_user_is_saved(qtbot, db: Database) -> None:
    new = shown(qtbot, AccountDialog(db, None, today=TODAY))
    assert picker_of(new).value() == USER
    new.close()
    account_id = open_account(db, person(db), AccountInput(dt.date(2026, 1, 1)), user="other")
    assert get_account(db, account_id, TODAY).responsible == ""  # "other" is no user
    dialog = shown(qtbot, AccountDialog(db, get_account(db, account_id, TODAY), today=TODAY))
    assert picker_of(dialog).value() == ""  # an existing record shows what it has: Ingen
    assert choose_by_keyboard(qtbot, dialog, "Kim").value() == KIM
    dialog.save()
    assert get_account(db, account_id, TODAY).responsible == KIM
    model = AccountListModel()
    model.set_rows(search_accounts(db, today=TODAY))
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    column = header.index("Ansvarig")
    assert model.data(model.index(0, column)) == "Kim Konsulent"


def test_the_queue_and_contract_lists_show_the_full_name_or_a_dash(db: Database) -> None:
    kims = decision(db, person(db), responsible=KIM)
    decision(db, person(db, "Bo", "Berg"), responsible="")
    rows = {r.decision_id: r for r in queue_rows(db, QueueFilter(), TODAY)}
    [ansvarig] = [c for c in QUEUE_COLUMNS if c.header == "Ansvarig"]
    assert sorted(ansvarig.text(r) for r in rows.values()) == ["Kim Konsulent", "–"]
    assert ansvarig.text(rows[kims]) == "Kim Konsulent"
