"""Garbage is collected on the GUI thread only: a closed dialog in a reference cycle, collected
on a worker thread while a letter rendered, destroyed widgets off the GUI thread and crashed
the window (tests/ui/test_keyboard_path.py found it)."""

from __future__ import annotations

import gc
import weakref

from PySide6.QtWidgets import QDialog, QLabel

from ui import gc_guard
from ui.gc_guard import collect_on_gui_thread
from ui.workers import BackgroundTask


class Held:
    """A Python object in a cycle with a dialog, as a dialog and its slots are."""

    def __init__(self) -> None:
        self.dialog = QDialog()
        self.label = QLabel("x", self.dialog)
        self.me = self


def test_no_collection_runs_on_a_worker_thread_and_the_gui_thread_collects(qtbot) -> None:
    assert collect_on_gui_thread()
    assert not gc.isenabled()
    held = Held()
    gone = weakref.ref(held)
    del held
    seen: list[int] = []

    def work(_progress: object) -> int:
        # Enough allocation to pass every threshold: a collection here would be the fault.
        junk = [[i] for i in range(200_000)]
        seen.append(len(gc.garbage))
        return len(junk)

    # The GUI thread's collector is held while the worker runs: its timer, ticking during the
    # wait, would otherwise collect the cycle itself (the full suite saw it), and this test
    # would blame the worker.
    timer = gc_guard._installed[0].timer  # type: ignore[attr-defined]
    timer.stop()
    try:
        task = BackgroundTask(work)
        with qtbot.waitSignal(task.finished, timeout=30_000):
            task.start()
        task.wait()
        assert gone() is not None, "collected on the worker thread"
    finally:
        timer.start()
    kept = [[i] for i in range(2_000)]  # allocation on the GUI thread passes the threshold
    qtbot.waitUntil(lambda: gone() is None, timeout=10_000)
    assert len(kept) == 2_000
