"""The window paints first and fills after: at its first frame no page is built and nothing that
only a page needs (ReportLab, openpyxl, QtCharts, QtPdf, the command line's commands, the ORM's
model) is imported; the start page is built right after, and every other page when it is first
shown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent

from bobudget.db.engine import Database
from bobudget.demo.generate import fill_demo
from ui.main_window import MainWindow, window_settings
from ui.navigation import AREAS, AreaKey
from ui.page_stack import PageSlot

ROOT = Path(__file__).resolve().parents[2]

# bobudget-gui as a user starts it, watched at its first frame from inside the process.
WATCHED_START = textwrap.dedent(
    """
    import json, sys
    import ui.main_window as main_window
    from ui.app import main

    HEAVY = ("reportlab", "openpyxl", "PySide6.QtCharts", "PySide6.QtPdf", "PySide6.QtPdfWidgets")
    seen = {}

    class Watched(main_window.MainWindow):
        def __init__(self, db=None):
            super().__init__(db)
            self.first_paint.painted.connect(self.check)

        def check(self):
            seen["heavy"] = sorted(m for m in HEAVY if m in sys.modules)
            seen["commands"] = sorted(m for m in sys.modules if m.startswith("bobudget.cli.")
                                      and m.endswith("_cmd"))
            seen["sqlalchemy"] = "sqlalchemy" in sys.modules
            seen["model"] = "bobudget.model" in sys.modules
            seen["attached"] = self.attached
            seen["content"] = self.opening_label.text()

        def attach(self, db):
            super().attach(db)
            seen["alembic"] = "alembic.script" in sys.modules
            seen["built"] = self.stack.built_keys()
            seen["current"] = self.current_area()

    main_window.MainWindow = Watched
    code = main(["--db", sys.argv[1]])
    print("SEEN " + json.dumps(seen), flush=True)
    sys.exit(code)
    """
)


def start_to_the_start_page(url: str, home: Path) -> tuple[dict[str, object], float, float]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        BOBUDGET_HOME=str(home),
        BOBUDGET_EXIT_AFTER_FIRST_PAINT="start-page",
    )
    env.pop("BOBUDGET_DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", WATCHED_START, url],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    seen = next(line for line in lines if line.startswith("SEEN "))

    def mark(name: str) -> float:
        return float(next(line for line in lines if line.startswith(name + " ")).split()[1])

    return json.loads(seen.removeprefix("SEEN ")), mark("first-paint"), mark("start-page")


def test_the_frame_is_drawn_before_the_database_is_opened_and_nothing_heavy_is_imported(
    sqlite_db: Database, tmp_path: Path
) -> None:
    fill_demo(sqlite_db, 30, seed=7)
    seen, painted, start_page = start_to_the_start_page(
        str(sqlite_db.engine.url), tmp_path / "home"
    )
    assert 0 < painted <= start_page
    assert seen == {
        # At the first frame: the window's frame, saying the database is being opened.
        "heavy": [],
        "commands": [],
        "sqlalchemy": False,  # not even the database's library: the frame waits for nothing
        "model": False,
        "attached": False,
        "content": "Öppnar databasen…",
        # Then the database, opened and attached, and the start page built at once.
        "alembic": False,  # the schema was checked with one query
        "built": ["todo"],
        "current": "todo",
    }


def close_and_delete(window: MainWindow) -> None:
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_start_page_is_built_after_the_first_frame_and_the_others_when_shown(
    qtbot, sqlite_db: Database
) -> None:
    window = MainWindow(sqlite_db)
    try:
        assert window.stack.built_keys() == []
        assert isinstance(window.stack.held(0), PageSlot)
        window.show()
        qtbot.waitUntil(lambda: window.stack.is_built(AreaKey.TODO))
        assert window.stack.built_keys() == [AreaKey.TODO]
        assert window.stack.held(0) is window.todo_page
        qtbot.waitUntil(lambda: not window.todo_page.loading)
        window.show_area(AreaKey.LETTERS)
        assert window.stack.built_keys() == [AreaKey.TODO, AreaKey.LETTERS]
        assert window.stack.held(window.stack.currentIndex()) is window.letters_page
        assert window.letters_page.isVisible()
        # Each page once, in its own place: the navigation's row and the stack's index agree.
        for row, area in enumerate(AREAS):
            window.navigation.setCurrentRow(row)
            assert window.stack.held(row) is window.pages[area.key]
            assert window.stack.currentIndex() == row
        assert window.stack.count() == len(AREAS)
    finally:
        close_and_delete(window)


def test_personer_gets_its_remembered_layout_when_it_is_first_shown(
    qtbot, sqlite_db: Database
) -> None:
    first = MainWindow(sqlite_db)
    first.show()
    first.show_area(AreaKey.PERSONS)
    first.persons_page.splitter.setSizes([300, 700])
    remembered = first.persons_page.splitter.saveState()
    close_and_delete(first)

    second = MainWindow(sqlite_db)
    try:
        second.show()
        qtbot.waitUntil(lambda: second.stack.is_built(AreaKey.TODO))
        assert not second.stack.is_built(AreaKey.PERSONS)
        second.close()  # Personer never shown: what was stored for it stays
        stored = window_settings().value("persons/splitter")
        assert isinstance(stored, QByteArray) and stored == remembered
        second.show_area(AreaKey.PERSONS)
        assert second.persons_page.splitter.saveState() == remembered
    finally:
        close_and_delete(second)


def test_the_frame_says_the_database_is_being_opened_and_offers_nothing_that_needs_it(
    qtbot, sqlite_db: Database
) -> None:
    window = MainWindow()
    try:
        window.show()
        qtbot.waitUntil(lambda: window.first_paint.done)
        assert not window.attached
        assert window.opening_label.text() == "Öppnar databasen…"
        assert window.database_label.text() == "Öppnar databasen…"
        assert not window.navigation.isEnabled()
        # Nothing that would need a page or the database can be chosen yet; quitting and the
        # handbook can.
        actions = window.actions_by_name
        assert not any(actions[name].isEnabled() for name in ("search", "print", "settings"))
        assert not actions[f"area:{AreaKey.PERSONS}"].isEnabled()
        assert actions["quit"].isEnabled() and actions["handbook"].isEnabled()

        window.attach(sqlite_db)
        # Drawn already: the start page is built at once, in the frame's content area.
        assert window.stack.built_keys() == [AreaKey.TODO]
        assert window.splitter.widget(1) is window.stack
        assert window.navigation.isEnabled() and actions["search"].isEnabled()
        assert window.windowTitle() == f"bobudget – {sqlite_db.location}"
        assert window.database_label.text() == f"SQLite: {sqlite_db.location}"
        window.show_area(AreaKey.PERSONS)
        assert window.stack.is_built(AreaKey.PERSONS)
    finally:
        close_and_delete(window)
