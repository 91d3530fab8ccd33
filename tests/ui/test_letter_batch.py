"""A batch of letters from the window: rendered in a worker while the window keeps working,
cancelled with nothing logged, or previewed, saved and logged letter by letter."""

from __future__ import annotations

import hashlib
import io
import itertools
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import func, select

from bobudget.app.letters import LetterRequest, list_letters
from bobudget.db.engine import Database
from bobudget.kernel.config import TemplateText, load_settings
from bobudget.model import PrintedLetter
from tests.ui.conftest import TODAY, MessageBoxes
from tests.ui.test_letter_preview import Demo, build_demo, close_all_previews, save_letterhead
from ui.letters import batch as batch_module
from ui.letters.batch import BatchDialog, start_batch
from ui.letters.print_action import open_previews

BATCH_SIZE = 500


@pytest.fixture
def demo(sqlite_db: Database) -> Iterator[Demo]:
    save_letterhead()
    yield build_demo(sqlite_db)
    close_all_previews()


def logged_count(demo: Demo) -> int:
    with demo.db.sessions() as session:
        return session.scalar(select(func.count()).select_from(PrintedLetter)) or 0


def five_hundred(demo: Demo) -> list[LetterRequest]:
    """500 renewal letters: the week's renewals, over and over."""
    return list(itertools.islice(itertools.cycle(demo.renewals), BATCH_SIZE))


class Ticker:
    """A timer in the GUI thread: it only ticks while the GUI thread handles events."""

    def __init__(self) -> None:
        self.ticks = 0
        self.ticks_while_running = 0
        self.alive_while_running = threading.Event()
        self.dialog: BatchDialog | None = None
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        self.ticks += 1
        if self.dialog is not None and self.dialog.running:
            self.ticks_while_running += 1
            self.alive_while_running.set()


@pytest.fixture
def ticker():
    ticker = Ticker()
    yield ticker
    ticker.timer.stop()


def test_a_batch_of_500_renders_in_the_background_and_is_logged_when_saved(
    qtbot,
    demo: Demo,
    ticker: Ticker,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    requests = five_hundred(demo)
    message_boxes.answer("Fortsätt")
    progress: list[tuple[int, int]] = []
    # Halfway, the worker waits until the GUI thread has handled an event while the batch
    # runs. Were the letters made on the GUI thread (a frozen window), it would wait in vain.
    waited: list[bool] = []
    real_render_batch = batch_module.render_batch

    def render_batch_watched(*args: Any, progress: Any, **kwargs: Any) -> Any:
        def watched(done: int, total: int) -> None:
            if done == total // 2:
                waited.append(ticker.alive_while_running.wait(timeout=60))
            progress(done, total)

        return real_render_batch(*args, progress=watched, **kwargs)

    monkeypatch.setattr(batch_module, "render_batch", render_batch_watched)
    dialog = start_batch(
        None, demo.db, load_settings(), requests, title="Förlängningsbrev", today=TODAY
    )
    ticker.dialog = dialog
    bar = dialog.progress_bar
    bar.valueChanged.connect(lambda value: progress.append((value, bar.maximum())))
    assert dialog.running and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.outcome != "", timeout=300_000)

    assert dialog.outcome == "done"
    # The GUI thread went on handling events while the letters were made.
    assert waited and all(waited)
    # The bar moved, and reached its end.
    assert len(progress) > 2 and progress[-1][0] == progress[-1][1]
    batch = dialog.batch
    assert batch is not None and len(batch.letters) == BATCH_SIZE
    # One protected person among the renewals: warned about before the preview.
    assert batch.protected_count > 0
    assert "skyddade personuppgifter" in message_boxes.shown[0].text
    [preview] = open_previews()
    qtbot.waitUntil(lambda: preview.document.status() == QPdfDocument.Status.Ready)
    assert preview.document.pageCount() == batch.pages >= BATCH_SIZE
    assert logged_count(demo) == 0, "a preview is not yet a letter sent"

    target = tmp_path / "förlängningar.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    preview.save_button.click()
    assert hashlib.sha256(target.read_bytes()).hexdigest() == hashlib.sha256(batch.pdf).hexdigest()
    assert len(PdfReader(io.BytesIO(target.read_bytes())).pages) == batch.pages
    # Every letter of the batch is in its person's log, with a PDF of its own.
    assert logged_count(demo) == BATCH_SIZE
    first = demo.renewals[0]
    entries = list_letters(demo.db, first.person_id)
    assert entries and all(e.kind == "temporary_renewal" for e in entries)
    assert all(e.contract_id == first.subject_id for e in entries)


def test_avbryt_stops_the_batch_and_nothing_is_logged(
    qtbot, demo: Demo, ticker: Ticker, message_boxes: MessageBoxes
) -> None:
    dialog = start_batch(
        None, demo.db, load_settings(), five_hundred(demo), title="Förlängningsbrev", today=TODAY
    )
    ticker.dialog = dialog
    qtbot.waitUntil(lambda: dialog.progress_bar.value() > 0 or dialog.outcome != "")
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: dialog.outcome != "", timeout=300_000)

    assert dialog.outcome == "cancelled"
    assert dialog.batch is None
    assert open_previews() == []
    assert message_boxes.shown == []
    assert logged_count(demo) == 0


def test_a_broken_override_template_stops_the_batch_with_its_file_and_line(
    qtbot, demo: Demo, tmp_path: Path, message_boxes: MessageBoxes
) -> None:
    # The unit's text saved before a check was added (the service refuses it now).
    text = "# Förlängning\n\nHej {förnamn}, din nya period slutar {okänd_uppgift}.\n"
    settings = replace(
        load_settings(), template_overrides={"temporary_renewal": TemplateText(1, text)}
    )
    dialog = start_batch(
        None, demo.db, settings, demo.renewals, title="Förlängningsbrev", today=TODAY
    )
    qtbot.waitUntil(lambda: dialog.outcome != "", timeout=60_000)

    assert dialog.outcome == "failed"
    assert open_previews() == []
    [shown] = message_boxes.shown
    assert "temporary_renewal.txt" in shown.text and "okänd_uppgift" in shown.text
    assert "Traceback" not in shown.text
    assert logged_count(demo) == 0
