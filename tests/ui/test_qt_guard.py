"""A long working day of clicks does not bring the program down (PySide6 6.12.0 on Python 3.11)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from ui import qt_guard
from ui.workers import Progress, run_with_progress

# More calls than None or True have references in a fresh interpreter: without the guard,
# a faulty PySide6 aborts the test run here.
MANY = 30_000


class Sender(QObject):
    changed = Signal(int)


def test_many_void_calls_and_emits_leave_python_intact(qtbot) -> None:
    sender = Sender()
    received: list[int] = []
    sender.changed.connect(received.append)
    for number in range(MANY):
        sender.setObjectName("avsändare")
        sender.changed.emit(number)
    assert len(received) == MANY
    assert sys.getrefcount(None) > 0 and sys.getrefcount(True) > 0


def test_the_guard_is_applied_exactly_where_the_fault_is(qtbot) -> None:
    if sys.version_info >= (3, 12):
        assert not qt_guard.GUARDED
    if qt_guard.GUARDED:
        assert sys.getrefcount(None) > 2**39
        assert sys.getrefcount(True) > 2**39


def test_a_long_background_job_reports_progress_safely(qtbot) -> None:
    def work(progress: Progress) -> str:
        for done in range(5000):
            progress(done, 5000)
        return "klart"

    assert run_with_progress(None, "Arbetar…", work) == "klart"
