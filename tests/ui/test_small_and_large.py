"""The window at 1280×720 shows the key columns of Kö and Tillfälligt boende without scrolling
sideways, and at 200 % (the text doubled, or QT_SCALE_FACTOR=2) it opens every page with the
navigation and each page's heading in view."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from bobudget.db.engine import Database
from bobudget.demo.generate import fill_demo
from ui.main_window import MainWindow
from ui.navigation import AREAS

ROOT = Path(__file__).resolve().parents[2]

KEY_COLUMNS = {
    "queue": ("Personnummer", "Namn", "Beslutsdatum", "Dagar", "Markering"),
    "temporary": ("Personnummer", "Namn", "Till och med", "Dagar kvar", "Läge"),
}


def shown_window(qtbot, db: Database, width: int, height: int) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    return window


def header_titles(table: QTableView) -> list[str]:
    model = table.model()
    return [str(model.headerData(c, _horizontal())) for c in range(model.columnCount())]


def _horizontal():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal


def list_of(window: MainWindow, key: str) -> QTableView:
    page = window.pages[key]
    tables = [t for t in page.findChildren(QTableView) if t.isVisible()]
    named = {"queue": "Kö", "temporary": "Placeringar"}
    for table in tables:
        if "Personnummer" in header_titles(table) and table.model().rowCount():
            return table
    raise AssertionError(f"no list on {named[key]}")


@pytest.mark.parametrize("key", ["queue", "temporary"])
def test_at_1280_by_720_the_key_columns_need_no_sideways_scrolling(
    qtbot, sqlite_db: Database, key: str
) -> None:
    fill_demo(sqlite_db, 60, seed=7)
    window = shown_window(qtbot, sqlite_db, 1280, 720)
    window.show_area(key)
    QCoreApplication.processEvents()
    table = list_of(window, key)
    qtbot.waitUntil(lambda: table.model().rowCount() > 0)
    assert table.horizontalScrollBar().value() == 0
    titles = header_titles(table)
    header = table.horizontalHeader()
    viewport = table.viewport().width()
    for title in KEY_COLUMNS[key]:
        column = titles.index(title)
        assert not header.isSectionHidden(column), title
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert right <= viewport, f"{title}: ends at {right}, the list shows {viewport}"
        # And the column is as wide as what it shows: nothing cut to "…".
        assert header.sectionSize(column) >= table.sizeHintForColumn(column), title


def visible_in(widget: QWidget, window: QWidget) -> bool:
    if not widget.isVisible() or widget.width() <= 0 or widget.height() <= 0:
        return False
    top_left = widget.mapTo(window, widget.rect().topLeft())
    return window.rect().contains(top_left)


def test_with_the_text_doubled_every_page_opens_with_its_navigation_in_view(
    qtbot, sqlite_db: Database, styled_app: QApplication
) -> None:
    fill_demo(sqlite_db, 30, seed=7)
    font = styled_app.font()
    size = font.pointSizeF()
    font.setPointSizeF(size * 2)
    styled_app.setFont(font)
    try:
        window = shown_window(qtbot, sqlite_db, 1600, 1000)
        for row, area in enumerate(AREAS):
            window.show_area(area.key)
            QCoreApplication.processEvents()
            assert window.stack.currentWidget() is window.pages[area.key]
            assert visible_in(window.navigation, window)
            item = window.navigation.visualItemRect(window.navigation.item(row))
            assert item.height() > 0 and window.navigation.viewport().rect().intersects(item)
            assert visible_in(window.pages[area.key], window)
    finally:
        font.setPointSizeF(size)
        styled_app.setFont(font)


SCALED = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QCoreApplication
    from ui.app import application
    from bobudget.db.engine import connect, parse_url
    from bobudget.db import migrate
    from ui.main_window import MainWindow
    from ui.navigation import AREAS

    app = application()
    db = connect(parse_url(sys.argv[1]))
    migrate.upgrade(db)
    window = MainWindow(db)
    window.resize(1280, 720)
    window.show()
    for area in AREAS:
        window.show_area(area.key)
        QCoreApplication.processEvents()
        page = window.stack.currentWidget()
        assert page is window.pages[area.key] and page.isVisible(), area.title
    print("scale", window.devicePixelRatioF(), "pages", len(AREAS))
    window.close()
    db.dispose()
    """
)


def test_at_qt_scale_factor_2_the_window_opens_every_page(tmp_path: Path) -> None:
    environment = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM="offscreen")
    environment["BOBUDGET_HOME"] = str(tmp_path / "home")
    url = f"sqlite:///{tmp_path / 'scaled.db'}"
    done = subprocess.run(
        [sys.executable, "-c", SCALED, url],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "scale 2.0 pages 10" in done.stdout
