"""Hushåll on the person card, driven through its buttons and forms: a child added, a refusal
shown in the form, a member moved out, the applicant handed over; and the contract dialog
opening on the dwelling that fits the household."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from bobudget.db.engine import Database
from bobudget.model.vocab import HouseholdRole
from bobudget.persons.households import NewChild, add_child, add_member, get_household
from bobudget.placement.decisions import DecisionInput, get_decision, register_decision
from bobudget.placement.housing_stock import (
    DwellingInput,
    LandlordInput,
    save_dwelling,
    save_landlord,
)
from tests.ui.conftest import TODAY, make_person
from ui.forms import FormDialog
from ui.persons.card import PersonCardView
from ui.persons.household import EndMemberDialog, NewChildDialog
from ui.placement.contract_dialogs import SignContractDialog

Filler = Callable[[FormDialog], None]


@pytest.fixture
def forms(monkeypatch: pytest.MonkeyPatch) -> list[Filler]:
    """Each form opened is filled by the next filler and saved, instead of waiting for a user."""
    fillers: list[Filler] = []

    def fake_exec(dialog: FormDialog) -> int:
        fillers.pop(0)(dialog)
        if not dialog.saved:
            dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(FormDialog, "exec", fake_exec)
    return fillers


@pytest.fixture
def card(qtbot, sqlite_db: Database) -> PersonCardView:
    view = PersonCardView(sqlite_db)
    view.household._today = lambda: TODAY
    qtbot.addWidget(view)
    view.resize(900, 800)
    view.show()
    return view


def _rows(card: PersonCardView) -> list[list[str]]:
    return card.household_table.cell_texts()


def test_a_child_is_added_ended_and_the_applicant_handed_over(
    qtbot, card: PersonCardView, sqlite_db: Database, forms: list[Filler]
) -> None:
    karin = make_person(sqlite_db, "Karin", "Öberg", serial=1)
    omar = make_person(sqlite_db, "Omar", "Öberg", serial=2)
    card.show_person(karin)
    assert card.household.size_label.text() == "Hushållet i dag: 1 vuxen."
    assert not card.household.end_button.isEnabled()

    refused: list[str] = []

    def no_birth_date(d: FormDialog) -> None:
        assert isinstance(d, NewChildDialog)
        assert d.last_name.text() == "Öberg"  # the applicant's surname, to save typing
        d.first_name.setText("Ali")

    def after_refusal(d: FormDialog) -> None:
        refused.append(d.error_label.text())
        assert isinstance(d, NewChildDialog)
        d.birth.setText("2015-04-02")

    def refused_then_fixed(d: FormDialog) -> None:
        no_birth_date(d)
        d.save()  # refused: stays open with the reason
        after_refusal(d)

    forms.append(refused_then_fixed)
    card.household.child_button.click()
    assert refused == ["Ange barnets födelsedatum (eller personnummer)."]
    # The card read itself again on the change signal.
    qtbot.waitUntil(lambda: len(_rows(card)) == 2)
    assert _rows(card)[1][1:4] == ["Ali Öberg", "Barn", "2015-04-02"]
    assert card.household.size_label.text() == "Hushållet i dag: 1 vuxen, 1 barn."
    assert "Ali Öberg | Barn" in card.visible_text()

    hh = get_household(sqlite_db, karin, TODAY)
    add_member(sqlite_db, hh.id, hh.version, omar, HouseholdRole.CO_APPLICANT, TODAY, "t", TODAY)
    card.show_person(karin)
    card.household.select_member(omar)
    assert card.household.applicant_button.isEnabled()
    card.household.applicant_button.click()
    qtbot.waitUntil(lambda: _rows(card)[0][1:3] == ["Omar Öberg", "Sökande"])
    assert ["Karin Öberg", "Medsökande"] in [r[1:3] for r in _rows(card)]

    # Karin moves out at the end of the year.
    def moves_out(d: FormDialog) -> None:
        assert isinstance(d, EndMemberDialog)
        d.last.setText("2026-12-31")

    forms.append(moves_out)
    card.household.select_member(karin)
    card.household.end_button.click()
    qtbot.waitUntil(lambda: ["Karin Öberg", "Medsökande"] in [r[1:3] for r in _rows(card)])
    karin_row = next(r for r in _rows(card) if r[1] == "Karin Öberg")
    assert karin_row[5] == "2026-12-31"
    # A child cannot be made the applicant: the button says so by being off.
    card.household.select_member(next(m.person_id for m in card.household.household.members
                                      if m.name == "Ali Öberg"))  # type: ignore[union-attr]  # fmt: skip
    assert not card.household.applicant_button.isEnabled()


def test_the_contract_dialog_opens_on_the_dwelling_that_fits(qtbot, sqlite_db: Database) -> None:
    karin = make_person(sqlite_db, "Karin", "Öberg", serial=1)
    hh = get_household(sqlite_db, karin, TODAY)
    add_child(
        sqlite_db, hh.id, hh.version, NewChild("Ali", "Öberg", dt.date(2015, 4, 2)), "t", TODAY
    )
    hh = get_household(sqlite_db, karin, TODAY)
    add_child(
        sqlite_db, hh.id, hh.version, NewChild("Ida", "Öberg", dt.date(2018, 4, 2)), "t", TODAY
    )
    landlord = save_landlord(sqlite_db, LandlordInput("Sjöviks Bostäder AB"))
    for address, rooms, rent in (
        ("Allégatan 1", 1, 500_000),  # first in the list: too small
        ("Bergsgatan 2", 5, 1_100_000),  # too dear
        ("Ekvägen 9", 4, 900_000),
        ("Kvarngatan 7", 3, 850_000),  # fits: three rooms for 1 vuxen, 2 barn
    ):
        save_dwelling(
            sqlite_db, DwellingInput(address, landlord_id=landlord, rooms=rooms, rent_ore=rent)
        )
    decision_id = register_decision(
        sqlite_db,
        DecisionInput(karin, "housing", TODAY, "Eva", "SN 1", need_rent_ceiling_ore=1_000_000),
        today=TODAY,
    )
    detail = get_decision(sqlite_db, decision_id)
    assert detail.needs.startswith("1 vuxen, 2 barn")
    dialog = SignContractDialog(sqlite_db, lambda: TODAY, detail)
    qtbot.addWidget(dialog)
    assert dialog.dwelling.currentText().startswith("Kvarngatan 7, 3 rum")
    assert dialog.dwelling.currentText().endswith("passar behovet")
    assert dialog.need.text().startswith("minst 3 rum, högst 10")
    assert dialog.dwelling.itemText(1).startswith("Ekvägen 9")
    assert dialog.dwelling.itemText(dialog.dwelling.count() - 1).startswith("Bergsgatan 2")
