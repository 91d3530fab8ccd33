"""The main window: side navigation, one page per area, menus, shortcuts and the status bar."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, QSettings, Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QWidget,
)

from bobudget import __version__
from bobudget.kernel.config import config_dir
from bobudget.kernel.errors import DomainError

from .accessibility import name_scroll_areas
from .errors import message_box, show_domain_error
from .first_paint import FirstPaint
from .help.binding import bind_buttons
from .help.shortcuts import Shortcut, for_action
from .navigation import AREAS, START_AREA, AreaKey, Navigation
from .style import WINDOW_SIZE

# The database and its pages (SQLAlchemy, the page stack, the change signal) are imported in
# attach(), not here: the window's frame is drawn before any of them is loaded, which is most
# of what start-up would otherwise wait for (benchmarks/bench_startup.py).
if TYPE_CHECKING:
    from bobudget.app.todo import TodoItem
    from bobudget.db.engine import Database

    from .pages.admin import AdminPage
    from .pages.contracts import ContractsPage
    from .pages.follow_up import FollowUpPage
    from .pages.funds import FundsPage
    from .pages.letters import LettersPage
    from .pages.persons import PersonsPage
    from .pages.queue import QueuePage
    from .pages.statistics import StatisticsPage
    from .pages.temporary import TemporaryPage
    from .pages.todo import TodoPage

log = logging.getLogger(__name__)


PRINT_KEY = QKeySequence(for_action("print"))


def binds_print_key(page: QWidget) -> bool:
    """True when a page gives Ctrl+P to a print button of its own (Kontrakt: Skriv ut kontrakt).

    Two Ctrl+P shortcuts in one window cancel each other out (Qt calls them ambiguous and runs
    neither), so the window's "Skriv ut det som visas" steps aside on such a page.
    """
    return any(button.shortcut() == PRINT_KEY for button in page.findChildren(QAbstractButton))


def window_settings() -> QSettings:
    # Beside settings.json rather than in the registry: one folder holds all of a user's
    # settings, and BOBUDGET_HOME (tests, portable installs) moves it all together.
    return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)


def window_title(db: Database, demo: bool) -> str:
    return f"bobudget – DEMO – {db.location}" if demo else f"bobudget – {db.location}"


OPENING_TEXT = "Öppnar databasen…"

# The menu actions that work before the database is open; every other one waits for it.
_FRAME_ACTIONS = ("quit", "handbook", "shortcuts")


class MainWindow(QMainWindow):
    """The window in two steps: its frame (menus, navigation, status bar) is drawn at once, and
    `attach(db)` fills it once the database is open. `MainWindow(db)` does both at once.
    """

    def __init__(self, db: Database | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.demo = False
        self.attached = False
        self.setWindowTitle("bobudget")
        self.setAccessibleName("bobudget")
        self.first_paint = FirstPaint(self)
        self._starting = True

        self.navigation = Navigation(AREAS)
        # Until the database is open the navigation waits: no page can be shown yet.
        self.navigation.setEnabled(False)
        self.bound_buttons: list[tuple[QAbstractButton, Shortcut]] = []
        self._persons_state: tuple[QByteArray | None, QByteArray | None] = (None, None)
        self.opening_label = QLabel(OPENING_TEXT)
        self.opening_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.opening_label.setAccessibleName("Innehåll")

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.opening_label)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([190, WINDOW_SIZE[0] - 190])
        self.setCentralWidget(self.splitter)

        self._build_menus()
        self.database_label = QLabel(OPENING_TEXT)
        self.database_label.setAccessibleName("Databas")
        self.statusBar().addWidget(self.database_label, 1)
        self.resize(*WINDOW_SIZE)
        self.restore_window_state()
        if db is not None:
            self.attach(db)

    def attach(self, db: Database) -> None:
        """The database is open: its pages take the frame's content area, the start page is
        selected, and built at once if the first frame is already drawn (else right after)."""
        from bobudget.db.open import is_demo

        from .page_stack import Pages, PageStack

        self.db = db
        self.demo = is_demo(db)
        self.setWindowTitle(window_title(db, self.demo))
        # Each page is built the first time it is shown (ui/page_stack.py); the start page
        # once the window's first frame is drawn, so that the window shows before any page
        # reads its data.
        self.stack = PageStack(AREAS, db)
        self.stack.pageBuilt.connect(self._page_built)
        self.stack.setAccessibleName("Innehåll")
        self.pages = Pages(self.stack, AREAS)
        self.navigation.currentRowChanged.connect(self._show_row)
        self.stack.currentChanged.connect(self._page_shown)
        # In the place, and at the size, of the "Öppnar databasen…" text; stretching as it did.
        self.splitter.replaceWidget(1, self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.opening_label.deleteLater()
        self._fill_status_bar()
        self._enable_database_actions(True)
        self.navigation.setEnabled(True)
        self.navigation.select(START_AREA)
        self.attached = True
        if self.first_paint.done:
            self.stack.build_current()
        else:
            self.first_paint.settled.connect(self._first_painted)
        self._starting = False
        log.info("main window opened on %s (demo=%s)", db.engine_name, self.demo)

    # --- pages, built when first shown ------------------------------------------------------

    def _page_built(self, key: str, page: QWidget) -> None:
        """What the window does once with each page it builds: keys, names, its signals."""
        self.bound_buttons.extend(bind_buttons(page))
        name_scroll_areas(page)
        if key == AreaKey.TODO:
            todo = cast("TodoPage", page)
            todo.openRequested.connect(self.open_todo_item)
            todo.countsChanged.connect(self.navigation.set_counts)
            self.navigation.set_counts(todo.counts())
        elif key == AreaKey.STATISTICS:
            cast("StatisticsPage", page).personRequested.connect(self.open_person)
        elif key == AreaKey.PERSONS:
            cast("PersonsPage", page).restore_state(*self._persons_state)
        if self.stack.held(self.stack.currentIndex()) is page:
            self._page_shown(self.stack.currentIndex())

    def _show_row(self, row: int) -> None:
        if self._starting:
            # The start page is built after the first frame (_first_painted), or when asked for.
            self.stack.setCurrentIndex(row)
        else:
            self.stack.show_page(row)

    def _first_painted(self) -> None:
        """The window is on screen: now the page shown is built, and reads what it shows."""
        self.stack.build_current()

    @property
    def todo_page(self) -> TodoPage:
        return cast("TodoPage", self.stack.page(AreaKey.TODO))

    @property
    def persons_page(self) -> PersonsPage:
        return cast("PersonsPage", self.stack.page(AreaKey.PERSONS))

    @property
    def queue_page(self) -> QueuePage:
        return cast("QueuePage", self.stack.page(AreaKey.QUEUE))

    @property
    def contracts_page(self) -> ContractsPage:
        return cast("ContractsPage", self.stack.page(AreaKey.CONTRACTS))

    @property
    def temporary_page(self) -> TemporaryPage:
        return cast("TemporaryPage", self.stack.page(AreaKey.TEMPORARY))

    @property
    def follow_up_page(self) -> FollowUpPage:
        return cast("FollowUpPage", self.stack.page(AreaKey.FOLLOW_UP))

    @property
    def funds_page(self) -> FundsPage:
        return cast("FundsPage", self.stack.page(AreaKey.FUNDS))

    @property
    def letters_page(self) -> LettersPage:
        return cast("LettersPage", self.stack.page(AreaKey.LETTERS))

    @property
    def statistics_page(self) -> StatisticsPage:
        return cast("StatisticsPage", self.stack.page(AreaKey.STATISTICS))

    @property
    def admin_page(self) -> AdminPage:
        return cast("AdminPage", self.stack.page(AreaKey.ADMIN))

    def _action(self, text: str, name: str, slot: Callable[[], object]) -> QAction:
        """A menu action with its key from the shortcut table (ui/help/shortcuts.py)."""
        action = QAction(text, self)
        action.setShortcut(QKeySequence(for_action(name)))
        action.triggered.connect(lambda _checked=False: slot())
        self.actions_by_name[name] = action
        return action

    def _build_menus(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        menu = self.menuBar()
        archive = menu.addMenu("&Arkiv")
        self.print_action = self._action("Skriv &ut det som visas…", "print", self.print_current)
        archive.addAction(self.print_action)
        archive.addAction(self._action("&Inställningar…", "settings", self.open_settings))
        own_details = QAction("&Mina uppgifter…", self)
        own_details.triggered.connect(self.open_own_details)
        self.actions_by_name["own_details"] = own_details
        archive.addAction(own_details)
        archive.addSeparator()
        archive.addAction(self._action("&Avsluta", "quit", self.close))

        view = menu.addMenu("&Visa")
        self.search_action = self._action("&Sök person", "search", self.focus_person_search)
        view.addAction(self.search_action)
        self.refresh_action = self._action("&Uppdatera", "refresh", self.refresh_current_page)
        view.addAction(self.refresh_action)
        view.addSeparator()
        # The pages in the navigation's order, Ctrl+1 … Ctrl+0: the same keys in the menu,
        # so a user who forgets them finds them here.
        for area in AREAS:
            view.addAction(self._action(area.title, f"area:{area.key}", self._go_to(area.key)))

        help_menu = menu.addMenu("&Hjälp")
        help_menu.addAction(self._action("&Handbok", "handbook", self.open_handbook))
        help_menu.addAction(self._action("&Kortkommandon", "shortcuts", self.show_shortcuts))
        help_menu.addSeparator()
        about = QAction("&Om bobudget", self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)
        self._enable_database_actions(False)

    def _enable_database_actions(self, enabled: bool) -> None:
        for name, action in self.actions_by_name.items():
            if name not in _FRAME_ACTIONS:
                action.setEnabled(enabled)

    def _fill_status_bar(self) -> None:
        from bobudget.db.who import current_username

        from .changes import on_database_wait

        self.database_label.setText(f"{self.db.engine_name}: {self.db.location}")
        self.user_label = QLabel(f"Användare: {current_username(self.db)}")
        self.user_label.setAccessibleName("Användare")
        status = self.statusBar()
        if self.demo:
            demo_label = QLabel("DEMO – påhittade uppgifter")
            demo_label.setObjectName("formError")
            status.insertWidget(0, demo_label)
        status.addPermanentWidget(self.user_label)
        on_database_wait(self._database_waiting)

    @Slot(str)
    def _database_waiting(self, text: str) -> None:
        """A save waits for a colleague's: the status bar says so while it waits."""
        if text:
            self.statusBar().showMessage(text)
        else:
            self.statusBar().clearMessage()

    # --- actions ---------------------------------------------------------------------------

    def _go_to(self, key: str) -> Callable[[], None]:
        def go() -> None:
            self.show_area(key)
            self.focus_page()

        return go

    def focus_page(self) -> None:
        """Ctrl+digit: the keyboard goes into the page, to its list or first field, so the
        next key works there rather than in the navigation."""
        page = self.stack.currentWidget()
        if page is None:
            return
        for name in ("focus_list", "focus_search"):
            handler = getattr(page, name, None)
            if callable(handler):
                handler()
                return
        widget = page.nextInFocusChain()
        while widget is not page and widget is not None:
            if (
                page.isAncestorOf(widget)
                and widget.isVisible()
                and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return
            widget = widget.nextInFocusChain()

    def show_area(self, key: str) -> None:
        if key in self.pages:
            self.pages[key]  # built now if it was not (before the first frame it may not be)
        self.navigation.select(key)

    def current_area(self) -> str:
        return self.navigation.current_key()

    def open_todo_item(self, item: TodoItem) -> None:
        """Att göra: show the area that handles the item, opened at it.

        A page opens an item through its `open_todo_item(item)`; an area without one yet shows
        the person's card, which says where things stand.
        """
        opener = getattr(self.pages.get(item.area), "open_todo_item", None)
        if not callable(opener):
            self.show_area(AreaKey.PERSONS)
            self.persons_page.search.search_for(item.personnummer, select_person=item.person_id)
            self.persons_page.card.show_person(item.person_id)
            return
        self.show_area(item.area)
        opener(item)

    def open_person(self, person_id: int) -> None:
        """The person's card on Personer (from the rows behind a number on Statistik)."""
        self.show_area(AreaKey.PERSONS)
        self.persons_page.card.show_person(person_id)

    def _page_shown(self, index: int) -> None:
        page = self.stack.held(index)
        own = page is not None and binds_print_key(page)
        self.print_action.setShortcut(QKeySequence() if own else PRINT_KEY)

    def print_current(self) -> None:
        """Ctrl+P: the shown page's own `print_current()`; on Personer, the letters the shown
        person can get (Skriv brev…), since which letter is meant only the user knows."""
        page = self.stack.currentWidget()
        handler = getattr(page, "print_current", None)
        if callable(handler):
            handler()
        elif self.current_area() == AreaKey.PERSONS and self.persons_page.card.card is not None:
            self.persons_page.card.letters_section.choose_letter()
        else:
            self.statusBar().showMessage("Det finns inget att skriva ut på den här sidan.", 5000)

    def focus_person_search(self) -> None:
        self.show_area(AreaKey.PERSONS)
        self.persons_page.focus_search()

    def refresh_current_page(self) -> None:
        page = self.stack.currentWidget()
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()

    def open_handbook(self) -> None:
        from .help.handbook import HandbookDialog

        HandbookDialog.show_for(self)

    def show_shortcuts(self) -> None:
        from .help.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self).exec()

    def open_settings(self) -> None:
        from bobudget.db.open import database_in_use

        from .settings_dialog import SettingsDialog

        SettingsDialog(self, in_use=database_in_use(self.db, self.demo)).exec()

    def open_own_details(self) -> None:
        """Name, phone and e-mail the signed-in user's letters are signed with."""
        # Imported when asked for: it brings the phone and e-mail checks, which nothing before
        # the window's first frame needs.
        from .own_details_dialog import OwnDetailsDialog

        try:
            dialog = OwnDetailsDialog(self.db, self)
        except DomainError as error:
            show_domain_error(self, error)
            return
        dialog.exec()

    def show_about(self) -> None:
        box = message_box(
            self,
            QMessageBox.Icon.Information,
            f"bobudget {__version__}",
            informative=(
                "Bo- och budgetenhetens verksamhetssystem: kö, kontrakt, tillfälligt boende, "
                "uppföljning och egna medel.\n\n"
                + (
                    f"Databas: {self.db.engine_name}, {self.db.location}"
                    if self.attached
                    else OPENING_TEXT
                )
            ),
            title="Om bobudget",
        )
        box.exec()

    # --- remembered size, position and splitters -------------------------------------------

    def restore_window_state(self) -> None:
        stored = window_settings()
        geometry = stored.value("window/geometry")
        if geometry:
            self.restoreGeometry(geometry)
        state = stored.value("window/state")
        if state:
            self.restoreState(state)
        splitter = stored.value("window/splitter")
        if splitter:
            self.splitter.restoreState(splitter)
        # Given to Personer when it is built (it is not, until first shown).
        self._persons_state = (stored.value("persons/splitter"), stored.value("persons/columns"))

    def save_window_state(self) -> None:
        stored = window_settings()
        stored.setValue("window/geometry", self.saveGeometry())
        stored.setValue("window/state", self.saveState())
        stored.setValue("window/splitter", self.splitter.saveState())
        if self.attached and self.stack.is_built(AreaKey.PERSONS):
            # Not shown this time: what was stored stays as it was.
            persons = self.persons_page.save_state()
            stored.setValue("persons/splitter", persons["splitter"])
            stored.setValue("persons/columns", persons["columns"])
        stored.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_window_state()
        log.info("main window closed")
        super().closeEvent(event)
