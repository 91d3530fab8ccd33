"""The pages read when shown and a page of rows at a time (issue 15), and still show the same
rows in the same order as before: on a demo database, the Brev page's renewal letters, the
Uppföljning list and the Platser tab, and scrolling reaches every row."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QTableView

from bobudget.app.letters import renewal_letters_due
from bobudget.app.person_card import get_person_card
from bobudget.db.engine import Database
from bobudget.demo.generate import fill_demo
from bobudget.follow_up.overview import follow_up_overview
from bobudget.kernel.formatting import format_date
from bobudget.kernel.periods import last_day
from bobudget.placement.temporary_places import count_places, list_places, places_page
from tests.ui.conftest import TODAY
from tests.ui.placement_helpers import show
from ui.follow_up import person_list as follow_up_module
from ui.follow_up.person_list import next_meeting_text
from ui.pages import letters as letters_module
from ui.pages.contracts import ContractsPage
from ui.pages.follow_up import FollowUpPage
from ui.pages.funds import FundsPage
from ui.pages.letters import PROTECTED_NAME_NOTE, LettersPage
from ui.pages.queue import QueuePage
from ui.pages.temporary import TemporaryPage


@pytest.fixture
def demo(sqlite_db: Database) -> Database:
    fill_demo(sqlite_db, 60, seed=1, today=TODAY)
    return sqlite_db


def today() -> dt.date:
    return TODAY


def scroll_to_the_end(table: QTableView) -> None:
    """As a user does: to the bottom, again and again, until nothing more is read."""
    model: Any = table.model()
    for _ in range(1000):
        table.scrollToBottom()
        QApplication.processEvents()
        if not model.canFetchMore():
            return
    raise AssertionError("the list never reached its end")


def card_row(db: Database, person_id: int, contract_id: int | None) -> list[str]:
    """A renewal letter's row as the page built it before: through the person card."""
    card = get_person_card(db, person_id)
    end = next((c.current_period_end for c in card.contracts if c.id == contract_id), None)
    name = f"{card.name} ({PROTECTED_NAME_NOTE})" if card.protected else card.name
    return [name, card.identity, format_date(last_day(end)) if end else ""]


def test_brev_shows_the_renewals_as_the_person_cards_said_and_scrolling_reaches_every_one(
    qtbot, demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(letters_module, "RENEWALS_PAGE", 2)
    # The table is as tall as its rows up to this many: with fewer than the letters due, the
    # view must scroll, and it reads only what it shows (found by CI: with the table tall
    # enough for every letter, the view rightly read them all once it had painted).
    monkeypatch.setattr(letters_module, "RENEWAL_ROWS_SHOWN", 3)
    page = LettersPage(demo, today=TODAY)
    # Nothing is read until the page is shown.
    assert page.requests == [] and page.renewals_model.rowCount() == 0
    show(qtbot, page)
    page.days.setValue(90)  # a long window: more letters than a page
    # Read in the background; the first read (7 days), overtaken, is not shown.
    qtbot.waitUntil(lambda: not page.loading, timeout=30000)
    due = renewal_letters_due(demo, on=TODAY, within_days=90).requests
    assert len(due) > 4
    expected = [card_row(demo, r.person_id, r.subject_id) for r in due]
    assert page.renewals_model.total == len(due)
    for _ in range(20):  # let the view lay out and paint: it asks for rows as it does
        QApplication.processEvents()
    # A first screenful (the view asks for pages of 2 until it is full), not every letter.
    assert page.renewals_model.rowCount() < len(due)
    scroll_to_the_end(page.renewals_table)
    assert page.renewals_model.texts() == expected


def test_uppfoljning_reads_when_shown_and_shows_the_overview_in_order(
    qtbot, demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(follow_up_module, "LIST_PAGE", 5)
    page = FollowUpPage(demo, today=today)
    qtbot.addWidget(page)
    assert page.list_model.rowCount() == 0 and not page.loading
    page.resize(1300, 360)  # a few rows high: the first screenful is not the whole list
    page.show()
    qtbot.waitUntil(lambda: not page.loading and page.list_model.rowCount() > 0, timeout=30000)
    rows = follow_up_overview(demo, TODAY)
    assert len(rows) > 10
    assert page.list_model.total == len(rows)
    # A first screenful (the view asks for pages of 5 until it is full), not the whole list.
    assert page.list_model.rowCount() < len(rows)
    assert page.count_label.text() == f"{len(rows)} personer"
    scroll_to_the_end(page.list)
    assert page.list_model.rows() == rows
    shown = page.list_model.texts()
    assert [r[1] for r in shown] == [next_meeting_text(r) for r in rows]
    # A person further down than the first page is still found and selected.
    last = rows[-1]
    page.reload_list()
    page.show_person(last.person_id)
    assert page.list.selectionModel().selectedRows()[0].row() == len(rows) - 1


def test_the_places_are_read_a_page_at_a_time_in_the_same_order(demo: Database) -> None:
    everything = list_places(demo)
    assert count_places(demo) == len(everything)
    paged = []
    while len(paged) < len(everything):
        page = places_page(demo, offset=len(paged), limit=3)
        assert page
        paged += page
    assert paged == everything
    typed = list_places(demo, text="a")
    assert count_places(demo, text="a") == len(typed)
    assert places_page(demo, text="a", offset=1, limit=2) == typed[1:3]


def test_the_list_pages_read_nothing_until_shown_then_their_first_page(
    qtbot, demo: Database
) -> None:
    queue = QueuePage(demo, today)
    contracts = ContractsPage(demo, today)
    temporary = TemporaryPage(demo, today)
    funds = FundsPage(demo, today=today)
    models = [
        queue.model,
        contracts.contracts.model,
        contracts.dwellings.model,
        temporary.placements.model,
        temporary.places.model,
        funds.model,
    ]
    for widget in (queue, contracts, temporary, funds):
        qtbot.addWidget(widget)
    assert [m.rowCount() for m in models] == [0] * len(models)
    for widget in (queue, contracts, temporary, funds):
        show(qtbot, widget)
    assert queue.model.rowCount() > 0
    assert contracts.contracts.model.rowCount() > 0
    assert contracts.dwellings.model.rowCount() == 0  # its tab is not shown yet
    contracts.tabs.setCurrentWidget(contracts.dwellings)
    assert contracts.dwellings.model.rowCount() > 0
    assert temporary.placements.model.rowCount() > 0
    temporary.tabs.setCurrentWidget(temporary.places)
    assert [r.id for r in temporary.places.model.rows()] == [r.id for r in list_places(demo)]
    assert funds.model.rowCount() > 0
