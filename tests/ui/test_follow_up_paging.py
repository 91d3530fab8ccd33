"""Uppföljning read a page at a time: someone who leaves the list after it was ordered (a
colleague ends the lease) is not shown, and no one is shown twice as the list is scrolled."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import select, update

from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork
from bobudget.demo.generate import fill_demo
from bobudget.follow_up.overview import FILTER_EVICTION, follow_up_overview
from bobudget.kernel.errors import DatabaseBusyError
from bobudget.model import AccessLog, Contract
from tests.ui.conftest import TODAY
from tests.ui.test_pages_fast import scroll_to_the_end
from ui.follow_up import person_list as follow_up_module
from ui.follow_up.person_list import COUNTING_TEXT
from ui.follow_up.widgets import selected_row
from ui.pages import follow_up as follow_up_page_module
from ui.pages.follow_up import FollowUpPage


@pytest.fixture
def demo(sqlite_db: Database) -> Database:
    fill_demo(sqlite_db, 60, seed=1, today=TODAY)
    return sqlite_db


def test_a_person_who_left_the_list_meanwhile_is_not_shown_and_no_one_twice(
    qtbot, demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(follow_up_module, "LIST_PAGE", 5)
    page = FollowUpPage(demo, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1300, 200)  # a few rows: the first screenful is a page or two
    page.reload_list()
    before = follow_up_overview(demo, TODAY)
    shown = page.list_model.rowCount()
    # Someone further down, followed up for a lease only, whose lease a colleague ends now.
    leaving = next(
        r for r in before[shown + 3 :] if r.contracts and not r.flags and not r.eviction_open
    )
    with UnitOfWork(demo, "kollega") as uow:
        uow.session.execute(
            update(Contract)
            .where(Contract.person_id == leaving.person_id)
            .values(end_date=TODAY - dt.timedelta(days=1))
        )
        uow.commit()
    scroll_to_the_end(page.list)
    rows = page.list_model.rows()
    assert leaving.person_id not in [r.person_id for r in rows]
    assert rows == [r for r in before if r.person_id != leaving.person_id]


def _hold_the_whole_list(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest, *, then_fail: bool = False
) -> tuple[threading.Event, threading.Event]:
    """The first whole-list order read waits until the test lets it go (and then fails, with
    `then_fail`); later reads go through. Returns (entered, release)."""
    entered, release = threading.Event(), threading.Event()
    request.addfinalizer(release.set)
    real = follow_up_module.follow_up_order

    def held_back(*args: object) -> list[int]:
        if entered.is_set():
            return real(*args)  # type: ignore[arg-type]
        entered.set()
        assert release.wait(30)
        if then_fail:
            raise RuntimeError("förbindelsen till databasen bröts")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(follow_up_module, "follow_up_order", held_back)
    return entered, release


def _shown_page(qtbot, demo: Database) -> FollowUpPage:
    page = FollowUpPage(demo, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1300, 360)
    page.show()
    qtbot.waitUntil(lambda: page.list_model.rowCount() > 0, timeout=30000)
    return page


def _first_page_logged(demo: Database) -> list[int | None]:
    with demo.sessions() as s:
        return list(
            s.scalars(
                select(AccessLog.person_id)
                .where(AccessLog.detail == "uppföljning, från rad 1")
                .order_by(AccessLog.id)
            )
        )


def test_the_lists_head_shows_first_and_the_whole_list_follows_keeping_the_row_selected(
    qtbot, demo: Database, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    monkeypatch.setattr(follow_up_module, "LIST_PAGE", 3)
    # The whole list's order is held back until the test lets it go.
    _entered, release = _hold_the_whole_list(monkeypatch, request)
    whole = follow_up_overview(demo, TODAY)
    before = _first_page_logged(demo)
    page = _shown_page(qtbot, demo)
    # The head: the list's first rows as they will stay, while the rest is counted.
    assert page.loading and page.count_label.text() == COUNTING_TEXT
    assert 3 <= page.list_model.total < len(whole)
    head = page.list_model.rows()
    assert head == whole[: len(head)]
    page.list.selectRow(1)
    assert page.person is not None and page.person.person_id == whole[1].person_id

    release.set()
    qtbot.waitUntil(lambda: not page.loading, timeout=30000)
    assert page.count_label.text() == f"{len(whole)} personer"
    assert page.list_model.total == len(whole)
    # Not read again from the top: the rows shown and the selection stay as they were.
    assert page.list_model.rows()[: len(head)] == head
    assert page.list.selectionModel().selectedRows()[0].row() == 1
    # The first page's persons logged as shown once, when the head showed them.
    assert _first_page_logged(demo)[len(before) :] == [r.person_id for r in whole[:3]]
    scroll_to_the_end(page.list)
    assert page.list_model.rows() == whole


def test_a_whole_list_read_that_fails_after_the_user_moved_on_leaves_the_new_list_alone(
    qtbot, demo: Database, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    monkeypatch.setattr(follow_up_module, "LIST_PAGE", 3)
    entered, release = _hold_the_whole_list(monkeypatch, request, then_fail=True)
    page = _shown_page(qtbot, demo)
    assert entered.wait(30)  # the head shown, the whole list being read
    # The user shows only the open notices meanwhile: read at once.
    page.only.setCurrentIndex(page.only.findData(FILTER_EVICTION))
    notices = follow_up_overview(demo, TODAY, only=FILTER_EVICTION)
    assert notices and page.list_model.rows()[: len(notices)] == notices[:3]
    shown = page.count_label.text()
    release.set()  # the old read now fails: it says nothing about the list shown now
    qtbot.waitUntil(lambda: not follow_up_module._running, timeout=30000)
    qtbot.wait(20)
    assert shown in ("1 person", f"{len(notices)} personer")
    assert page.count_label.text() == shown
    assert page.list_model.rows()[:3] == notices[:3]


def test_a_person_who_could_not_be_shown_leaves_the_one_shown_selected(
    qtbot, demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The database busy as the user moves to the next person: the page still shows the first,
    # and the list, read again, selects the first, not the one that could not be shown.
    page = FollowUpPage(demo, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.reload_list()
    page.list.selectRow(0)
    assert page.person is not None
    shown = page.person.person_id

    def busy(*_args: object) -> None:
        raise DatabaseBusyError("Databasen är upptagen just nu. Försök igen om en stund.")

    monkeypatch.setattr(follow_up_page_module, "person_follow_up", busy)
    with qtbot.capture_exceptions() as raised:
        page.list.selectRow(1)
    assert [type(e[1]) for e in raised] == [DatabaseBusyError]
    assert page.person.person_id == shown
    page.reload_list()
    assert selected_row(page.list) == 0
