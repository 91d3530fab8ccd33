"""A batch of letters rendered into one PDF in a worker thread, behind a progress bar.

E.g. every renewal letter due this week: rendered with a progress bar and Avbryt, then
previewed, printed or saved, and logged letter by letter.

The window keeps working meanwhile: the worker reports through signals and polls a flag that
Avbryt sets; a cancelled batch writes and logs nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bobudget.app.letters import LetterRequest, RenderedBatch, record_batch, render_batch
from bobudget.db.engine import Database
from bobudget.kernel.config import Settings
from bobudget.letters.render import RenderCancelled

from ..workers import BackgroundTask, run_with_progress
from .feedback import confirm_protected, show_error
from .preview import PdfPreviewDialog, keep_open

log = logging.getLogger(__name__)


def count_text(count: int) -> str:
    return "1 brev" if count == 1 else f"{count} brev"


class BatchDialog(QDialog):
    """Renders `requests` in the background; `rendered` carries the batch when it is done.

    `outcome` tells a caller (and a test) how it ended: "done", "cancelled" or "failed".
    """

    rendered = Signal(object)

    def __init__(
        self,
        db: Database,
        settings: Settings,
        requests: Sequence[LetterRequest],
        *,
        title: str,
        today: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._settings = settings
        self._requests = list(requests)
        self._today = today
        self.title = title
        self.batch: RenderedBatch | None = None
        self.outcome = ""
        self._cancel = threading.Event()
        self._task: BackgroundTask | None = None
        self.setWindowTitle(title)
        self.setAccessibleName("Brev skapas")
        self.setMinimumWidth(460)

        self.label = QLabel(f"{count_text(len(self._requests))} skapas…")
        self.label.setWordWrap(True)
        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName("Hur långt det har kommit")
        self.progress_bar.setRange(0, 0)
        self.cancel_button = QPushButton("Avbryt")
        self.cancel_button.setAccessibleName("Avbryt utskriften av breven")
        self.cancel_button.clicked.connect(self.cancel)
        note = QLabel("Du kan arbeta vidare i fönstret under tiden.")
        note.setObjectName("muted")

        buttons = QHBoxLayout()
        buttons.addWidget(note, 1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.progress_bar)
        layout.addLayout(buttons)

    @property
    def running(self) -> bool:
        return self._task is not None and self._task.isRunning()

    def start(self) -> None:
        db, settings, requests, today = self._db, self._settings, self._requests, self._today
        cancelled = self._cancel.is_set

        def work(progress: Callable[[int, int], None]) -> RenderedBatch:
            return render_batch(
                db, settings, requests, today=today, progress=progress, cancelled=cancelled
            )

        task = BackgroundTask(work, self)
        task.progressed.connect(self._on_progress)
        task.succeeded.connect(self._on_success)
        task.failed.connect(self._on_failure)
        self._task = task
        log.info("letter batch started: %d letters", len(requests))
        task.start()

    def cancel(self) -> None:
        if not self.running:
            self.reject()
            return
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.label.setText("Avbryter…")

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            return
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(min(done, total))
        # The core reports gathering the data, then drawing: both halves count.
        letters = len(self._requests)
        if done <= letters:
            self.label.setText(f"Steg 1 av 2, hämtar uppgifterna: brev {done} av {letters}…")
        else:
            self.label.setText(f"Steg 2 av 2, skapar sidorna: brev {done - letters} av {letters}…")

    @Slot(object)
    def _on_success(self, batch: object) -> None:
        assert isinstance(batch, RenderedBatch)
        self._finish_task()
        self.batch = batch
        self.outcome = "done"
        log.info("letter batch rendered: %d pages", batch.pages)
        self.accept()
        self.rendered.emit(batch)

    @Slot(object)
    def _on_failure(self, error: object) -> None:
        self._finish_task()
        if isinstance(error, RenderCancelled):
            self.outcome = "cancelled"
            log.info("letter batch cancelled")
            self.reject()
            return
        self.outcome = "failed"
        log.info("letter batch failed: %s", type(error).__name__)
        self.reject()
        show_error(
            self.parentWidget(),
            error if isinstance(error, BaseException) else RuntimeError(str(error)),
        )

    def _finish_task(self) -> None:
        if self._task is not None:
            self._task.wait()
            self._task = None

    def reject(self) -> None:
        # Esc or closing the window while the worker runs means Avbryt: wait for it to stop.
        if self.running:
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running:
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)


def batch_preview(
    db: Database, settings: Settings, batch: RenderedBatch, title: str, parent: QWidget | None
) -> PdfPreviewDialog | None:
    """The batch's PDF in the preview; printing or saving logs each letter, off the GUI thread.

    Warns first when any letter goes to a person with protected personal data; None when the
    user stops there.
    """
    if batch.protected_count and not confirm_protected(parent, batch.protected_count):
        return None

    def record(owner: QWidget) -> object:
        def work(progress: Callable[[int, int], None]) -> list[int]:
            return record_batch(db, settings, batch, progress=progress)

        return run_with_progress(owner, "Breven sparas i brevloggen…", work)

    dialog = PdfPreviewDialog(
        batch.pdf,
        f"{title} ({count_text(len(batch.letters))})",
        record=record,
        protected=batch.protected_count > 0,
        letters=len(batch.letters),
        parent=parent,
    )
    if batch.protected_count:
        dialog.protected_label.setText(
            f"{batch.protected_count} av breven gäller personer med skyddade personuppgifter. "
            "De adresseras via Skatteverkets vidarebefordringstjänst."
        )
    return dialog


def start_batch(
    parent: QWidget | None,
    db: Database,
    settings: Settings,
    requests: Sequence[LetterRequest],
    *,
    title: str,
    today: dt.date | None = None,
) -> BatchDialog:
    """Open the batch dialog (window-modal, not blocking) and start rendering.

    When the batch is done its preview opens. The caller keeps the returned dialog while it
    runs (it is deleted once it has closed).
    """
    dialog = BatchDialog(db, settings, requests, title=title, today=today, parent=parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)

    def show_preview(batch: object) -> None:
        assert isinstance(batch, RenderedBatch)
        preview = batch_preview(db, settings, batch, title, parent)
        if preview is not None:
            keep_open(preview)

    dialog.rendered.connect(show_preview)
    dialog.finished.connect(dialog.deleteLater)
    dialog.show()
    dialog.start()
    return dialog
