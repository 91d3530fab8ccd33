"""The Uppföljning page: who is being followed up on the left; the selected person's start-up
meeting, follow-ups, boendestöd, rent debts, notices and flerpartssamtal in tabs beside it."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, Qt, QTimer, Slot
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bobudget.app.calendar_export import MeetingKind
from bobudget.app.todo import TodoItem
from bobudget.db.changes import ChangeKind, ChangeSet
from bobudget.db.engine import Database
from bobudget.follow_up.due import (
    DUE_EVICTION_NOTICE,
    DUE_FOLLOW_UP,
    DUE_HOUSING_SUPPORT_REVIEW,
    DUE_MULTIPARTY_MEETING,
    DUE_STARTUP_MEETING,
)
from bobudget.follow_up.overview import (
    FILTER_ALL,
    FILTER_ATTENTION,
    FILTER_EVICTION,
    OverviewRow,
    PersonFollowUp,
    follow_up_page,
    person_follow_up,
)
from bobudget.follow_up.overview_order import follow_up_head, follow_up_order
from bobudget.kernel.errors import DomainError, NotFoundError, ValidationError
from bobudget.kernel.formatting import format_date
from bobudget.kernel.urgency import Urgency

from ..changes import ChangeListener
from ..follow_up.base import FollowUpTab
from ..follow_up.calendar_export import EXPORT_TEXT, WeekExportDialog, export_person_meetings
from ..follow_up.meetings_tab import MeetingsTab
from ..follow_up.multiparty_tab import MultipartyTab
from ..follow_up.notices_tab import NoticesTab
from ..follow_up.startup_tab import StartupTab
from ..follow_up.support_tab import SupportTab
from ..follow_up.trouble_tab import TroubleTab
from ..follow_up.widgets import Column, RowsModel, make_table, selected_row
from ..style import RED
from ..workers import BackgroundTask

log = logging.getLogger(__name__)

FILTERS = (
    (FILTER_ALL, "Alla"),
    (FILTER_ATTENTION, "Behöver åtgärd"),
    (FILTER_EVICTION, "Underrättelse om avhysning"),
)
# Which tab handles each kind on Att göra.
TAB_OF_TYPE = {
    DUE_STARTUP_MEETING: 0,
    DUE_FOLLOW_UP: 1,
    DUE_HOUSING_SUPPORT_REVIEW: 2,
    DUE_EVICTION_NOTICE: 4,
    DUE_MULTIPARTY_MEETING: 5,
}
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


class FollowUpPage(QWidget):
    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today
        self.person: PersonFollowUp | None = None
        self.setAccessibleName("Uppföljning")

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
        self.list.selectionModel().selectionChanged.connect(lambda *_: self._selected_person())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.reload_list)
        self.filter_field.textChanged.connect(self._timer.start)
        self.only.currentIndexChanged.connect(lambda _i: self.reload_list())

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        top = QHBoxLayout()
        top.addWidget(self.filter_field, 1)
        top.addWidget(self.only)
        left_layout.addLayout(top)
        left_layout.addWidget(self.count_label)
        left_layout.addWidget(self.list, 1)
        self.week_button = QPushButton("Veckans möten till &kalender…")
        self.week_button.setAccessibleName("Exportera en veckas möten till kalender")
        self.week_button.clicked.connect(self.export_week)
        left_layout.addWidget(self.week_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.name_label = QLabel("Välj en person i listan.")
        self.name_label.setObjectName("cardName")
        self.banner = QLabel()
        self.banner.setObjectName("protectedBadge")
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName("Underrättelse om avhysning")
        self.lease_combo = QComboBox()
        self.lease_combo.setAccessibleName("Kontrakt")
        self.lease_combo.currentIndexChanged.connect(lambda _i: self._show_tabs())
        lease_label = QLabel("&Kontrakt:")
        lease_label.setBuddy(self.lease_combo)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Uppföljningens delar")
        # Six tabs side by side: a little less padding keeps them all in view at 1 400 pixels.
        self.tabs.setStyleSheet("QTabBar::tab { padding: 5px 7px; }")
        self.tab_pages: list[FollowUpTab] = [
            StartupTab(db, today),
            MeetingsTab(db, today),
            SupportTab(db, today),
            TroubleTab(db, today),
            NoticesTab(db, today),
            MultipartyTab(db, today),
        ]
        for tab, title in zip(
            self.tab_pages,
            (
                "Uppstartsmöte",
                "Uppföljningar",
                "Boendestöd",
                "Skulder, störningar",
                "Underrättelser",
                "Flerpartssamtal",
            ),
            strict=True,
        ):
            self.tabs.addTab(tab, title)
            tab.saved.connect(self._saved)
        self._titles = [self.tabs.tabText(i) for i in range(self.tabs.count())]

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(12, 8, 12, 8)
        right_layout.addWidget(self.name_label)
        right_layout.addWidget(self.banner)
        lease_row = QHBoxLayout()
        lease_row.addWidget(lease_label)
        lease_row.addWidget(self.lease_combo, 1)
        self.calendar_button = QPushButton(EXPORT_TEXT)
        self.calendar_button.setAccessibleName("Exportera personens möten till kalender")
        self.calendar_button.clicked.connect(self.export_person)
        lease_row.addWidget(self.calendar_button)
        right_layout.addLayout(lease_row)
        right_layout.addWidget(self.tabs, 1)
        self.right = right
        # Small enough that the window fits a small screen; the panes then scroll or clip
        # rather than forcing the window wider.
        left.setMinimumWidth(220)
        right.setMinimumWidth(260)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("followUpSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([440, 760])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        # Nothing is read until the page is first shown; then the list's order and its first
        # page are read in the background (a few hundred ms at 100 000 households) and the
        # window stays usable; further pages are read as the list is scrolled.
        self.loading = False
        self._loaded = False
        self._generation = 0
        self._order: list[int] = []  # the persons on the list, in its order
        self._head_shown: int | None = None  # the read whose head is shown, its whole not yet
        self._whole_list: Callable[[object], _ListRead] | None = None
        self.changes = ChangeListener(self, self.concerns, self._reload_for_change)
        self.changes.stale = True
        self._clear_person()

    # --- the list ------------------------------------------------------------------------------

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
        self._loaded = True
        self._order = order
        keep = self.person.person_id if self.person else None
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
        self.count_label.setText("1 person" if len(order) == 1 else f"{len(order)} personer")
        if keep is not None:
            self._select_in_list(keep)

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
        self.count_label.setText(
            "1 person" if len(self._order) == 1 else f"{len(self._order)} personer"
        )
        if self.person is not None and selected_row(self.list) is None:
            self._select_in_list(self.person.person_id)

    def _select_in_list(self, person_id: int) -> None:
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

    def _selected_person(self) -> None:
        row = selected_row(self.list)
        if row is not None:
            person_id = self.list_model.row_at(row).person_id
            if self.person is None or self.person.person_id != person_id:
                self.show_person(person_id)

    # --- the person ----------------------------------------------------------------------------

    def _clear_person(self) -> None:
        self.person = None
        self.name_label.setText("Välj en person i listan.")
        self.banner.hide()
        self.lease_combo.clear()
        self.tabs.setEnabled(False)
        self.calendar_button.setEnabled(False)

    def show_person(self, person_id: int, lease_id: int | None = None) -> None:
        try:
            person = person_follow_up(self._db, person_id)
        except NotFoundError as error:
            self._clear_person()
            self.name_label.setText(str(error))
            return
        keep_lease = lease_id if lease_id is not None else self._current_lease_id(person_id)
        self.person = person
        self.tabs.setEnabled(True)
        self.calendar_button.setEnabled(True)
        self.name_label.setText(f"{person.name}  {person.identity}")
        open_notices = person.open_notices
        if open_notices:
            first = min(n.received_date for n in open_notices)
            self.banner.setText(
                f"Underrättelse om risk för avhysning sedan {format_date(first)} – "
                "förebyggande arbete pågår tills den avslutas."
            )
        self.banner.setVisible(bool(open_notices))
        self.lease_combo.blockSignals(True)
        self.lease_combo.clear()
        for lease in person.leases:
            ended = "" if lease.running(self._today()) else " (avslutat)"
            self.lease_combo.addItem(lease.label + ended, lease.id)
        if not person.leases:
            self.lease_combo.addItem("Inget hyreskontrakt", None)
        index = self.lease_combo.findData(keep_lease) if keep_lease is not None else -1
        self.lease_combo.setCurrentIndex(max(index, 0))
        self.lease_combo.blockSignals(False)
        self._select_in_list(person_id)
        self._show_tabs()

    def _current_lease_id(self, person_id: int) -> int | None:
        if self.person is None or self.person.person_id != person_id:
            return None
        value = self.lease_combo.currentData()
        return int(value) if value is not None else None

    def _show_tabs(self) -> None:
        person = self.person
        if person is None:
            return
        lease_id = self.lease_combo.currentData()
        lease = next((x for x in person.leases if x.id == lease_id), None)
        for tab in self.tab_pages:
            tab.show_person(person, lease)
        open_notices = len(person.open_notices)
        titles = list(self._titles)
        if open_notices:
            titles[4] = f"{titles[4]} ({open_notices})"
        for i, title in enumerate(titles):
            self.tabs.setTabText(i, title)
        bar = self.tabs.tabBar()
        bar.setTabTextColor(
            4, QColor(RED) if open_notices else bar.palette().color(QPalette.ColorRole.WindowText)
        )

    # --- the calendar ------------------------------------------------------------------------

    def export_person(self) -> None:
        """The person's booked meetings from today on, ticked to choose, to an .ics file; the
        meeting selected in the tab shown is ticked alone."""
        if self.person is not None:
            export_person_meetings(
                self._db,
                self.person.person_id,
                self._today(),
                self,
                preselect=self._selected_meeting_key(),
            )

    def _selected_meeting_key(self) -> str | None:
        tab = self.tabs.currentWidget()
        if isinstance(tab, StartupTab) and tab.meeting is not None:
            return f"{MeetingKind.STARTUP}-{tab.meeting.id}"
        if isinstance(tab, MeetingsTab | MultipartyTab):
            row = selected_row(tab.table)
            if row is not None:
                follow_up = isinstance(tab, MeetingsTab)
                kind = MeetingKind.FOLLOW_UP if follow_up else MeetingKind.MULTIPARTY
                return f"{kind}-{tab.model.row_at(row).id}"
        return None

    def export_week(self) -> WeekExportDialog:
        dialog = WeekExportDialog(self._db, self._today, self)
        dialog.exec()
        return dialog

    # --- changes -------------------------------------------------------------------------------

    def _saved(self, _what: str) -> None:
        """A tab found what it shows changed by someone else: read everything again."""
        self.reload()

    @staticmethod
    def concerns(changes: ChangeSet) -> bool:
        # The list shows names, leases and every follow-up matter.
        return changes.touches(ChangeKind.FOLLOW_UP, ChangeKind.PLACEMENT, ChangeKind.PERSONS)

    def _reload_for_change(self) -> None:
        if not self._loaded:
            # First shown (or changed before the first read came back): the list is read in
            # the background; a person already shown is read again at once.
            self.load_in_background()
            if self.person is not None:
                self.show_person(self.person.person_id)
            return
        self.reload()

    def reload(self) -> None:
        """F5, and after any change: the list and the person shown."""
        self.reload_list()
        if self.person is not None:
            self.show_person(self.person.person_id)

    refresh = reload

    def open_todo_item(self, item: TodoItem) -> None:
        """Show where an Att göra item is handled: its person, lease, tab and row."""
        self.show_person(item.person_id, item.contract_id)
        tab = TAB_OF_TYPE.get(item.typ, 0)
        self.tabs.setCurrentIndex(tab)
        self.tab_pages[tab].select_target(item.target_id)
        self.tab_pages[tab].setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_search(self) -> None:
        self.filter_field.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def save_state(self) -> QByteArray:
        return self.splitter.saveState()

    def restore_state(self, state: QByteArray | None) -> None:
        if state:
            self.splitter.restoreState(state)
