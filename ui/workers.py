"""Background work: a Qt-free core function runs in a thread; its progress arrives as signals.

What the work commits is collected in its own thread and announced on the window's one change
signal when it reports back, in the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from bobudget.db.changes import NO_CHANGES, ChangeSet, collect_changes, publish

from .changes import change_hub

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Work = Callable[[Progress], Any]


class BackgroundTask(QThread):
    """Runs `work(progress)` off the GUI thread.

    The core calls `progress(done, total)` from the worker thread; here that becomes the
    `progressed` signal, delivered to receivers in the GUI thread, so no widget is ever
    touched from the worker.

    `committed(ChangeSet)` says what the work committed (also when it failed half-way), just
    before `succeeded` or `failed`; unless `announce=False`, the window's change hub hears it.
    """

    progressed = Signal(int, int)
    committed = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Work, parent: QWidget | None = None, *, announce: bool = True) -> None:
        super().__init__(parent)
        self._work = work
        if announce:
            # The hub lives in the GUI thread: the signal reaches it queued, there.
            self.committed.connect(change_hub().announce)

    def run(self) -> None:
        with collect_changes() as collected:
            try:
                result = self._work(self.progressed.emit)
            except Exception as error:
                self.committed.emit(collected.changes)
                self.failed.emit(error)
                return
        self.committed.emit(collected.changes)
        self.succeeded.emit(result)


def run_with_progress(parent: QWidget | None, label: str, work: Work) -> Any:
    """Run `work` in the background behind a progress dialog; return its result or raise.

    The GUI thread keeps its event loop running meanwhile, so the window repaints and the
    progress moves; the dialog has no cancel button because half-done work is no use here.
    """
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setWindowTitle("bobudget")
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(420)

    loop = QEventLoop()
    task = BackgroundTask(work, announce=False)
    collector = _Collector(dialog)
    task.progressed.connect(collector.on_progress)
    task.committed.connect(collector.on_committed)
    task.succeeded.connect(collector.on_success)
    task.failed.connect(collector.on_failure)
    task.finished.connect(loop.quit)
    dialog.show()
    task.start()
    loop.exec()
    task.wait()
    dialog.close()
    dialog.deleteLater()
    # The caller waited for the work: its changes belong to the caller's action (one
    # `run_change` around it announces them); said at once when the caller collects nothing.
    if not publish(collector.changes):
        change_hub().announce(collector.changes)
    if collector.error is not None:
        raise collector.error
    return collector.result


class _Collector(QObject):
    """Lives in the GUI thread, so the task's signals reach it queued, never in the worker."""

    def __init__(self, dialog: QProgressDialog) -> None:
        super().__init__()
        self._dialog = dialog
        self.result: Any = None
        self.error: BaseException | None = None
        self.changes: ChangeSet = NO_CHANGES

    @Slot(int, int)
    def on_progress(self, done: int, total: int) -> None:
        self._dialog.setMaximum(max(total, 1))
        self._dialog.setValue(min(done, max(total, 1)))

    @Slot(object)
    def on_committed(self, changes: object) -> None:
        if isinstance(changes, ChangeSet):
            self.changes = changes

    @Slot(object)
    def on_success(self, result: object) -> None:
        self.result = result

    @Slot(object)
    def on_failure(self, error: object) -> None:
        self.error = error if isinstance(error, BaseException) else RuntimeError(str(error))
