"""`bobudget-gui --self-test`: the core's self-test (bobudget.cli.self_test) with the main window
opened offscreen on its demo database, every page shown once.

Each step is printed; a windowed program on Windows has no console (sys.stdout is None), so
there the lines go to selftest.txt in the log folder instead, and the exit code tells.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from bobudget.cli.self_test import self_test_exit_code
from bobudget.db.engine import Database
from bobudget.kernel.config import log_dir


def prepare_platform() -> None:
    """Offscreen unless told otherwise: the test needs no screen. Before QApplication exists."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def open_window(db: Database) -> str:
    """Build the main window, show it and each of its pages once, then close and delete it."""
    from .main_window import MainWindow

    app = QApplication.instance()
    assert app is not None, "QApplication must exist before the window step"
    window = MainWindow(db)
    try:
        window.show()
        app.processEvents()
        rows = window.navigation.count()
        for row in range(rows):
            window.navigation.setCurrentRow(row)
            app.processEvents()
        shown = window.stack.count()
        title = window.windowTitle()
    finally:
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    platform = QApplication.platformName()
    return f"{rows} sidor visade ({shown} byggda), plattform {platform}, titel ”{title}”"


def console_or_file() -> Callable[[str], None]:
    if sys.stdout is not None:
        return lambda line: print(line, flush=True)
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    report = folder / "selftest.txt"
    report.write_text("", encoding="utf-8")

    def write(line: str) -> None:
        with report.open("a", encoding="utf-8") as out:
            out.write(line + "\n")

    return write


def run(say: Callable[[str], None] | None = None) -> int:
    """The self-test with the window; QApplication must already exist."""
    return self_test_exit_code(say or console_or_file(), window=open_window)
