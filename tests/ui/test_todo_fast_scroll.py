"""Att göra in the window reads a screenful first and the rest as the list is scrolled:
scrolled to the end, it holds every item of the list, in the reference's order."""

from __future__ import annotations

from typing import Any

import pytest

from bobudget.app import todo_query
from bobudget.app.todo import SCOPE_UNIT, TodoItem, todo_list
from bobudget.db.engine import Database
from bobudget.demo.generate import fill_demo
from tests.ui.conftest import TODAY
from ui.pages import todo as todo_page_module
from ui.pages.todo import TodoPage


def _order(item: TodoItem) -> tuple[Any, ...]:
    return (
        item.datum,
        item.typ,
        item.personnummer,
        item.contract_id or 0,
        item.target_id or 0,
        item.decision_id or 0,
    )


def test_scrolling_to_the_end_shows_every_item(
    qtbot, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_demo(sqlite_db, 400, seed=3, today=TODAY)
    monkeypatch.setattr(todo_query, "PAGE_SIZE", 4)
    page = TodoPage(sqlite_db, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1000, 300)
    page.set_scope(SCOPE_UNIT)
    page.show()
    qtbot.waitUntil(lambda: page.todo is not None and not page.loading, timeout=20_000)
    assert page.todo is not None
    total = page.todo.total
    # Bounded: the groups' first pages, not the whole list.
    assert 0 < len(page.model.items()) < total
    headings = [page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())]
    bar = page.view.verticalScrollBar()
    for _ in range(200):
        if len(page.model.items()) == total:
            break
        bar.setValue(bar.maximum())
        qtbot.waitUntil(lambda: not page.loading, timeout=20_000)
    reference = todo_list(sqlite_db, today=TODAY, scope=SCOPE_UNIT)
    expected = [i for g in reference.groups for i in sorted(g.items, key=_order)]
    assert page.model.items() == expected
    # The headings' counts came first and stay what they were.
    assert [page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())] == (
        headings
    )
    assert page.counts()["todo"] == total


def test_a_page_read_that_returns_after_the_page_was_closed_is_dropped(
    qtbot, sqlite_db: Database
) -> None:
    """Found by CI: a group's next page arrived after its page (and model) was deleted, and
    appending it raised in the event loop of whatever test ran next."""
    from PySide6.QtCore import QCoreApplication, QEvent

    page = TodoPage(sqlite_db, today=lambda: TODAY)
    page.model.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    page._append(0, todo_query.TodoSlice(items=[], next=None))  # no RuntimeError
    page.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_self_sizing_columns_are_measured_over_the_first_rows_and_cut_no_date(
    qtbot, sqlite_db: Database
) -> None:
    fill_demo(sqlite_db, 400, seed=3, today=TODAY)
    page = TodoPage(sqlite_db, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1000, 300)
    page.set_scope(SCOPE_UNIT)
    page.show()
    qtbot.waitUntil(lambda: page.todo is not None and not page.loading, timeout=20_000)
    # Not Qt's thousand rows at every relayout (hiding the page for another measured them all).
    header = page.view.header()
    assert header.resizeContentsPrecision() == todo_page_module.CONTENTS_PRECISION
    # Every date shown fits its column all the same, the rows further down included.
    model = page.model
    metrics = page.view.fontMetrics()
    widest = 0
    for group in range(model.rowCount()):
        parent = model.index(group, 0)
        for row in range(model.rowCount(parent)):
            text = str(model.data(model.index(row, 0, parent)))
            widest = max(widest, metrics.horizontalAdvance(text))
    assert model.rowCount(model.index(0, 0)) > 0
    assert header.sectionSize(0) >= widest
