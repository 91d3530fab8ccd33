"""The main window's pages, each built the first time it is shown.

A page reads what it shows when it is built, and some pages read a lot (every running lease,
every due letter): built all at once, they kept the window from appearing for seconds on a
large unit's database. Until a page is first wanted, its place in the stack holds a slot that
shows only the area's title; the page's module is imported only then too, so that what one
page needs (ReportLab, QtCharts, openpyxl) is not loaded before the window shows.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Iterator, Mapping

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from bobudget.db.engine import Database

from .navigation import Area, AreaKey

log = logging.getLogger(__name__)

# What the pages read through, warmed after the window is on screen (warm_page_modules): the
# model and each domain's queries, and last the letters with ReportLab. Core modules only: they
# import no Qt. openpyxl stays deferred until a spreadsheet is made, QtPdf until a letter is
# previewed.
PAGE_MODULES = (
    "bobudget.model",
    "bobudget.app.todo",
    "bobudget.app.person_card",
    "bobudget.app.letter_data",
    "bobudget.placement.queue",
    "bobudget.placement.renewal_rows",
    "bobudget.placement.temporary_places",
    "bobudget.follow_up.overview",
    "bobudget.funds.queries",
    "bobudget.statistics.catalogue",
    "bobudget.statistics.service",
    "bobudget.statistics.export",
    # Last: the letters and ReportLab under them (a third of a second), which a page needs only
    # when a letter is printed, and the person card's letter list when a person is shown.
    "bobudget.app.letters",
)


def warm_page_modules() -> threading.Thread:
    """Import what the pages read through in the background, once the window is on screen.

    A page's first show imported its module and everything under it (the model, the domain's
    queries: half a second of Kö's first show at 100 000 households). Imported here while the
    user reads Att göra, a page's first show only builds and reads. A background thread, not
    the GUI thread, because an import is Python the window would otherwise freeze for; these
    are core modules, which create no Qt object. A module that fails here is left for its page
    to import, and to report, when shown.
    """

    def warm() -> None:
        for name in PAGE_MODULES:
            try:
                importlib.import_module(name)
            except Exception:  # the page's own first show reports it to the user
                log.exception("warming %s failed", name)

    thread = threading.Thread(target=warm, name="warm-pages", daemon=True)
    thread.start()
    return thread


def build_page(area: Area, db: Database) -> QWidget:
    """The page of `area`, its module imported now (the first time the page is wanted)."""
    if area.key == AreaKey.TODO:
        from .pages.todo import TodoPage

        return TodoPage(db)
    if area.key == AreaKey.PERSONS:
        from .pages.persons import PersonsPage

        return PersonsPage(db)
    if area.key == AreaKey.QUEUE:
        from .pages.queue import QueuePage

        return QueuePage(db)
    if area.key == AreaKey.CONTRACTS:
        from .pages.contracts import ContractsPage

        return ContractsPage(db)
    if area.key == AreaKey.TEMPORARY:
        from .pages.temporary import TemporaryPage

        return TemporaryPage(db)
    if area.key == AreaKey.FOLLOW_UP:
        from .pages.follow_up import FollowUpPage

        return FollowUpPage(db)
    if area.key == AreaKey.FUNDS:
        from .pages.funds import FundsPage

        return FundsPage(db)
    if area.key == AreaKey.LETTERS:
        from .pages.letters import LettersPage

        return LettersPage(db)
    if area.key == AreaKey.STATISTICS:
        from .pages.statistics import StatisticsPage

        return StatisticsPage(db)
    if area.key == AreaKey.ADMIN:
        from .pages.admin import AdminPage

        return AdminPage(db)
    from .pages.placeholder import PlaceholderPage

    return PlaceholderPage(area)


class PageSlot(QWidget):
    """Where a page will be until it is built: the area's title, as the page will show it."""

    def __init__(self, area: Area, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.area = area
        self.setAccessibleName(area.title)
        title = QLabel(area.title)
        title.setObjectName("pageTitle")
        waiting = QLabel("Läser in …")
        waiting.setObjectName("muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addWidget(waiting)
        layout.addStretch(1)


class PageStack(QStackedWidget):
    """One slot per area, in the navigation's order; a page replaces its slot when built.

    `page(key)` builds a page if need be; `held(index)` is what the stack holds now, slot or
    page. `pageBuilt(key, page)` once for each page built, after it is in its place. (A signal,
    not a callback: a callback would hold the window, and keep it from being freed when it is
    deleted.)
    """

    pageBuilt = Signal(str, QWidget)

    def __init__(
        self, areas: tuple[Area, ...], db: Database, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._areas = areas
        self._db = db
        self._pages: dict[str, QWidget] = {}
        for area in areas:
            self.addWidget(PageSlot(area))

    def row_of(self, key: str) -> int:
        for row, area in enumerate(self._areas):
            if area.key == key:
                return row
        raise KeyError(key)

    def is_built(self, key: str) -> bool:
        return key in self._pages

    def built_keys(self) -> list[str]:
        return [area.key for area in self._areas if area.key in self._pages]

    def page(self, key: str) -> QWidget:
        """The page of the area `key`, built now if it was not yet."""
        page = self._pages.get(key)
        if page is not None:
            return page
        row = self.row_of(key)
        area = self._areas[row]
        log.debug("building page %s", key)
        page = build_page(area, self._db)
        self._pages[key] = page
        slot = super().widget(row)
        assert slot is not None  # one slot or page per area, always
        was_current = super().currentIndex() == row
        # Quietly: the shown page changes only in name (slot → page), not for the window.
        blocker = QSignalBlocker(self)
        self.insertWidget(row, page)
        self.removeWidget(slot)
        if was_current:
            self.setCurrentIndex(row)
        blocker.unblock()
        slot.deleteLater()
        self.pageBuilt.emit(key, page)
        return page

    def held(self, index: int) -> QWidget | None:
        """What the stack holds at `index` now, slot or page, without building anything."""
        return super().widget(index)

    def show_page(self, row: int) -> None:
        """Show the area at `row`, its page built first if need be."""
        if 0 <= row < len(self._areas):
            self.page(self._areas[row].key)
        self.setCurrentIndex(row)

    def build_current(self) -> None:
        row = super().currentIndex()
        if 0 <= row < len(self._areas):
            self.page(self._areas[row].key)


class Pages(Mapping[str, QWidget]):
    """The window's pages by area key, as a mapping; looking one up builds it."""

    def __init__(self, stack: PageStack, areas: tuple[Area, ...]) -> None:
        self._stack = stack
        self._keys = [area.key for area in areas]

    def __getitem__(self, key: str) -> QWidget:
        if key not in self._keys:
            raise KeyError(key)
        return self._stack.page(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._keys
