"""One change signal: a save in a real dialog reaches Att göra, the lists and the person card
without F5, and each page reads again once per change.

The window's pages read "today" from the clock, so the data here is dated from the clock too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from bobudget.db.engine import Database
from bobudget.follow_up.due import DUE_FOLLOW_UP
from bobudget.follow_up.follow_ups import open_follow_up
from bobudget.funds.accounts import open_account
from bobudget.funds.due import DUE_FUNDS_REVIEW
from bobudget.funds.queries import AccountInput
from bobudget.placement.decisions import DecisionInput, register_decision
from bobudget.placement.due import DUE_RENEWAL
from bobudget.placement.temporary import PlacementInput, place_person
from bobudget.placement.temporary_places import PlaceInput, save_place
from tests.db.follow_up_helpers import add_lease
from tests.ui.conftest import People, make_person
from tests.ui.placement_helpers import Dialogs, click, close_previews, dialogs, show, stock
from ui.main_window import MainWindow
from ui.pages.queue import QueuePage
from ui.pages.todo import TodoPage

# The fixtures, used by name.
__all__ = ["close_previews", "dialogs"]

Filler = Callable[[Any], None]


def today() -> dt.date:
    return dt.date.today()


@pytest.fixture
def window(qtbot, sqlite_db: Database) -> Iterator[Callable[[], MainWindow]]:
    """The main window over the test's database, made once the test has put its data in."""

    def make() -> MainWindow:
        win = MainWindow(sqlite_db)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitUntil(lambda: win.todo_page.todo is not None and not win.todo_page.loading)
        return win

    yield make


@pytest.fixture
def filled(monkeypatch: pytest.MonkeyPatch) -> list[Filler]:
    """Each dialog the window opens is filled by the next filler and saved, as a user would."""
    fillers: list[Filler] = []

    def fake_exec(dialog: QDialog) -> int:
        fillers.pop(0)(dialog)
        save = getattr(dialog, "save")  # noqa: B009 - every form here saves through `save`
        save()
        return int(dialog.result())

    monkeypatch.setattr(QDialog, "exec", fake_exec)
    return fillers


def todo_items(page: TodoPage, typ: str, person_id: int) -> list[Any]:
    return [i for i in page.model.items() if i.typ == typ and i.person_id == person_id]


def names(panel: Any) -> list[str]:
    column = [c.header for c in panel.model.columns].index("Namn")
    return [row[column] for row in panel.model.texts()]


class Reads:
    """Counts how often a page reads its list again."""

    def __init__(self, page: Any) -> None:
        self.count = 0
        original = page.reload

        def counted(*args: Any, **kwargs: Any) -> None:
            self.count += 1
            original(*args, **kwargs)

        page.reload = counted


# (a) persons: a new name reaches the person card and the placement lists


def test_a_name_changed_in_the_person_form_shows_on_the_card_and_in_the_lists(
    qtbot, window: Callable[[], MainWindow], people: People, filled: list[Filler]
) -> None:
    win = window()
    contracts = win.contracts_page.contracts
    win.show_area("contracts")
    assert "Öberg, Karin" in names(contracts)
    win.show_area("persons")
    persons = win.persons_page
    persons.search.search_for("karin", select_person=people.oberg)
    assert persons.card.card is not None and persons.card.name_label.text() == "Karin Öberg"
    contract_reads = Reads(contracts)

    def rename(dialog: Any) -> None:
        dialog.last_name.setText("Ekström")

    filled.append(rename)
    persons.card.edit_button.click()

    # The card and the search list at once, without F5.
    assert persons.card.name_label.text() == "Karin Ekström"
    assert persons.search.model.index(0, 1).data() == "Ekström, Karin"
    # The contracts list was not shown: it reads again, once, when it is.
    assert contract_reads.count == 0
    win.show_area("contracts")
    assert "Ekström, Karin" in names(contracts)
    assert "Öberg, Karin" not in names(contracts)
    assert contract_reads.count == 1


# (b) placement: a renewal leaves Att göra and moves the period in the list


def test_a_renewal_in_the_dialog_updates_the_list_and_att_gora(
    qtbot, window: Callable[[], MainWindow], sqlite_db: Database, dialogs: Dialogs, message_boxes
) -> None:
    start = today() - dt.timedelta(days=80)
    person = make_person(sqlite_db, "Karin", "Öberg", serial=1)
    place = save_place(sqlite_db, PlaceInput("Vandrarhemmet Sjöviken", cost_ore=45000))
    decision = register_decision(
        sqlite_db, DecisionInput(person, "temporary", start, "Eva", "SN 1"), today=start
    )
    contract = place_person(sqlite_db, PlacementInput(decision, place, start))
    win = window()
    assert len(todo_items(win.todo_page, DUE_RENEWAL, person)) == 1
    win.show_area("temporary")
    panel = win.temporary_page.placements
    assert panel.select_key(contract)
    before = panel.detail.current.end_date  # type: ignore[union-attr]
    reads = Reads(panel)

    dialogs.expect(lambda d: d.assessment.setPlainText("Behovet kvarstår"))
    message_boxes.answer("Inte nu")
    click(panel, "renew")

    assert reads.count == 1
    period_end = [c.header for c in panel.model.columns].index("Till och med")
    assert panel.model.texts()[0][period_end] > before.isoformat()
    qtbot.waitUntil(lambda: todo_items(win.todo_page, DUE_RENEWAL, person) == [], timeout=10_000)


# (c) follow-up: a meeting recorded leaves Att göra


def test_a_follow_up_recorded_in_the_dialog_leaves_att_gora(
    qtbot,
    window: Callable[[], MainWindow],
    sqlite_db: Database,
    filled: list[Filler],
    message_boxes,
) -> None:
    person = make_person(sqlite_db, "Karin", "Öberg", serial=1)
    contract = add_lease(sqlite_db, person, today() - dt.timedelta(days=200), basis="import")
    open_follow_up(sqlite_db, contract)
    win = window()
    assert len(todo_items(win.todo_page, DUE_FOLLOW_UP, person)) == 1
    win.show_area("follow_up")
    page = win.follow_up_page
    page.show_person(person)
    page.tabs.setCurrentIndex(1)
    tab = page.tab_pages[1]
    tab.table.selectRow(0)

    def held(dialog: Any) -> None:
        dialog.held.setText(today().isoformat())
        dialog.participants.setText("Hyresgästen, handledaren")

    filled.append(held)
    tab.record_button.click()

    qtbot.waitUntil(lambda: todo_items(win.todo_page, DUE_FOLLOW_UP, person) == [], timeout=10_000)
    # The tab shows the meeting held and the next one booked, read once.
    assert [row[1] for row in tab.model.texts()][-1] == today().isoformat()


# (d) egna medel: a new review date moves Att göra's review item


def test_a_review_date_changed_in_the_account_dialog_updates_att_gora(
    qtbot, window: Callable[[], MainWindow], sqlite_db: Database, filled: list[Filler]
) -> None:
    person = make_person(sqlite_db, "Karin", "Öberg", serial=1)
    start = today() - dt.timedelta(days=300)
    account = open_account(
        sqlite_db, person, AccountInput(start, review_date=today() - dt.timedelta(days=3))
    )
    win = window()
    [review] = todo_items(win.todo_page, DUE_FUNDS_REVIEW, person)
    assert review.datum == today() - dt.timedelta(days=3)
    win.show_area("funds")
    win.funds_page.select_account(account)
    later = today() + dt.timedelta(days=5)

    def new_review(dialog: Any) -> None:
        dialog.review.set_value(later)

    filled.append(new_review)
    win.funds_page.view.edit()

    qtbot.waitUntil(
        lambda: [i.datum for i in todo_items(win.todo_page, DUE_FUNDS_REVIEW, person)] == [later],
        timeout=10_000,
    )
    assert win.funds_page.view.card is not None
    assert win.funds_page.view.card.review_date == later


# (e) the queue reads again exactly once per change


def test_the_queue_reads_again_once_per_change(
    qtbot, sqlite_db: Database, dialogs: Dialogs, tmp_path: Path
) -> None:
    person = make_person(sqlite_db, "Karin", "Öberg", serial=1)
    stock(sqlite_db)
    register_decision(
        sqlite_db,
        DecisionInput(person, "housing", today() - dt.timedelta(days=30), "Eva", "SN 2"),
        today=today(),
    )
    page = show(qtbot, QueuePage(sqlite_db, today))
    page.table.selectRow(0)
    assert page.detail is not None
    reads = Reads(page)

    def offer(d: Any) -> None:
        d.dwelling.setCurrentIndex(max(1, d.dwelling.currentIndex()))
        d.date.setText(today().isoformat())

    dialogs.expect(offer)
    click(page, "offer")
    assert dialogs.errors == []
    assert reads.count == 1
    assert page.offers.texts()[0][2] == "Väntar på svar"

    def accepted(d: Any) -> None:
        d.accepted_offer.setChecked(True)
        d.date.setText(today().isoformat())

    dialogs.expect(accepted)
    click(page, "answer")
    assert reads.count == 2
    assert page.offers.texts()[0][2].startswith("Tackade ja")


def test_no_dialog_or_page_calls_the_hub_itself() -> None:
    """Only the runner (and background work reporting back) announces changes."""
    ui = Path(__file__).resolve().parents[2] / "ui"
    allowed = {ui / "changes.py", ui / "workers.py"}
    calling = [
        str(path.relative_to(ui))
        for path in ui.rglob("*.py")
        if path not in allowed
        and any(
            word in path.read_text(encoding="utf-8") for word in ("notify_changed", "change_hub")
        )
    ]
    assert calling == []
