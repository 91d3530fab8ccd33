"""Att göra, the home page: grouped by how soon (I dag always there), overdue said in words
with one calm mark, a click selects and a double click or Enter opens where it is handled,
refreshed by the one change signal, counts on the navigation."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from bobudget.app.todo import TodoItem
from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork
from bobudget.follow_up.trouble import (
    EvictionNoticeInput,
    RentArrearInput,
    register_eviction_notice,
    register_rent_arrear,
)
from bobudget.model import User
from tests.db.follow_up_helpers import add_lease
from tests.ui.conftest import TODAY, make_person
from ui.changes import run_change
from ui.main_window import MainWindow
from ui.pages.todo import TodoPage


@pytest.fixture
def tenants(sqlite_db: Database) -> dict[str, int]:
    """Karin moved in a week ago (start-up meeting overdue); Lisa moves in on Monday; Olle has an
    open eviction notice."""
    karin = make_person(sqlite_db, "Karin", "Öberg", serial=1)
    add_lease(sqlite_db, karin, TODAY - dt.timedelta(days=7))
    lisa = make_person(sqlite_db, "Lisa", "Berg", serial=2)
    add_lease(sqlite_db, lisa, dt.date(2026, 11, 30))
    olle = make_person(sqlite_db, "Olle", "Ek", serial=3)
    # Imported: under way before the program, so no start-up meeting is due for it.
    add_lease(sqlite_db, olle, dt.date(2025, 1, 10), basis="import")
    register_eviction_notice(
        sqlite_db, EvictionNoticeInput(olle, TODAY, "landlord", "SB-1"), today=TODAY
    )
    return {"karin": karin, "lisa": lisa, "olle": olle}


def loaded_page(qtbot, db: Database, **kwargs: object) -> TodoPage:
    page = TodoPage(db, today=lambda: TODAY, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitUntil(lambda: page.todo is not None and not page.loading)
    return page


def test_the_list_is_grouped_by_how_soon_and_coloured(
    qtbot, sqlite_db: Database, tenants: dict[str, int]
) -> None:
    page = loaded_page(qtbot, sqlite_db)
    model = page.model
    assert model.group_labels() == ["Försenat", "I dag", "Kommande"]
    overdue = model.index(0, 0)
    assert model.data(overdue) == f"Försenat ({model.rowCount(overdue)})"
    overdue_items = [
        model.item_at(model.index(r, 0, overdue)) for r in range(model.rowCount(overdue))
    ]
    karin = next(
        r for r, i in enumerate(overdue_items) if i is not None and i.name == "Öberg, Karin"
    )
    item = overdue_items[karin]
    assert item is not None and item.typ == "uppstartsmote"
    assert item.what.endswith("uppstartsmöte ska planeras")
    # Calm: the row says it in words, no red; the group's heading has the one mark.
    late = (TODAY - item.datum).days
    assert model.data(model.index(karin, 0, overdue)) == f"{item.datum} · försenad {late} d"
    assert model.data(model.index(karin, 0, overdue), Qt.ItemDataRole.ForegroundRole) is None
    assert model.data(overdue, Qt.ItemDataRole.DecorationRole) is not None
    today_group = model.index(1, 0)
    notice = model.item_at(model.index(0, 0, today_group))
    assert notice is not None and notice.typ == "underrattelse_avhysning"
    assert model.data(model.index(0, 0, today_group)).endswith(" · i dag")
    typs = [i.typ for i in model.items()]
    assert typs.count("uppstartsmote") == 2  # Karin's overdue, Lisa's on Monday
    assert "försenade" in page.summary.text()
    # Ordered by date within each group.
    for group in range(model.rowCount()):
        parent = model.index(group, 0)
        dates = [model.data(model.index(r, 0, parent)) for r in range(model.rowCount(parent))]
        assert dates == sorted(dates)


def test_one_click_selects_and_a_double_click_or_enter_opens(
    qtbot, sqlite_db: Database, tenants: dict[str, int]
) -> None:
    page = loaded_page(qtbot, sqlite_db)
    opened: list[TodoItem] = []
    page.openRequested.connect(opened.append)
    first = page.model.index(0, 0, page.model.index(0, 0))
    rect = page.view.visualRect(page.model.index(0, 2, page.model.index(0, 0)))
    # A stray click opens nothing: it selects.
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == []
    assert page.view.currentIndex().row() == first.row()
    qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert [i.name for i in opened] == [page.model.item_at(first).name]  # type: ignore[union-attr]
    page.view.setFocus()
    page.view.setCurrentIndex(first)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert len(opened) == 2
    # A group row folds instead of opening.
    group_rect = page.view.visualRect(page.model.index(0, 0))
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=group_rect.center())
    assert len(opened) == 2
    assert not page.view.isExpanded(page.model.index(0, 0))


def test_a_change_anywhere_refreshes_the_list(
    qtbot, sqlite_db: Database, tenants: dict[str, int]
) -> None:
    page = loaded_page(qtbot, sqlite_db)
    assert "flerpartssamtal" not in [i.typ for i in page.model.items()]

    def two_arrears() -> None:
        for month in (dt.date(2026, 9, 1), dt.date(2026, 10, 1)):
            register_rent_arrear(
                sqlite_db,
                RentArrearInput(tenants["olle"], month, 250_000, month + dt.timedelta(days=20)),
                today=TODAY,
            )

    with qtbot.waitSignal(page.loaded, timeout=5000):
        run_change(two_arrears)
    assert "flerpartssamtal" in [i.typ for i in page.model.items()]


def test_mine_shows_my_roles_work(qtbot, sqlite_db: Database, tenants: dict[str, int]) -> None:
    with UnitOfWork(sqlite_db, "admin") as uow:
        uow.session.add(User(username="kons1", full_name="Kim Konsulent", role="bostadskonsulent"))
        uow.commit()
    page = loaded_page(qtbot, sqlite_db, user="kons1")
    assert page.scope.currentText() == "Mina uppgifter"
    assert page.model.items() == []
    assert "Inget väntar på dig" in page.empty_label.text()
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.scope.setCurrentIndex(1)
    assert page.scope.currentText() == "Hela enheten"
    assert len(page.model.items()) > 0


def test_the_window_starts_on_att_gora_with_counts_and_opens_an_item(
    qtbot, sqlite_db: Database, tenants: dict[str, int]
) -> None:
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    window.show()
    assert window.current_area() == "todo"
    page = window.todo_page
    qtbot.waitUntil(lambda: page.todo is not None and not page.loading)
    nav = window.navigation
    follow_up_row = nav.row_of("follow_up")
    count = page.counts()["follow_up"]
    # Each count says what it counts: Att göra's items belonging to the area.
    assert nav.item(follow_up_row).text() == f"Uppföljning\n{count} att göra"
    total = page.todo.total  # type: ignore[union-attr]
    assert nav.item(nav.row_of("todo")).text() == f"Att göra\n{total} uppgifter"
    assert page.summary.text().count("<b>") >= 1
    notice = next(i for i in page.model.items() if i.typ == "underrattelse_avhysning")
    window.open_todo_item(notice)
    assert window.current_area() == "follow_up"
    follow_up = window.follow_up_page
    assert follow_up.person is not None and follow_up.person.person_id == tenants["olle"]
    assert follow_up.tabs.currentIndex() == 4
    assert follow_up.banner.isVisible()


def test_today_has_its_group_even_when_nothing_falls_on_it(
    qtbot, sqlite_db: Database, tenants: dict[str, int]
) -> None:
    page = TodoPage(sqlite_db, today=lambda: TODAY + dt.timedelta(days=1))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.todo is not None and not page.loading)
    labels = page.model.group_labels()
    assert "I dag" in labels
    today_row = labels.index("I dag")
    shown = page.model.data(page.model.index(today_row, 0))
    if page.model.rowCount(page.model.index(today_row, 0)) == 0:
        assert shown == "I dag (0) – inget infaller i dag"


def test_the_type_column_is_never_cut(qtbot, sqlite_db: Database, tenants: dict[str, int]) -> None:
    page = loaded_page(qtbot, sqlite_db)
    page.resize(900, 600)
    qtbot.wait(10)
    for column in (0, 1):
        assert page.view.header().sectionSize(column) >= page.view.sizeHintForColumn(column)
