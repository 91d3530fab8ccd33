"""The handbook's pictures, taken from the real window on demo data.

`take_screenshots(folder)` builds a demo database, opens the main window (offscreen in the
tests), shows each page as a user would find it and saves `widget.grab()` as PNG. The test
suite runs it, and writes over resources/handbook/images only when BOBUDGET_HANDBOOK_SCREENSHOTS
is set, so the pictures are renewed from the window whenever it changes and never go stale.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QThread
from PySide6.QtWidgets import QAbstractItemView, QWidget

from bobudget.db import migrate
from bobudget.db.engine import connect, parse_url
from bobudget.demo.generate import fill_demo

from ..main_window import MainWindow
from ..navigation import AreaKey
from .shortcuts_dialog import ShortcutsDialog

SIZE = (1280, 800)
DEMO_DAY = dt.date(2026, 11, 27)


def _settle(rounds: int = 20) -> None:
    for _ in range(rounds):
        QCoreApplication.processEvents()
        QThread.msleep(10)


def _select_first(window: MainWindow, key: str) -> None:
    """Select the first row of the page's first shown list, as a user's first click would."""
    page = window.pages[key]
    views = [v for v in page.findChildren(QAbstractItemView) if v.isVisible()]
    for view in views:
        model = view.model()
        if model is not None and model.rowCount() and model.columnCount() > 1:
            view.setCurrentIndex(model.index(0, 0))
            return


# Picture file → how to set the window up before taking it.
Setup = Callable[[MainWindow], QWidget]


def _page(key: str, select: bool = False) -> Setup:
    def setup(window: MainWindow) -> QWidget:
        window.show_area(key)
        _settle()
        if select:
            _select_first(window, key)
            _settle()
        return window

    return setup


def _shortcuts(window: MainWindow) -> QWidget:
    dialog = ShortcutsDialog(window)
    dialog.resize(760, 640)
    dialog.show()
    _settle()
    return dialog


PICTURES: dict[str, Setup] = {
    "att-gora.png": _page(AreaKey.TODO),
    "personer.png": _page(AreaKey.PERSONS, select=True),
    "ko.png": _page(AreaKey.QUEUE, select=True),
    "kontrakt.png": _page(AreaKey.CONTRACTS, select=True),
    "tillfalligt-boende.png": _page(AreaKey.TEMPORARY, select=True),
    "uppfoljning.png": _page(AreaKey.FOLLOW_UP),
    "egna-medel.png": _page(AreaKey.FUNDS, select=True),
    "brev.png": _page(AreaKey.LETTERS),
    "kortkommandon.png": _shortcuts,
}


def take_screenshots(folder: Path, households: int = 150) -> list[Path]:
    """Write every picture of PICTURES into `folder`; return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as scratch:
        db = connect(parse_url(f"sqlite:///{Path(scratch) / 'handbook.db'}"))
        try:
            migrate.upgrade(db)
            fill_demo(db, households, seed=7, today=DEMO_DAY)
            window = MainWindow(db)
            window.resize(*SIZE)
            window.show()
            _settle(50)
            todo = window.todo_page
            while todo.loading:
                _settle()
            for name, setup in PICTURES.items():
                shown = setup(window)
                target = folder / name
                if not shown.grab().save(str(target), "PNG"):
                    raise OSError(f"kunde inte spara {target}")
                written.append(target)
                if shown is not window:
                    shown.close()
            window.close()
            # Gone, not only closed: a closed window still listens for changes, and would read
            # this scratch database (deleted below) when a later change is announced.
            window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            _settle()
        finally:
            db.dispose()
    return written
