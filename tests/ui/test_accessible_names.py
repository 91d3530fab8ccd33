"""Every control the keyboard can reach has a name a screen reader says (EN 301 549 / WCAG 2.1
4.1.2): walked on every page and tab of the window on demo data, and in every dialog the
pages' buttons open (each dialog's tree is walked as it opens, then it is cancelled)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QDialog,
    QFileDialog,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from bobudget.db.engine import Database
from bobudget.demo.generate import fill_demo
from tests.ui.placement_helpers import ready_to_write_letters
from ui.letters.print_action import open_previews
from ui.main_window import MainWindow
from ui.navigation import AREAS

# Buttons whose work is long or leaves the window (a batch of letters, a file to save); their
# dialogs are still walked when another way opens them.
SKIPPED = ("Avsluta",)


def screen_reader_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def inside_qt_compound(widget: QWidget) -> bool:
    """The parts Qt names itself through their whole: a combo's or spin box's line edit, the
    calendar pop-up's buttons and table."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QCalendarWidget)):
            return True
        parent = parent.parentWidget()
    return False


def unnamed(root: QWidget) -> list[str]:
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget.focusProxy() is not None or inside_qt_compound(widget):
            continue
        if not screen_reader_name(widget):
            path = []
            step: QWidget | None = widget
            while step is not None and step is not root:
                path.append(step.objectName() or type(step).__name__)
                step = step.parentWidget()
            found.append(f"{type(widget).__name__} in {type(root).__name__}: {'/'.join(path)}")
    return found


class Walk:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.dialogs: set[str] = set()

    def check(self, root: QWidget) -> None:
        for problem in unnamed(root):
            if problem not in self.problems:
                self.problems.append(problem)


@pytest.fixture
def walk(monkeypatch: pytest.MonkeyPatch) -> Walk:
    walk = Walk()

    def exec_and_cancel(dialog: QDialog) -> int:
        dialog.show()
        QCoreApplication.processEvents()
        walk.dialogs.add(type(dialog).__name__)
        walk.check(dialog)
        dialog.reject()
        return 0

    def box_exec(box: QMessageBox) -> int:
        walk.dialogs.add("QMessageBox")
        escape = box.escapeButton()
        if escape is not None:
            escape.click()
        return 0

    monkeypatch.setattr(QDialog, "exec", exec_and_cancel)
    monkeypatch.setattr(QMessageBox, "exec", box_exec)
    for name in ("getSaveFileName", "getOpenFileName"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(lambda *_a, **_k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *_a, **_k: ""))
    return walk


def close_popup(walk: Walk) -> None:
    popup = QApplication.activePopupWidget()
    if popup is not None:
        walk.dialogs.add(type(popup).__name__)
        popup.close()


def press_every_button(walk: Walk, page: QWidget) -> None:
    tabs = [page] + [
        tab.widget(i) for tab in page.findChildren(QTabWidget) for i in range(tab.count())
    ]
    for holder in tabs:
        for view in holder.findChildren(QAbstractItemView):
            model = view.model()
            if view.isVisible() and model is not None and model.rowCount():
                first = model.index(0, 0)
                if model.rowCount(first):  # a group (Att göra): its first item
                    first = model.index(0, 0, first)
                view.setCurrentIndex(first)
        for tab in page.findChildren(QTabWidget):
            if tab.indexOf(holder) >= 0:
                tab.setCurrentWidget(holder)
        QCoreApplication.processEvents()
        walk.check(page)
        for button in holder.findChildren(QAbstractButton):
            text = button.text().replace("&", "")
            if not (button.isVisible() and button.isEnabled()) or text.startswith(SKIPPED):
                continue
            if button.isCheckable():
                continue
            # A menu (Skriv brev…) runs its own loop: closed as soon as it shows.
            QTimer.singleShot(0, lambda: close_popup(walk))
            button.click()
            QCoreApplication.processEvents()
        for preview in open_previews():
            walk.dialogs.add(type(preview).__name__)
            walk.check(preview)
            preview.close()


def test_every_focusable_control_on_every_page_and_dialog_has_a_name(
    qtbot, sqlite_db: Database, walk: Walk
) -> None:
    fill_demo(sqlite_db, 40, seed=7)
    ready_to_write_letters(sqlite_db)  # so that the letter preview opens and is walked
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.todo_page.loading)
    walk.check(window)
    for area in AREAS:
        window.show_area(area.key)
        page = window.pages[area.key]
        # A page reading its list in the background (Brev, Uppföljning) has it to press on.
        qtbot.waitUntil(lambda page=page: not getattr(page, "loading", False), timeout=30000)
        press_every_button(walk, page)
        window.show_area(area.key)
    # The menus' dialogs: Inställningar, Kortkommandon (modal) and the handbook (beside).
    for name in ("settings", "shortcuts"):
        window.actions_by_name[name].trigger()
    window.actions_by_name["handbook"].trigger()
    for handbook in QApplication.topLevelWidgets():
        if type(handbook).__name__ == "HandbookDialog" and handbook.isVisible():
            walk.dialogs.add("HandbookDialog")
            walk.check(handbook)
            handbook.close()
    # The walk reached the dialogs of every domain (27 kinds when written).
    reached = {
        "PersonFormDialog",
        "DecisionDialog",
        "SignContractDialog",
        "TemporaryPlaceDialog",
        "ArrearDialog",
        "AccountDialog",
        "EntryDialog",
        "PdfPreviewDialog",
        "SettingsDialog",
        "ShortcutsDialog",
        "HandbookDialog",
    }
    assert reached <= walk.dialogs, reached - walk.dialogs
    assert len(walk.dialogs) >= 25, sorted(walk.dialogs)
    assert walk.problems == [], "\n".join(walk.problems)
