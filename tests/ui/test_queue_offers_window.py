"""Kö in the window: a declined offer's reason whole on hover and in the card, and "Erbjud
bostad…" greyed out, saying why, once the household has said yes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from bobudget.db.engine import Database
from bobudget.model.vocab import OfferAnswer
from bobudget.placement.decisions import (
    DecisionInput,
    answer_offer,
    record_offer,
    register_decision,
)
from tests.ui.conftest import TODAY, make_person
from tests.ui.placement_helpers import show, stock, today
from ui.pages.queue import QueuePage

REASON = (
    "För långt från barnens skola: två bussbyten varje morgon, och den äldsta dottern har "
    "just börjat på gymnasiet i centrum, så familjen vill bo kvar på norra sidan av ån."
)
LAST_OFFER_COLUMN = 6


def _waiting(db: Database) -> int:
    karin = make_person(db, "Karin", "Öberg", serial=1)
    data = DecisionInput(karin, "housing", dt.date(2026, 8, 1), "Eva", "SN 2026/00412")
    return register_decision(db, data, today=TODAY)


def test_a_declined_offers_reason_is_read_whole(qtbot, sqlite_db: Database) -> None:
    decision_id = _waiting(sqlite_db)
    first, _second = stock(sqlite_db)
    offer = record_offer(sqlite_db, decision_id, first, dt.date(2026, 9, 1), today=TODAY)
    answer_offer(
        sqlite_db, offer, 1, OfferAnswer.DECLINED, dt.date(2026, 9, 3), REASON, today=TODAY
    )
    page = show(qtbot, QueuePage(sqlite_db, today))
    page.resize(1280, 720)

    cell = page.model.index(0, LAST_OFFER_COLUMN)
    assert cell.data() == "2026-09-01 Tackade nej"
    tooltip = cell.data(Qt.ItemDataRole.ToolTipRole)
    # The whole reason and where, wrapped as rich text (the text itself escaped).
    assert REASON in tooltip
    assert "Kvarngatan 7" in tooltip

    page.select_key(decision_id)
    qtbot.waitUntil(lambda: page.detail is not None)
    assert page.declines.isVisible()
    assert page.declines.text() == f"2026-09-01: Tackade nej 2026-09-03: {REASON}"
    # The next offer can be made: a "nej" leaves the decision waiting.
    offer_button = page.action_bar.button("offer")
    assert offer_button.isEnabled()
    assert offer_button.toolTip() == "Erbjud bostad (Ctrl+B)"


def test_no_offer_once_one_is_accepted_and_the_button_says_why(qtbot, sqlite_db: Database) -> None:
    decision_id = _waiting(sqlite_db)
    first, _second = stock(sqlite_db)
    offer = record_offer(sqlite_db, decision_id, first, dt.date(2026, 9, 1), today=TODAY)
    page = show(qtbot, QueuePage(sqlite_db, today))
    page.select_key(decision_id)
    qtbot.waitUntil(lambda: page.detail is not None)
    offer_button = page.action_bar.button("offer")
    assert not offer_button.isEnabled()
    assert "väntar på svar" in offer_button.toolTip()
    assert not page.declines.isVisible()  # nothing declined: no section

    answer_offer(sqlite_db, offer, 1, OfferAnswer.ACCEPTED, dt.date(2026, 9, 2), today=TODAY)
    page.reload(keep=decision_id)
    qtbot.waitUntil(
        lambda: page.detail is not None and page.detail.offers[0].answer == OfferAnswer.ACCEPTED
    )
    assert not offer_button.isEnabled()
    assert "redan tackat ja" in offer_button.toolTip()
    assert "redan tackat ja" in offer_button.accessibleDescription()
    # What is left to do is the contract, and that stays open.
    assert page.action_bar.button("contract").isEnabled()
    # The shortcut of a disabled button does nothing: no dialog, no new offer.
    qtbot.keyClick(page, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert len(page.detail.offers) == 1
