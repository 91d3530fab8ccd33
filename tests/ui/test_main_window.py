"""The main window: title, navigation, status bar, shortcuts and remembered layout."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from bobudget.db.engine import Database
from bobudget.db.open import mark_demo
from bobudget.db.uow import current_username
from bobudget.kernel.config import config_dir
from ui.main_window import MainWindow
from ui.navigation import AREAS
from ui.pages.placeholder import PlaceholderPage
from ui.pages.statistics import StatisticsPage


@pytest.fixture
def window(qtbot, sqlite_db: Database) -> MainWindow:
    win = MainWindow(sqlite_db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_title_names_the_database(window: MainWindow, sqlite_db: Database) -> None:
    assert window.windowTitle() == f"bobudget – {sqlite_db.location}"


def test_a_demo_database_says_demo_in_the_title(qtbot, sqlite_db: Database) -> None:
    mark_demo(sqlite_db)
    win = MainWindow(sqlite_db)
    qtbot.addWidget(win)
    assert win.windowTitle().startswith("bobudget – DEMO")


def test_status_bar_shows_engine_location_and_user(window: MainWindow, sqlite_db: Database) -> None:
    texts = [label.text() for label in window.statusBar().findChildren(QLabel)]
    assert f"SQLite: {sqlite_db.location}" in texts
    assert f"Användare: {current_username()}" in texts
    assert not any("password" in t.lower() or "lösenord" in t.lower() for t in texts)


def test_the_window_starts_on_att_gora(window: MainWindow) -> None:
    assert window.current_area() == "todo"
    assert window.stack.currentWidget() is window.todo_page


def test_navigation_switches_pages_and_each_placeholder_says_what_will_be_there(
    window: MainWindow,
) -> None:
    for row, area in enumerate(AREAS):
        window.navigation.setCurrentRow(row)
        page = window.stack.currentWidget()
        assert page is window.pages[area.key]
        if not isinstance(page, PlaceholderPage):
            continue
        # An area a later version fills says plainly what will be there.
        texts = [label.text() for label in page.findChildren(QLabel)]
        assert area.title in texts
        assert area.planned in texts
        assert len(area.planned) > 60
    # Statistik is a page of its own now (ui/pages/statistics.py).
    assert isinstance(window.pages["statistics"], StatisticsPage)


def test_ctrl_f_goes_to_the_person_search(qtbot, window: MainWindow) -> None:
    window.show_area("statistics")
    window.activateWindow()
    window.search_action.trigger()
    assert window.current_area() == "persons"
    qtbot.waitUntil(lambda: window.persons_page.search.field.hasFocus())
    assert window.search_action.shortcut().toString() == "Ctrl+F"


def test_f5_reads_the_list_again(window: MainWindow, person_factory) -> None:
    window.show_area("persons")
    model = window.persons_page.search.model
    assert model.rowCount() == 0
    person_factory("Sixten", "Åberg")
    window.refresh_action.trigger()
    assert model.rowCount() == 1
    assert window.refresh_action.shortcut().toString() == "F5"


def test_the_window_remembers_its_size(qtbot, sqlite_db: Database) -> None:
    first = MainWindow(sqlite_db)
    qtbot.addWidget(first)
    first.show()
    first.resize(720, 520)  # inside the offscreen screen (800×600)
    first.persons_page.splitter.setSizes([300, 700])
    first.close()
    assert (config_dir() / "window.ini").exists()
    second = MainWindow(sqlite_db)
    qtbot.addWidget(second)
    assert second.size().width() == 720
    assert second.size().height() == 520


def test_main_widgets_have_accessible_names(window: MainWindow) -> None:
    assert window.navigation.accessibleName() == "Områden"
    assert window.persons_page.search.field.accessibleName() == "Sök person"
    assert window.persons_page.search.table.accessibleName() == "Personer"
    assert window.persons_page.card.accessibleName() == "Personkort"
