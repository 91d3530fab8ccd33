"""Att göra: the home page. Everything due, grouped by how soon, each item one click from where
it is handled. Read off the GUI thread: first the groups' counts and the first group's first
page (the first screenful), then each group's first page, then more as the list is scrolled."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from bobudget.app.assignment import assign, responsible_of
from bobudget.app.todo import SCOPE_MINE, SCOPE_UNIT, TodoItem, default_scope
from bobudget.app.todo_query import TodoOverview, TodoSlice, todo_overview, todo_page
from bobudget.db.changes import ChangeKind, ChangeSet
from bobudget.db.engine import Database
from bobudget.db.settings_in_use import effective_settings
from bobudget.db.uow import current_username
from bobudget.kernel.errors import DomainError
from bobudget.kernel.formatting import format_date, format_date_prose
from bobudget.kernel.logsetup import log_unexpected
from bobudget.kernel.urgency import Urgency

from ..changes import ChangeListener
from ..kit import Dialog, ResponsibleField
from ..style import RED
from ..workers import BackgroundTask
from .todo_model import TodoModel

log = logging.getLogger(__name__)

# How many rows the self-sizing columns are measured over.
CONTENTS_PRECISION = 200

WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")

SCOPES = ((SCOPE_MINE, "Mina uppgifter"), (SCOPE_UNIT, "Hela enheten"))
# Tasks still running, held so that none is collected while its thread works.
_RUNNING: set[BackgroundTask] = set()


_hooked: list[QCoreApplication] = []


def _wait_for_running() -> None:
    """On quitting: let a read under way finish, so no thread is torn down mid-query."""
    for task in list(_RUNNING):
        task.wait(10_000)


def _hook_quit() -> None:
    app = QCoreApplication.instance()
    if app is not None and app not in _hooked:
        app.aboutToQuit.connect(_wait_for_running)
        _hooked.append(app)


class TodoView(QTreeView):
    """Enter opens the item like a double click; a single click only selects; the arrows
    only move."""

    enterPressed = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.enterPressed.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class TodoPage(QWidget):
    """Emits `openRequested(item)` for the window to show where the item is handled,
    `countsChanged(counts)` (area → items) after every read for the navigation, and `loaded`
    once a read has been shown."""

    openRequested = Signal(object)
    countsChanged = Signal(dict)
    loaded = Signal()

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        user: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today
        self._user = user or current_username(db)
        self._task: BackgroundTask | None = None
        self._again = False
        # Group rows whose next page is still to be read, in the order asked.
        self._queue: list[int] = []
        self.todo: TodoOverview | None = None
        self.setAccessibleName("Att göra")

        title = QLabel("Att göra")
        title.setObjectName("pageTitle")
        self.date_label = QLabel()
        self.date_label.setObjectName("muted")
        self.scope = QComboBox()
        self.scope.setAccessibleName("Visa uppgifter för")
        for key, label in SCOPES:
            self.scope.addItem(label, key)
        self.set_scope(default_scope(db, self._user))
        self.scope.currentIndexChanged.connect(lambda _i: self.refresh())
        scope_label = QLabel("&Visa:")
        scope_label.setBuddy(self.scope)
        self.summary = QLabel("Läser in …")
        self.summary.setAccessibleName("Sammanfattning")
        self.refresh_button = QPushButton("&Uppdatera")
        self.refresh_button.setToolTip("Läs in listan på nytt (F5)")
        self.refresh_button.clicked.connect(self.refresh)
        self.assign_button = QPushButton("&Tilldela…")
        self.assign_button.setAccessibleName("Tilldela")
        self.assign_button.setToolTip("Välj vem som är ansvarig för den markerade uppgiften")
        self.assign_button.setEnabled(False)
        self.assign_button.clicked.connect(self.assign_current)

        self.model = TodoModel(self)
        # Qt's tree asks every open group for more each time it lays out; whether a group is
        # read on is for what is on screen to say, looked at once the layout is done.
        self._check = QTimer(self)
        self._check.setSingleShot(True)
        self._check.setInterval(0)
        self._check.timeout.connect(self._fetch_visible)
        self.model.wants_more = lambda _row: self._check.start()
        self.view = TodoView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Att göra-lista")
        self.view.setAccessibleDescription(
            "Det som ska göras, grupperat efter hur bråttom det är. Ett klick markerar, "
            "Enter eller dubbelklick öppnar."
        )
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformRowHeights(True)
        self.view.setStyleSheet("QTreeView::item { padding: 3px 2px; }")
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((190, 230, 190, 130, 300, 110)):
            header.resizeSection(column, width)
        # The date with "försenad 12 d" and the type are never cut: as wide as what they show.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.ResizeToContents)
        # Measured over the first rows, not Qt's default thousand: Qt measures again at every
        # relayout, even as the page is hidden for another (10 000 reads of the list's texts
        # each time at 100 000 households), and the rows further down are no wider.
        header.setResizeContentsPrecision(CONTENTS_PRECISION)
        self.view.setExpandsOnDoubleClick(False)
        # One click selects (a stray click opens nothing); a double click or Enter opens.
        self.view.clicked.connect(self._fold_group)
        self.view.doubleClicked.connect(self._open_index)
        self.view.enterPressed.connect(self._open_index)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._enable_assign())
        # Scrolled near the end of what a group has read: read its next page.
        self.view.verticalScrollBar().valueChanged.connect(lambda _v: self._fetch_visible())
        self.view.expanded.connect(lambda _i: self._check.start())
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        assign_action = QAction("Tilldela…", self.view)
        assign_action.triggered.connect(self.assign_current)
        self.view.addAction(assign_action)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("muted")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()

        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(self.date_label, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch(1)
        top.addWidget(scope_label)
        top.addWidget(self.scope)
        top.addWidget(self.refresh_button)
        # Beside the counts, not in the top row: the page keeps fitting a narrow window.
        counts = QHBoxLayout()
        counts.addWidget(self.summary, 1)
        counts.addWidget(self.assign_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addLayout(counts)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label, 1)
        # Read even while another page is shown: the navigation's counts come from this list.
        self.changes = ChangeListener(self, self.concerns, self.refresh, while_hidden=True)
        self.refresh()

    @staticmethod
    def concerns(changes: ChangeSet) -> bool:
        # ADMIN: a user renamed or deactivated changes the Ansvarig column and Mina uppgifter.
        return changes.touches(
            ChangeKind.PERSONS,
            ChangeKind.PLACEMENT,
            ChangeKind.FOLLOW_UP,
            ChangeKind.FUNDS,
            ChangeKind.ADMIN,
        )

    def counts(self) -> dict[str, int]:
        """Items per navigation area in the list shown, and the whole list's under "todo"."""
        if self.todo is None:
            return {}
        return dict(self.todo.counts_by_area, todo=self.todo.total)

    @property
    def current_scope(self) -> str:
        return str(self.scope.currentData())

    def set_scope(self, scope: str) -> None:
        self.scope.setCurrentIndex(0 if scope == SCOPE_MINE else 1)

    @property
    def loading(self) -> bool:
        """A read under way or asked for (the counts, or a page of a group)."""
        return self._task is not None or bool(self._queue)

    def refresh(self) -> None:
        """Read the list again (F5, a change anywhere in the window, another scope)."""
        if self._task is not None:
            self._again = True  # one more read when this one is done: it may be stale
            return
        self._queue.clear()
        today = self._today()
        settings = effective_settings(self._db)
        db, user, scope = self._db, self._user, self.current_scope

        def work(_progress: Callable[[int, int], None]) -> tuple[TodoOverview, TodoSlice | None]:
            overview = todo_overview(
                db, today=today, user=user, scope=scope, within_days=settings.renewal_reminder_days
            )
            # The first screenful comes with the counts: the first group's first page.
            first = todo_page(db, overview, overview.groups[0]) if overview.groups else None
            return overview, first

        self._start(work, self._show)

    def _start(
        self, work: Callable[[Callable[[int, int], None]], object], shown: Callable[[object], None]
    ) -> None:
        task = BackgroundTask(work)
        _hook_quit()
        _RUNNING.add(task)
        task.succeeded.connect(shown)
        task.failed.connect(self._failed)
        task.finished.connect(self._done)
        self._task = task
        task.start()

    def _done(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            _RUNNING.discard(task)
            task.deleteLater()
        if self._again:
            self._again = False
            self.refresh()
            return
        if self._queue:
            self._read_next()
        elif self.todo is not None:
            self.loaded.emit()

    def _want(self, row: int) -> None:
        """The view wants more of the group on `row`: read its next page when it is free."""
        if row not in self._queue:
            self._queue.append(row)
        if self._task is None:
            self._read_next()

    def _read_next(self) -> None:
        groups = self.model.shown_groups()
        while self._queue:
            row = self._queue.pop(0)
            if row < len(groups) and groups[row].more:
                break
        else:
            if self.todo is not None:
                self.loaded.emit()
            return
        shown, overview, db = groups[row], self.todo, self._db
        assert overview is not None
        after = shown.next if shown.read else None

        def work(_progress: Callable[[int, int], None]) -> TodoSlice:
            return todo_page(db, overview, shown.group, after)

        self._start(work, lambda page: self._append(row, page))

    def _append(self, row: int, page: object) -> None:
        assert isinstance(page, TodoSlice)
        if not isValid(self.model):
            return  # the page was closed while the read ran: nothing left to show it in
        self.model.append(row, page)
        self._check.start()

    def _fetch_visible(self) -> None:
        """Each open group whose last row read is on screen (or nearly) reads its next page."""
        height = self.view.viewport().height()
        for row, shown in enumerate(self.model.shown_groups()):
            if not shown.more:
                continue
            group = self.model.index(row, 0)
            if shown.items and not self.view.isExpanded(group):
                continue
            last = self.model.index(len(shown.items) - 1, 0, group) if shown.items else group
            rect = self.view.visualRect(last)
            # Within a screen below the bottom: read before the user gets there.
            if rect.isValid() and rect.top() < 2 * height:
                self._want(row)

    def _failed(self, error: object) -> None:
        self._queue.clear()
        if isinstance(error, DomainError):
            text = str(error)
        else:
            if isinstance(error, BaseException):
                log_unexpected(type(error), error, error.__traceback__)
            text = (
                "Listan kunde inte läsas in. Försök igen med Uppdatera; detaljerna finns i loggen."
            )
        self.summary.setText(text)

    def _show(self, result: object) -> None:
        assert isinstance(result, tuple)
        todo, first = result
        assert isinstance(todo, TodoOverview)
        self.todo = todo
        self.model.set_overview(todo)
        if first is not None:
            row = next(r for r, g in enumerate(self.model.shown_groups()) if g.group.count)
            self.model.append(row, first)
        self.view.expandAll()
        self.date_label.setText(f"{WEEKDAYS[todo.today.weekday()]} {format_date_prose(todo.today)}")
        self.summary.setText(self._summary(todo))
        self._enable_assign()
        has_items = todo.total > 0
        self.view.setVisible(has_items)
        self.empty_label.setVisible(not has_items)
        if not has_items:
            whose = "dig" if todo.scope == SCOPE_MINE else "enheten"
            self.empty_label.setText(
                f"Inget väntar på {whose} till och med {format_date(todo.last_day)}."
            )
        log.info("att göra read: %d items (%s)", todo.total, todo.scope)
        self.countsChanged.emit(self.counts())
        # Every other group's first page next, so each heading has its first rows beneath it.
        self._queue = [r for r, g in enumerate(self.model.shown_groups()) if g.more]

    @staticmethod
    def _summary(todo: TodoOverview) -> str:
        parts = [
            (Urgency.OVERDUE, "försenade"),
            (Urgency.TODAY, "i dag"),
            (Urgency.SOON, "denna vecka"),
            (Urgency.LATER, f"till och med {format_date(todo.last_day)}"),
        ]
        # Only the overdue count carries the mark's colour; the words say what each count is.
        shown = [
            f'<span style="color:{RED}"><b>{n}</b> {words}</span>'
            if urgency is Urgency.OVERDUE
            else f"<b>{n}</b> {words}"
            for urgency, words in parts
            if (n := todo.count(urgency))
        ]
        if todo.scope == SCOPE_MINE:
            if not todo.mine_total:
                shown.insert(0, "Inget med dig som ansvarig")
            if unassigned := todo.unassigned_count:
                shown.append(f"<b>{unassigned}</b> utan ansvarig")
        return " · ".join(shown)

    def _fold_group(self, index: QModelIndex) -> None:
        if index.isValid() and self.model.item_at(index) is None:
            first = self.model.index(index.row(), 0)
            self.view.setExpanded(first, not self.view.isExpanded(first))

    def _open_index(self, index: QModelIndex) -> None:
        item = self.model.item_at(index)
        if item is None:
            # A group row: Enter folds or unfolds it (a double click already did, by Qt).
            if index.isValid() and not self.view.underMouse():
                self._fold_group(index)
            return
        log.info("att göra opened: %s for person %d", item.typ, item.person_id)
        self.openRequested.emit(item)

    def current_item(self) -> TodoItem | None:
        return self.model.item_at(self.view.currentIndex())

    def _enable_assign(self) -> None:
        item = self.current_item()
        self.assign_button.setEnabled(item is not None and item.holder is not None)

    def assign_current(self) -> None:
        """Tilldela…: choose who is responsible for the selected item (or Ingen)."""
        item = self.current_item()
        if item is None or item.holder is None:
            return
        dialog = AssignDialog(self._db, item, self)
        dialog.exec()

    def focus_list(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            group = self.model.index(0, 0)
            if self.model.rowCount(group):
                self.view.setCurrentIndex(self.model.index(0, 0, group))


class AssignDialog(Dialog):
    """Tilldela…: one user, or Ingen, for the item's row (the meeting, the contract …)."""

    def __init__(self, db: Database, item: TodoItem, parent: QWidget | None = None) -> None:
        super().__init__("Tilldela", parent)
        assert item.holder is not None
        self._db, self._holder = db, item.holder
        current, self._version = responsible_of(db, item.holder)
        self.set_intro(
            f"{item.label}: {item.name}, {format_date(item.datum)}.\n{item.what}\n\n"
            "Den du väljer ser uppgiften under Mina uppgifter."
        )
        self.responsible = ResponsibleField(db, current)
        self.add_row("&Ansvarig:", self.responsible)

    def perform(self) -> None:
        # Dialog.save() runs this through the window's change runner: Att göra and the page of
        # the item read again from the one change signal.
        assign(self._db, self._holder, self.responsible.value(), expected_version=self._version)
