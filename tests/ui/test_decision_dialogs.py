"""The decision facts and the client fee in the placement dialogs: placed with a fee, renewed
with its decision, the decision written down afterwards, and the takeover review's outcome.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bobudget.db.engine import Database
from bobudget.placement.decisions import DecisionInput, register_decision
from bobudget.placement.takeover import get_takeover_review
from bobudget.placement.temporary import ClientFee, PlacementInput, place_person
from bobudget.placement.temporary_list import get_placement
from bobudget.placement.temporary_places import PlaceInput, save_place
from tests.db.follow_up_helpers import add_lease
from tests.ui.conftest import TODAY, MessageBoxes, make_person
from tests.ui.placement_helpers import Dialogs, choose, click, dialogs, show, today
from ui.pages.temporary import TemporaryPage
from ui.placement.takeover_dialogs import TakeoverReviewDialog

__all__ = ["dialogs"]


def _placed(db: Database) -> int:
    person = make_person(db, "Karin", "Öberg", serial=1)
    place = save_place(db, PlaceInput("Vandrarhemmet Sjöviken", cost_ore=45000))
    decision = register_decision(
        db, DecisionInput(person, "temporary", TODAY, "Eva", "SN 2026/00999"), today=TODAY
    )
    return place_person(
        db, PlacementInput(decision, place, TODAY, client_fee=ClientFee(50_00, "night"))
    )


def test_renewing_records_the_decision_and_the_fee_and_the_decision_can_be_written_later(
    qtbot, sqlite_db: Database, dialogs: Dialogs, message_boxes: MessageBoxes
) -> None:
    contract = _placed(sqlite_db)
    page = show(qtbot, TemporaryPage(sqlite_db, today))
    panel = page.placements
    assert panel.select_key(contract)
    assert not panel.action_bar.button("decision").isEnabled()  # no renewal yet

    def renew(d: Any) -> None:
        # The fee the placement had is shown; the decision changes it to a monthly fee.
        assert d.fee.amount.edit.text() == "50,00" and d.fee.unit.currentData() == "night"
        d.assessment.setPlainText("Du behöver fortfarande boendet.")
        d.fee.amount.edit.setText("1 200")
        choose(d.fee.unit, "per månad")
        d.decision.decided_by.setText("Eva Berg, enhetschef")

    dialogs.expect(renew)
    message_boxes.answer("Inte nu")
    click(panel, "renew")
    detail = get_placement(sqlite_db, contract, TODAY)
    assert (detail.client_fee_ore, detail.client_fee_unit) == (1200_00, "month")
    assert detail.current.decided_by == "Eva Berg, enhetschef"
    assert detail.current.decision_date == TODAY and detail.current.decision_reference == ""

    def write_reference(d: Any) -> None:
        assert d.decision.decided_by.text() == "Eva Berg, enhetschef"
        d.decision.reference.setText("SN 2026/01001")

    assert panel.action_bar.button("decision").isEnabled()
    dialogs.expect(write_reference)
    click(panel, "decision")
    assert get_placement(sqlite_db, contract, TODAY).current.decision_reference == "SN 2026/01001"


def test_the_takeover_review_records_what_was_decided(qtbot, sqlite_db: Database) -> None:
    person = make_person(sqlite_db, "Per", "Persson", serial=3)
    contract = add_lease(sqlite_db, person, TODAY - dt.timedelta(days=370), kind="transitional")
    dialog = TakeoverReviewDialog(sqlite_db, today, contract, "Per Persson")
    qtbot.addWidget(dialog)
    dialog.date.setText(TODAY.isoformat())
    dialog.note.setPlainText("Du har betalat hyran i tid.")
    choose(dialog.outcome, "Prövotiden förlängs")
    dialog.decided_by.setText("Eva Berg, enhetschef")
    dialog.reference.setText("SN 2026/00300")
    dialog.save()
    review = get_takeover_review(sqlite_db, contract, TODAY)
    assert (review.outcome, review.decided_by, review.decision_reference) == (
        "extended",
        "Eva Berg, enhetschef",
        "SN 2026/00300",
    )
