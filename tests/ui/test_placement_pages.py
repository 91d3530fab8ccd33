"""Kö and Kontrakt in the window, driven through their real widgets: the whole path decision →
queue → offers → contract → letter, the queue's marks and filters, a takeover, a refusal, and
the three pages in the main window opened from Att göra.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtPdf import QPdfDocument

from bobudget.app.todo import TodoItem
from bobudget.db.engine import Database
from bobudget.kernel.urgency import Urgency
from bobudget.placement.contracts import ContractInput, ContractTerms, sign_contract
from bobudget.placement.decisions import DecisionInput, get_decision, register_decision
from bobudget.placement.due import DUE_RENEWAL
from bobudget.placement.temporary import PlacementInput, place_person
from bobudget.placement.temporary_places import PlaceInput, save_place
from tests.db.placement_data import household
from tests.ui.conftest import TODAY, MessageBoxes, make_person
from tests.ui.placement_helpers import (
    Dialogs,
    choose,
    click,
    close_previews,
    colour,
    dialogs,
    pnr,
    ready_to_write_letters,
    show,
    stock,
    texts,
    today,
)
from ui.letters.print_action import open_previews
from ui.main_window import MainWindow
from ui.pages.contracts import ContractsPage
from ui.pages.queue import QueuePage
from ui.pages.temporary import TemporaryPage
from ui.style import AMBER, GREY, RED

# The fixtures, used by name.
__all__ = ["close_previews", "dialogs"]


# The whole path: decision → queue → offer declined → offer accepted → contract → letter


def test_decision_queue_offers_contract_and_letter(
    qtbot, sqlite_db: Database, dialogs: Dialogs, message_boxes: MessageBoxes
) -> None:
    ready_to_write_letters(sqlite_db)
    karin = make_person(sqlite_db, "Karin", "Öberg", serial=1)
    household(sqlite_db, karin, children=1)  # the decision's "1 vuxen, 1 barn" comes from it
    stock(sqlite_db)
    page = show(qtbot, QueuePage(sqlite_db, today))
    assert page.model.rowCount() == 0

    def decision(d: Any) -> None:
        d.picker.field.setText("öberg")
        d.picker.search()
        d.date.setText("2026-08-01")
        d.decided_by.setText("Eva Socialsekreterare")
        d.unit.setCurrentText("Vuxenavdelningen")
        d.reference.setText("SN 2026/00412")
        assert d.household.text().startswith("1 vuxen, 1 barn: Karin Öberg, Barn1 Barnsson")
        d.rooms.setText("2")
        d.ceiling.setText("8 000")

    dialogs.expect(decision)
    click(page, "new")
    assert texts(page)[0][:5] == [
        pnr(1),
        "Öberg, Karin",
        "2026-08-01",
        "118",
        "Över 3 mån – IVO",
    ]
    assert colour(page, 0, 4) == RED
    assert "1 vuxen, 1 barn, 2 rum" in texts(page)[0][5]
    decision_id = page.selected_key()
    assert decision_id is not None

    def offer(dwelling: str, day: str) -> Callable[[Any], None]:
        def fill(d: Any) -> None:
            choose(d.dwelling, dwelling)
            d.date.setText(day)

        return fill

    dialogs.expect(offer("Kvarngatan 7", "2026-09-01"))
    click(page, "offer")
    assert page.offers.texts() == [["2026-09-01", "Kvarngatan 7, 2 rum", "Väntar på svar"]]

    def declined(d: Any) -> None:
        d.declined_offer.setChecked(True)
        d.date.setText("2026-09-03")

    def with_reason(d: Any) -> None:
        d.reason.setPlainText("För långt från barnens skola")

    dialogs.expect(declined, retry=with_reason)
    click(page, "answer")
    assert "Skriv varför hushållet tackade nej" in dialogs.errors[0]
    assert page.offers.texts()[0][2] == "Tackade nej 2026-09-03: För långt från barnens skola"

    dialogs.expect(offer("Ågatan 3", "2026-10-01"))
    click(page, "offer")

    def accepted(d: Any) -> None:
        d.accepted_offer.setChecked(True)
        d.date.setText("2026-10-02")

    dialogs.expect(accepted)
    click(page, "answer")
    assert texts(page)[0][6] == "2026-10-02 Tackade ja" or texts(page)[0][6].startswith(
        "2026-10-01"
    )

    def contract(d: Any) -> None:
        assert "Ågatan 3" in d.dwelling.currentText()
        choose(d.kind, "Bostadssocialt")
        d.start.setText("2026-11-01")
        assert d.fields.rent.text() == "6 980,00"

    dialogs.expect(contract)
    message_boxes.answer("Skriv ut kontraktet…")
    click(page, "contract")

    # Carried out: out of the queue, with its date of execution.
    assert page.model.rowCount() == 0
    executed = get_decision(sqlite_db, decision_id)
    assert (executed.status, executed.executed_date) == ("executed", dt.date(2026, 11, 1))
    assert "beslutet är verkställt" in message_boxes.texts
    previews = open_previews()
    assert len(previews) == 1
    qtbot.waitUntil(lambda: previews[0].document.status() == QPdfDocument.Status.Ready)
    assert "bostadssocialt" in previews[0].title.lower()
    assert karin


def test_queue_filters_and_marks(qtbot, sqlite_db: Database) -> None:
    def decide(first: str, last: str, serial: int, day: dt.date, **needs: object) -> None:
        person = make_person(sqlite_db, first, last, serial=serial)
        household(sqlite_db, person, children=int(needs.pop("need_children", 0)))  # type: ignore[call-overload]
        data = DecisionInput(person, "housing", day, "Eva", f"SN {serial}", unit="Socialjouren")
        for key, value in needs.items():
            setattr(data, key, value)
        register_decision(sqlite_db, data, today=TODAY)

    decide("Bo", "Berg", 1, dt.date(2026, 7, 1), need_rooms=3)
    decide("Cilla", "Ceder", 2, dt.date(2026, 9, 10), need_rooms=2)
    decide("Dan", "Dahl", 3, dt.date(2026, 11, 20), need_rooms=2, need_children=2)
    page = show(qtbot, QueuePage(sqlite_db, today))
    assert [r[1] for r in texts(page)] == ["Berg, Bo", "Ceder, Cilla", "Dahl, Dan"]
    assert [colour(page, r, 4) for r in range(3)] == [RED, AMBER, None]
    assert texts(page)[1][4] == "Snart 3 mån"

    page.rooms.setText("2")
    qtbot.waitUntil(lambda: [r[1] for r in texts(page)] == ["Ceder, Cilla", "Dahl, Dan"])
    page.with_children.setChecked(True)
    qtbot.waitUntil(lambda: [r[1] for r in texts(page)] == ["Dahl, Dan"])
    page.with_children.setChecked(False)
    page.rooms.clear()
    qtbot.keyClicks(page.filter_field, "ceder")
    qtbot.waitUntil(lambda: [r[1] for r in texts(page)] == ["Ceder, Cilla"])
    assert page.count_label.text().startswith("1 hushåll väntar")
    # A filter with a control character, or too long, is refused where the count is.
    page.filter_field.setText("ceder\x00")
    qtbot.waitUntil(lambda: page.count_label.text().startswith("Sökningen innehåller"))
    assert texts(page) == []
    page.filter_field.setText(" ".join(["ord"] * 1000))
    qtbot.waitUntil(lambda: "högst 10 ord och 100 tecken" in page.count_label.text())
    page.filter_field.clear()
    page.passed.setChecked(True)
    qtbot.waitUntil(lambda: [r[1] for r in texts(page)] == ["Berg, Bo"])


# Temporary housing: placed, renewed twice through month ends, moved, ended


# A takeover, from the Kontrakt page


def test_takeover_review_and_takeover_in_the_window(
    qtbot, sqlite_db: Database, dialogs: Dialogs
) -> None:
    person = make_person(sqlite_db, "Per", "Persson", serial=3)
    home, _other = stock(sqlite_db)
    decision = register_decision(
        sqlite_db,
        DecisionInput(person, "housing", dt.date(2025, 10, 1), "Eva", "SN 7"),
        today=TODAY,
    )
    sign_contract(
        sqlite_db,
        ContractInput("transitional", decision, home, dt.date(2025, 11, 10), ContractTerms()),
        today=TODAY,
    )
    page = show(qtbot, ContractsPage(sqlite_db, today))
    panel = page.contracts
    assert texts(panel)[0][:6] == [
        "Bostadssocialt kontrakt", pnr(3), "Persson, Per", "2025-11-10", "",
        "Övertagande: beslut behövs",
    ]  # fmt: skip
    assert colour(panel, 0, 5) == RED
    panel.table.selectRow(0)
    assert "Prövningen är försenad (skulle göras 2026-11-10)" in panel.facts.text()

    def review(d: Any) -> None:
        assert "inga hyresskulder" in d.review.eligibility.text
        d.note.setPlainText("Hyran betald i tid, inga störningar")

    dialogs.expect(review)
    click(panel, "review")
    assert "Prövad 2026-11-27" in panel.facts.text()

    def takeover(d: Any) -> None:
        d.date.setText("2026-12-01")

    dialogs.expect(takeover)
    click(panel, "takeover")
    # Taken over on 2026-12-01: still running today, its end registered.
    assert texts(panel)[0][4:6] == ["2026-12-01", "Övertaget 2026-12-01"]
    assert colour(panel, 0, 5) == GREY


def test_bad_contract_input_is_refused_in_the_form(
    qtbot, sqlite_db: Database, dialogs: Dialogs
) -> None:
    person = make_person(sqlite_db, "Per", "Persson", serial=3)
    stock(sqlite_db)
    register_decision(
        sqlite_db, DecisionInput(person, "housing", dt.date(2026, 8, 1), "Eva", "SN 7"), today=TODAY
    )
    page = show(qtbot, ContractsPage(sqlite_db, today))

    def contract(d: Any) -> None:
        d.picker.field.setText("persson")
        d.picker.search()
        choose(d.dwelling, "Kvarngatan 7")
        d.start.setText("2026-11-01")
        d.fields.end.setText("2026-10-01")

    dialogs.expect(contract)
    click(page.contracts, "new")
    assert dialogs.errors == [
        "Slutdatum 2026-10-01 ligger före startdatum 2026-11-01. Ändra ett av datumen."
    ]
    assert page.contracts.model.rowCount() == 0


# In the main window, and opened from Att göra


def test_the_main_window_has_the_three_pages_and_opens_a_renewal_from_att_gora(
    qtbot, sqlite_db: Database
) -> None:
    place = save_place(sqlite_db, PlaceInput("Vandrarhemmet Sjöviken", cost_ore=45000))
    for serial, first in ((1, "Karin"), (2, "Lisa")):
        person = make_person(sqlite_db, first, "Öberg", serial=serial)
        decision = register_decision(
            sqlite_db, DecisionInput(person, "temporary", TODAY, "Eva", f"SN {serial}"), today=TODAY
        )
        contract_id = place_person(sqlite_db, PlacementInput(decision, place, TODAY))
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    window.show()
    assert isinstance(window.pages["queue"], QueuePage)
    assert isinstance(window.pages["contracts"], ContractsPage)
    assert isinstance(window.pages["temporary"], TemporaryPage)
    item = TodoItem(
        typ=DUE_RENEWAL,
        label="Förläng eller avsluta tillfälligt boende",
        datum=TODAY,
        urgency=Urgency.TODAY,
        person_id=person,
        personnummer=pnr(2),
        name="Öberg, Lisa",
        what="",
        area="temporary",
        contract_id=contract_id,
    )
    window.open_todo_item(item)
    page = window.pages["temporary"]
    assert window.current_area() == "temporary"
    assert page.placements.selected_key() == contract_id
    assert page.placements.action_bar.button("renew").isEnabled()
