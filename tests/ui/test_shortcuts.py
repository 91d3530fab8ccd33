"""The keyboard: Ctrl+1 … Ctrl+0 go to the pages in the navigation's order, every "Ny …" has a
key, and Hjälp → Kortkommandon lists exactly the keys the window has (one table makes both)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton

from bobudget.db.engine import Database
from ui.help.shortcuts import BUTTON_SHORTCUTS, MENU_SHORTCUTS, PAGE_SHORTCUTS, SHORTCUTS, plain
from ui.help.shortcuts_dialog import ShortcutsDialog, rows
from ui.main_window import MainWindow
from ui.navigation import AREAS


@pytest.fixture
def window(qtbot, sqlite_db: Database) -> MainWindow:
    win = MainWindow(sqlite_db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def test_ctrl_and_a_digit_goes_to_each_page_in_the_navigations_order(
    window: MainWindow,
) -> None:
    assert [s.text for s in PAGE_SHORTCUTS] == [f"Gå till {a.title}" for a in AREAS]
    for number, area in reversed(list(enumerate(AREAS, start=1))):
        digit = Qt.Key(Qt.Key.Key_0 + number % 10)
        QTest.keyClick(window, digit, Qt.KeyboardModifier.ControlModifier)
        assert window.current_area() == area.key, area.title


def test_every_new_button_has_a_key_and_every_key_is_in_the_table(window: MainWindow) -> None:
    # A page is built the first time it is shown: every page once, as a user would go round.
    for area in AREAS:
        window.show_area(area.key)
    buttons = window.findChildren(QAbstractButton)
    new = [b for b in buttons if plain(b.text()).split(" ")[0] in ("Ny", "Nytt", "Placera")]
    assert len(new) >= 10
    bound = {id(button) for button, _entry in window.bound_buttons}
    assert [plain(b.text()) for b in new if id(b) not in bound] == []
    # Every row of the table that names a button found its button in the window.
    found = {entry.button for _button, entry in window.bound_buttons}
    assert {s.button for s in BUTTON_SHORTCUTS} - found == set()
    # No button carries a key the table does not list (mnemonics, Alt+letter, aside).
    listed = {QKeySequence(s.keys) for s in SHORTCUTS if s.keys[0:4] != "Alt+"}
    for button in buttons:
        keys = button.shortcut()
        if not keys.isEmpty() and not keys.toString().startswith("Alt+"):
            assert keys in listed, (plain(button.text()), keys.toString())
    for shortcut in window.findChildren(QShortcut):
        assert shortcut.key() in listed or shortcut.key().toString() == "Space"


def test_the_menus_keys_come_from_the_table(window: MainWindow) -> None:
    for entry in MENU_SHORTCUTS + PAGE_SHORTCUTS:
        action = window.actions_by_name[entry.action]
        assert isinstance(action, QAction)
        if entry.action != "print":
            assert action.shortcut() == QKeySequence(entry.keys), entry.text


def test_ctrl_n_opens_the_shown_pages_new_and_the_button_shows_its_key(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(window.persons_page, "new_person", lambda: opened.append("person"))
    window.persons_page.new_button.clicked.disconnect()
    window.persons_page.new_button.clicked.connect(window.persons_page.new_person)
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: opened == ["person"])
    assert "Ctrl+N" in window.persons_page.new_button.toolTip()


def test_hjalp_kortkommandon_lists_the_whole_table(qtbot, window: MainWindow) -> None:
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    table = dialog.table
    shown = [
        tuple(table.item(r, c).text() for c in range(table.columnCount()))
        for r in range(table.rowCount())
    ]
    assert shown == rows()
    texts = [row[1] for row in shown]
    for area in AREAS:
        assert f"Gå till {area.title}" in texts
    assert "Ny person" in texts and "Nytt beslut" in texts and "Handbok" in texts
    assert ("Ctrl+1", "Gå till Att göra", "Överallt") in shown
