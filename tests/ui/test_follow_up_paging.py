"""Uppföljning read a page at a time: someone who leaves the list after it was ordered (a
colleague ends the lease) is not shown, and no one is shown twice as the list is scrolled."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork
from bobudget.demo.generate import fill_demo
from bobudget.follow_up.overview import follow_up_overview
from bobudget.model import Contract
from tests.ui.conftest import TODAY
from tests.ui.test_pages_fast import scroll_to_the_end
from ui.pages import follow_up as follow_up_module
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
