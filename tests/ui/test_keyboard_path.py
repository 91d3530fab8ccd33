"""The bostadskonsulent's day by keyboard alone: a new person, a decision, an offer, the answer,
the contract and its letter, in the main window with key events only (no mouse, no clicks, no
setText): every field reached with Tab, every dialog opened by its shortcut, saved with Enter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from bobudget.db.engine import Database
from bobudget.kernel.identity import demo_identity
from bobudget.model import Contract, Decision, Person
from tests.ui.conftest import type_text
from tests.ui.placement_helpers import close_previews, ready_to_write_letters, stock
from ui.help.shortcuts import plain
from ui.letters.print_action import open_previews
from ui.main_window import MainWindow

__all__ = ["close_previews"]

CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard"
    return widget


def key(k: Qt.Key, modifier: Qt.KeyboardModifier = NONE) -> None:
    QTest.keyClick(focused(), k, modifier)


def name_of(widget: QWidget) -> str:
    return widget.accessibleName() or plain(getattr(widget, "text", lambda: "")())


def tab_to(name: str, limit: int = 40) -> QWidget:
    """Tab on until the field or button called `name` has the keyboard."""
    seen = []
    for _ in range(limit):
        widget = focused()
        if name_of(widget) == name:
            return widget
        seen.append(name_of(widget))
        key(Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {name!r}; it went {seen}")


def write(text: str) -> None:
    """Replace what the focused field holds with `text`, typed key by key."""
    key(Qt.Key.Key_A, CTRL)
    key(Qt.Key.Key_Delete)
    type_text(focused(), text)


class Modals:
    """Answers the modal windows in turn, as they open, each by a function that presses keys.

    A timer does not fire again while its own answer runs, so three take turns: a box opened
    from within an answered dialog (a save that asks) is found by another.
    """

    def __init__(self) -> None:
        self.queue: list[Callable[[QWidget], None]] = []
        self.answered: list[str] = []
        self.errors: list[BaseException] = []
        self._last = 0
        self.timers = []
        for interval in (20, 30, 50):
            timer = QTimer()
            timer.setInterval(interval)
            timer.timeout.connect(self._poll)
            timer.start()
            self.timers.append(timer)

    def stop(self) -> None:
        for timer in self.timers:
            timer.stop()

    def then(self, answer: Callable[[QWidget], None]) -> None:
        self.queue.append(answer)

    def _poll(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or id(widget) == self._last or not self.queue or not widget.isVisible():
            return
        if QApplication.focusWidget() is None or not widget.isActiveWindow():
            return
        self._last = id(widget)
        answer = self.queue.pop(0)
        self.answered.append(widget.windowTitle())
        try:
            answer(widget)
        except BaseException as error:  # reported by the test, not lost in the event loop
            self.errors.append(error)
            widget.close()


def back_in(qtbot, window: MainWindow) -> None:
    """The window manager gives the window back the keyboard when a dialog closes; the
    offscreen platform has none, so the test does what it would."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)


def today_text() -> str:
    return dt.date.today().isoformat()


@pytest.fixture
def window(qtbot, sqlite_db: Database) -> MainWindow:
    ready_to_write_letters(sqlite_db)  # the path ends in a letter, which needs a letterhead
    win = MainWindow(sqlite_db)
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def test_new_person_decision_offer_contract_and_letter_by_keyboard_alone(
    qtbot, window: MainWindow, sqlite_db: Database, request: pytest.FixtureRequest
) -> None:
    stock(sqlite_db)
    modals = Modals()
    request.addfinalizer(modals.stop)
    identity = demo_identity(dt.date(1984, 6, 3), 11).display

    # Personer (Ctrl+2), Ny person (Ctrl+N): the form opens in Personnummer.
    def person(_dialog: QWidget) -> None:
        type_text(focused(), identity)
        tab_to("Förnamn")
        type_text(focused(), "Märta")
        tab_to("Efternamn")
        type_text(focused(), "Sjöberg")
        tab_to("Adress")
        type_text(focused(), "Norrgatan 2")
        tab_to("Postnummer")
        type_text(focused(), "73430")
        tab_to("Ort")
        type_text(focused(), "Sjövik")
        key(Qt.Key.Key_Return)

    modals.then(person)
    key(Qt.Key.Key_2, CTRL)
    assert window.current_area() == "persons"
    key(Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: modals.answered == ["Ny person"] and not modals.queue)
    assert not modals.errors, modals.errors
    back_in(qtbot, window)
    with sqlite_db.sessions() as s:
        person_id = s.scalar(select(Person.id).where(Person.last_name == "Sjöberg"))
    assert person_id is not None

    # Kö (Ctrl+3), Nytt beslut (Ctrl+N): find the person, fill the needs, Enter saves.
    def decision(dialog: QWidget) -> None:
        type_text(focused(), "Sjöberg")
        picker = dialog.picker  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: picker.person_id() == person_id)
        tab_to("Beslutsdatum")
        write(today_text())
        tab_to("Beslutsfattare")
        type_text(focused(), "Eva Socialsekreterare")
        tab_to("Diarienummer")
        type_text(focused(), "SN 2026/00999")
        tab_to("Antal rum")
        write("2")
        tab_to("Hyrestak")
        write("8000")
        key(Qt.Key.Key_Return)

    modals.then(decision)
    key(Qt.Key.Key_3, CTRL)
    assert window.current_area() == "queue"
    key(Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: len(modals.answered) == 2 and not modals.queue)
    assert not modals.errors, modals.errors
    back_in(qtbot, window)
    queue = window.queue_page
    qtbot.waitUntil(lambda: queue.detail is not None and queue.detail.person_id == person_id)

    # Erbjud bostad (Ctrl+B): the first free dwelling that fits, offered today.
    def offer(dialog: QWidget) -> None:
        combo = dialog.dwelling  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: combo.currentData() is not None)
        tab_to("Erbjudet den")
        key(Qt.Key.Key_Return)

    modals.then(offer)
    key(Qt.Key.Key_B, CTRL)
    qtbot.waitUntil(lambda: len(modals.answered) == 3 and not modals.queue)
    assert not modals.errors, modals.errors
    back_in(qtbot, window)
    qtbot.waitUntil(lambda: queue.offers.texts() and queue.offers.texts()[0][2] == "Väntar på svar")

    # Registrera svar (Ctrl+R): Tackade ja, with Space, saved with Enter from the date.
    def answer(_dialog: QWidget) -> None:
        tab_to("Tackade ja")
        key(Qt.Key.Key_Space)
        tab_to("Svarsdatum")
        key(Qt.Key.Key_Return)

    modals.then(answer)
    key(Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: len(modals.answered) == 4 and not modals.queue)
    assert not modals.errors, modals.errors
    back_in(qtbot, window)
    qtbot.waitUntil(lambda: "Tackade ja" in queue.offers.texts()[0][2])

    # Skriv kontrakt (Ctrl+K): the offered dwelling, from today; then print it from the box.
    def contract(dialog: QWidget) -> None:
        assert "(erbjuden)" in dialog.dwelling.currentText()  # type: ignore[attr-defined]
        tab_to("Startdatum")
        write(today_text())
        key(Qt.Key.Key_Return)

    def print_it(_box: QWidget) -> None:
        tab_to("Skriv ut kontraktet")
        key(Qt.Key.Key_Space)

    modals.then(contract)
    modals.then(print_it)
    key(Qt.Key.Key_K, CTRL)
    qtbot.waitUntil(lambda: len(modals.answered) == 6 and not modals.queue, timeout=20_000)
    assert not modals.errors, modals.errors
    modals.stop()
    back_in(qtbot, window)

    with sqlite_db.sessions() as s:
        status = s.scalar(select(Decision.status).where(Decision.reference == "SN 2026/00999"))
        contracts = s.scalars(select(Contract).where(Contract.person_id == person_id)).all()
    assert status == "executed"
    assert len(contracts) == 1
    qtbot.waitUntil(lambda: len(open_previews()) == 1)
    assert "kontrakt" in open_previews()[0].title.lower()
