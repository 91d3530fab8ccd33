"""Someone else saved the same row while the form was open: in every domain the form keeps the
typing, shows both versions, reads in the saved one or saves the typing over it, and going back
to the form leaves the next save refused again."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from bobudget.db.engine import Database
from bobudget.follow_up.housing_support import (
    HousingSupportInput,
    create_housing_support,
    get_housing_support,
    update_housing_support,
)
from bobudget.follow_up.startup_meetings import get_checklist_template, save_checklist_template
from bobudget.funds.accounts import open_account, update_account
from bobudget.funds.queries import AccountInput, get_account
from bobudget.model import Contract
from bobudget.placement.contract_list import get_contract
from bobudget.placement.contracts import update_contract_terms
from tests.ui.conftest import TODAY, MessageBoxes, People
from ui.follow_up.support_tab import SupportDialog
from ui.funds.account_dialogs import AccountDialog
from ui.kit import Dialog, amount_text
from ui.pages.admin import ChecklistEditor
from ui.placement.contract_dialogs import TermsDialog

BACK = "Tillbaka till formuläret"
RELOAD = "Läs in det sparade"
REAPPLY = "Spara mina ändringar igen"


@dataclass
class Race:
    """A form open on a row, a colleague's save of another field of it, and the user's typing."""

    dialog: Dialog
    mine: Callable[[], str]  # the field the user typed in, as the form shows it
    theirs: Callable[[], str]  # the field the colleague changed, as the form shows it
    typed: str
    before: str  # the colleague's field as the form opened with it
    their_value: str  # ... and as the colleague saved it
    their_label: str
    box_lines: list[str]  # the comparison's lines for the colleague's field
    in_database: Callable[[], tuple[str, str]]  # (my field, their field) as saved now


def _funds_account(db: Database, people: People) -> Race:
    account_id = open_account(db, people.plain, AccountInput(dt.date(2026, 1, 1)), user="testare")
    dialog = AccountDialog(db, get_account(db, account_id, TODAY), today=TODAY)
    card = get_account(db, account_id, TODAY)
    bank = "8327-9, 123 456 789"
    update_account(
        db,
        account_id,
        card.version,
        AccountInput(
            card.power_of_attorney_start, review_date=card.review_date, bank_account_reference=bank
        ),
        user="kollega",
    )
    typed = "Hyran dras den 25:e varje månad."
    dialog.note.setPlainText(typed)

    def saved() -> tuple[str, str]:
        now = get_account(db, account_id, TODAY)
        return now.note, now.bank_account_reference

    return Race(
        dialog,
        dialog.note.toPlainText,
        dialog.bank.text,
        typed,
        "",
        bank,
        "Bankkonto",
        [f"    sparat nu: {bank}"],
        saved,
    )


_PARENTS: list[QWidget] = []


def _follow_up_support(db: Database, people: People) -> Race:
    support_id = create_housing_support(
        db,
        people.plain,
        HousingSupportInput("Hemtjänstens boendestöd", dt.date(2026, 1, 1)),
        user="testare",
    )
    _PARENTS.append(QWidget())  # the follow-up dialogs want a parent; it must outlive them
    row = get_housing_support(db, support_id)
    dialog = SupportDialog(db, people.plain, row, _PARENTS[-1])
    provider = "Boendestödsteamet Norr"
    update_housing_support(
        db,
        support_id,
        row.version,
        HousingSupportInput(
            provider, row.start_date, row.review_interval_months, responsible=row.responsible
        ),
        user="kollega",
    )
    typed = "Stöd med post och räkningar varannan vecka."
    dialog.note.setPlainText(typed)

    def saved() -> tuple[str, str]:
        now = get_housing_support(db, support_id)
        return now.note, now.provider

    return Race(
        dialog,
        dialog.note.toPlainText,
        dialog.provider.text,
        typed,
        "Hemtjänstens boendestöd",
        provider,
        "Utförare",
        ["    du skrev: Hemtjänstens boendestöd", f"    sparat nu: {provider}"],
        saved,
    )


def _placement_terms(db: Database, people: People) -> Race:
    with db.sessions() as s:
        contract_id = s.scalar(
            select(Contract.id).where(Contract.person_id == people.oberg, Contract.kind == "social")
        )
    assert contract_id is not None
    detail = get_contract(db, contract_id, TODAY)
    dialog = TermsDialog(db, detail, None, lambda: TODAY)
    update_contract_terms(
        db,
        contract_id,
        detail.version,
        dataclasses.replace(detail.terms, monthly_rent_ore=750000),
        user="kollega",
    )
    typed = "Hyran höjs från 1 april enligt hyresvärdens avisering."
    dialog.fields.note.setPlainText(typed)

    def saved() -> tuple[str, str]:
        terms = get_contract(db, contract_id, TODAY).terms
        return terms.note, amount_text(terms.monthly_rent_ore or 0)

    return Race(
        dialog,
        dialog.fields.note.toPlainText,
        dialog.fields.rent.text,
        typed,
        amount_text(712350),
        amount_text(750000),
        "Månadshyra",
        [f"    du skrev: {amount_text(712350)}", f"    sparat nu: {amount_text(750000)}"],
        saved,
    )


DOMAINS = pytest.mark.parametrize(
    "make",
    [_funds_account, _follow_up_support, _placement_terms],
    ids=["egna medel", "uppföljning", "placering"],
)


def _race(make: Callable[[Database, People], Race], db: Database, people: People, qtbot) -> Race:
    race = make(db, people)
    qtbot.addWidget(race.dialog)
    return race


@DOMAINS
def test_the_typing_is_kept_and_both_versions_are_shown(
    qtbot, sqlite_db: Database, people: People, message_boxes: MessageBoxes, make
) -> None:
    race = _race(make, sqlite_db, people, qtbot)
    message_boxes.answer(BACK)
    race.dialog.save()
    [box] = message_boxes.shown
    assert {BACK, RELOAD, REAPPLY} <= set(box.buttons)
    assert "Ändrat av kollega" in box.informative
    assert race.their_label in box.informative  # named among what differs
    assert f"du skrev: {race.typed}" in box.detail
    for line in race.box_lines:
        assert line in box.detail
    assert race.mine() == race.typed
    assert race.theirs() == race.before
    assert not race.dialog.saved


@DOMAINS
def test_read_in_the_saved_version(
    qtbot, sqlite_db: Database, people: People, message_boxes: MessageBoxes, make
) -> None:
    race = _race(make, sqlite_db, people, qtbot)
    message_boxes.answer(RELOAD)
    race.dialog.save()
    assert race.theirs() == race.their_value
    assert race.mine() != race.typed
    assert not race.dialog.saved
    assert race.in_database() == (race.mine(), race.their_value)


@DOMAINS
def test_save_my_changes_again_over_the_new_version(
    qtbot, sqlite_db: Database, people: People, message_boxes: MessageBoxes, make
) -> None:
    race = _race(make, sqlite_db, people, qtbot)
    message_boxes.answer(REAPPLY)
    race.dialog.save()
    assert race.dialog.saved
    # Everything the form held is saved, over the colleague's version: their field too.
    assert race.in_database() == (race.typed, race.before)


@DOMAINS
def test_going_back_then_saving_is_refused_again(
    qtbot, sqlite_db: Database, people: People, message_boxes: MessageBoxes, make
) -> None:
    race = _race(make, sqlite_db, people, qtbot)
    message_boxes.answer(BACK, BACK)
    race.dialog.save()
    race.dialog.save()  # Spara once more, without reading in the other change
    assert len(message_boxes.shown) == 2
    assert "Ändrat av kollega" in message_boxes.shown[1].informative
    assert not race.dialog.saved
    assert race.mine() == race.typed
    assert race.in_database()[1] == race.their_value  # the colleague's change stands


def test_the_checklist_editor_going_back_keeps_the_old_version_too(
    qtbot, sqlite_db: Database, message_boxes: MessageBoxes
) -> None:
    editor = ChecklistEditor(sqlite_db)
    qtbot.addWidget(editor)
    save_checklist_template(sqlite_db, "Nycklar\nHemförsäkring", None, user="kollega")
    editor.editor.setPlainText("Nycklar\nElavtal")
    message_boxes.answer(BACK, BACK)
    editor.save()
    editor.save()
    assert len(message_boxes.shown) == 2
    assert editor.editor.toPlainText() == "Nycklar\nElavtal"
    assert get_checklist_template(sqlite_db).items == ["Nycklar", "Hemförsäkring"]
    message_boxes.answer(REAPPLY)
    editor.save()
    assert get_checklist_template(sqlite_db).items == ["Nycklar", "Elavtal"]
