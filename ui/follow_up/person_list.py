"""Uppföljning's list of persons: the search, the filter, the count and the list, read in the
background a page at a time (its head first when everyone is asked for)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from bobudget.db.engine import Database
from bobudget.follow_up.overview import (
    FILTER_ALL,
    FILTER_ATTENTION,
    FILTER_EVICTION,
    OverviewRow,
    follow_up_page,
)
from bobudget.follow_up.overview_order import follow_up_head, follow_up_order
from bobudget.kernel.errors import DomainError, ValidationError
from bobudget.kernel.formatting import format_date
from bobudget.kernel.urgency import Urgency

from ..workers import BackgroundTask
from .widgets import Column, RowsModel, make_table, selected_row

log = logging.getLogger(__name__)

FILTERS = (
    (FILTER_ALL, "Alla"),
    (FILTER_ATTENTION, "Behöver åtgärd"),
    (FILTER_EVICTION, "Underrättelse om avhysning"),
)
DEBOUNCE_MS = 200
LIST_PAGE = 200  # rows handed to the view at a time as the list is scrolled
LOADING_TEXT = "Läser listan …"
COUNTING_TEXT = "Räknar personerna …"
READ_FAILED_TEXT = "Listan gick inte att läsa. Tryck F5 för att försöka igen."
# Background reads still running, kept here until they finish: a QThread deleted while it runs
# (its page closed meanwhile) would take the program down with it.
_running: set[BackgroundTask] = set()


def next_meeting_text(row: OverviewRow) -> str:
    """The date of the next meeting, and in words when it is late or today: the colour is
    never the only sign (WCAG 1.4.1)."""
    shown = format_date(row.next_follow_up) or "–"
    if row.next_urgency is Urgency.OVERDUE:
        return f"{shown} · försenat"
    if row.next_urgency is Urgency.TODAY:
        return f"{shown} · i dag"
    return shown


def _count_text(n: int) -> str:
    return "1 person" if n == 1 else f"{n} personer"


def _read_first_page(
    db: Database, today: dt.date, text: str, only: str
) -> tuple[list[int], list[OverviewRow]]:
    """Who is on the list, in its order (ids only: its count), and the rows of the first page."""
    order = follow_up_order(db, today, text, only)
    return order, follow_up_page(db, today, order[:LIST_PAGE])


def _read_head(
    db: Database, today: dt.date, text: str, only: str
) -> tuple[list[int], list[OverviewRow], bool]:
    """The list's head and its first page's rows when the whole list is asked for (ordering
    everyone takes a third of a second at 100 000 households); else, or when no head is cut,
    the whole order. The flag says whether the order is the whole list."""
    if not text and only == FILTER_ALL:
        head = follow_up_head(db, today, LIST_PAGE)
        if head is not None:
            return head, follow_up_page(db, today, head[:LIST_PAGE]), False
    return (*_read_first_page(db, today, text, only), True)


@dataclass(frozen=True)
class _ListRead:
    """What one background read found: the list's order (its head, or the whole list) and the
    rows of its first page (None: the whole list after its head, ids only)."""

    generation: int
    order: list[int]
    first_rows: list[OverviewRow] | None
    whole: bool


class _ReadFailed(Exception):
    """A background read that failed, with the read it was."""

    def __init__(self, generation: int, error: Exception) -> None:
        super().__init__(str(error))
        self.generation = generation
        self.error = error


class PersonList(QWidget):
    """The persons followed up, searched and filtered; `chosen` says whom the user selected.

    Nothing is read until asked (`load_in_background` when the page is first shown, then
    `reload_list` after a change): the order and the first page in a worker thread, the rest
    a page at a time as the list is scrolled. `current` is the person the page shows: kept
    selected as the list is read again.
    """

    chosen = Signal(int)

    def __init__(
        self, db: Database, today: Callable[[], dt.date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today
        self.current: int | None = None

        self.filter_field = QLineEdit()
        self.filter_field.setPlaceholderText("Sök på namn eller personnummer")
        self.filter_field.setClearButtonEnabled(True)
        self.filter_field.setAccessibleName("Sök person i uppföljningen")
        self.only = QComboBox()
        self.only.setAccessibleName("Visa")
        for key, label in FILTERS:
            self.only.addItem(label, key)
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")
        self.list_model: RowsModel[OverviewRow] = RowsModel(
            [
                # The personnummer is in the search and beside the name on the right: the
                # list keeps its room for what needs attention.
                Column("Namn", lambda r: r.name),
                Column("Nästa möte", next_meeting_text),
                Column("Att uppmärksamma", lambda r: ", ".join(r.flags)),
            ],
            state=lambda r: r.next_urgency,
            emphasis=lambda r: r.eviction_open,
            state_columns=(1,),
            page_size=LIST_PAGE,
        )
        self.list = make_table(self.list_model, "Personer i uppföljning", 2, fit=(1,))
        self.list.horizontalHeader().resizeSection(0, 170)
        self.list.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.reload_list)
        self.filter_field.textChanged.connect(self._timer.start)
        self.only.currentIndexChanged.connect(lambda _i: self.reload_list())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.filter_field, 1)
        top.addWidget(self.only)
        layout.addLayout(top)
        layout.addWidget(self.count_label)
        layout.addWidget(self.list, 1)

        self.loading = False
        self.loaded = False
        self._generation = 0
        self._order: list[int] = []  # the persons on the list, in its order
        self._head_shown: int | None = None  # the read whose head is shown, its whole not yet
        self._whole_list: Callable[[object], _ListRead] | None = None

    def reload_list(self) -> None:
        self._timer.stop()
        self._generation += 1  # a read still running in the background is not shown
        self.loading = False
        try:
            order, first_rows = _read_first_page(
                self._db, self._today(), self.filter_field.text(), str(self.only.currentData())
            )
        except ValidationError as error:
            # A search refused (a control character, too long): say why where the count is.
            self.list_model.set_rows([])
            self.count_label.setText(str(error))
            return
        self._show_rows(order, first_rows)

    def load_in_background(self) -> None:
        """Read the list's order and its first page in a worker thread; shown when read
        (`loading` meanwhile)."""
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        db, today = self._db, self._today()
        text, only = self.filter_field.text(), str(self.only.currentData())

        def head(_progress: object) -> _ListRead:
            order, first_rows, whole = _read_head(db, today, text, only)
            return _ListRead(generation, order, first_rows, whole)

        def whole_list(_progress: object) -> _ListRead:
            # Ids only: the head's first page is shown already (and logged as shown once).
            return _ListRead(generation, follow_up_order(db, today, text, only), None, True)

        self._whole_list = whole_list
        self._start(generation, head)
        self.loading = True
        self.count_label.setText(LOADING_TEXT)

    def _start(self, generation: int, work: Callable[[object], _ListRead]) -> None:
        def reading(progress: object) -> _ListRead:
            try:
                return work(progress)
            except Exception as error:
                raise _ReadFailed(generation, error) from error

        task = BackgroundTask(reading, announce=False)
        task.succeeded.connect(self._read_in_background)
        task.failed.connect(self._failed_in_background)
        task.finished.connect(lambda: _running.discard(task))
        _running.add(task)
        task.start()

    @Slot(object)
    def _read_in_background(self, result: object) -> None:
        assert isinstance(result, _ListRead)
        if result.generation != self._generation:
            return  # read again since: that read is shown instead
        if not result.whole:
            # The head shown at once; the whole list ordered and counted meanwhile, with the
            # same search, filter and day as the head.
            assert result.first_rows is not None
            self._show_rows(result.order, result.first_rows)
            self._head_shown = result.generation
            self.count_label.setText(COUNTING_TEXT)
            assert self._whole_list is not None
            self._start(result.generation, self._whole_list)
            return
        self.loading = False
        # The rows shown stay only when they are this read's head and still the list's.
        head_shown, self._head_shown = self._head_shown == result.generation, None
        order = result.order
        if head_shown and order[: len(self._order)] == self._order:
            self._grow_to(order)
            return
        first_rows = result.first_rows
        if first_rows is None:
            # The list changed between the head and the whole (rare): its top read again.
            first_rows = follow_up_page(self._db, self._today(), order[:LIST_PAGE])
        self._show_rows(order, first_rows)

    @Slot(object)
    def _failed_in_background(self, failure: object) -> None:
        assert isinstance(failure, _ReadFailed)
        if failure.generation != self._generation:
            return  # read again since: an overtaken read's failure says nothing
        self._head_shown = None
        self.loading = False
        self._order = []
        self.list_model.set_rows([])
        error = failure.error
        if isinstance(error, DomainError):
            self.count_label.setText(str(error))
            return
        log.error("the follow-up list could not be read: %r", error)
        self.count_label.setText(READ_FAILED_TEXT)

    def _show_rows(self, order: list[int], first_rows: list[OverviewRow]) -> None:
        """The first page as read; the rest a page at a time as the list is scrolled, each
        page's rows read for its persons only."""
        self.loaded = True
        self._order = order
        db, today = self._db, self._today()
        # Where the next page starts in `order`: a person who left the list since it was
        # ordered is left out of a page, so rows shown and ids read may differ by a few.
        read = [0]

        def load_page(offset: int, limit: int) -> list[OverviewRow]:
            if offset == 0:
                read[0] = min(LIST_PAGE, len(order))
                if limit == LIST_PAGE:
                    return first_rows
                read[0] = 0
            rows: list[OverviewRow] = []
            while not rows and read[0] < len(order):
                ids = order[read[0] : read[0] + limit]
                rows = follow_up_page(db, today, ids, offset)
                read[0] += len(ids)
            return rows

        self.list_model.reload(load_page, len(order))
        self.count_label.setText(_count_text(len(order)))
        if self.current is not None:
            self.select_person(self.current)

    def _grow_to(self, order: list[int]) -> None:
        """The whole list, whose head is shown: the rows shown stay (and the selection), the
        rest is read as the list is scrolled."""
        self._order.extend(order[len(self._order) :])  # the list the pages are read from
        self.list_model.extend_total(len(self._order))
        # The view asks for more rows only as it is scrolled: at the head's end already (or
        # not full), it would wait for a scroll that cannot come.
        bar = self.list.verticalScrollBar()
        if bar.value() >= bar.maximum():
            self.list_model.fetchMore()
        self.count_label.setText(_count_text(len(self._order)))
        if self.current is not None and selected_row(self.list) is None:
            self.select_person(self.current)

    def select_person(self, person_id: int) -> None:
        """The person the page shows, selected in the list where it is on it (read on to it)."""
        self.current = person_id
        if person_id not in self._order:
            return  # not on the list as filtered: nothing to page through
        while True:
            n = self.list_model.find(lambda row: row.person_id == person_id)
            if n is not None:
                self.list.blockSignals(True)
                self.list.selectRow(n)
                self.list.blockSignals(False)
                return
            if not self.list_model.canFetchMore():
                return
            self.list_model.fetchMore()

    def _selected(self) -> None:
        row = selected_row(self.list)
        if row is not None:
            person_id = self.list_model.row_at(row).person_id
            if person_id != self.current:
                # The page shows the person and then calls select_person, which makes them
                # `current`: a person who could not be shown leaves the one shown current.
                self.chosen.emit(person_id)
