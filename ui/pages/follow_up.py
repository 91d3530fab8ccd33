"""The Uppföljning page: who is being followed up on the left; the selected person's start-up
meeting, follow-ups, boendestöd, rent debts, notices and flerpartssamtal in tabs beside it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
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
    PersonFollowUp,
    person_follow_up,
)
from bobudget.kernel.errors import NotFoundError
from bobudget.kernel.formatting import format_date

from ..changes import ChangeListener
from ..follow_up.base import FollowUpTab
from ..follow_up.calendar_export import EXPORT_TEXT, WeekExportDialog, export_person_meetings
from ..follow_up.meetings_tab import MeetingsTab
from ..follow_up.multiparty_tab import MultipartyTab
from ..follow_up.notices_tab import NoticesTab
from ..follow_up.person_list import PersonList
from ..follow_up.startup_tab import StartupTab
from ..follow_up.support_tab import SupportTab
from ..follow_up.trouble_tab import TroubleTab
from ..follow_up.widgets import selected_row
from ..style import RED

# Which tab handles each kind on Att göra.
TAB_OF_TYPE = {
    DUE_STARTUP_MEETING: 0,
    DUE_FOLLOW_UP: 1,
    DUE_HOUSING_SUPPORT_REVIEW: 2,
    DUE_EVICTION_NOTICE: 4,
    DUE_MULTIPARTY_MEETING: 5,
}


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

        self.people = PersonList(db, today)
        self.people.chosen.connect(lambda person_id: self.show_person(person_id))
        # The list's parts, by the names the window's tests and shortcuts know them.
        self.filter_field = self.people.filter_field
        self.only = self.people.only
        self.count_label = self.people.count_label
        self.list = self.people.list
        self.list_model = self.people.list_model

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addWidget(self.people, 1)
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

        # Nothing is read until the page is first shown; then in the background (PersonList).
        self.changes = ChangeListener(self, self.concerns, self._reload_for_change)
        self.changes.stale = True
        self._clear_person()

    # --- the list ------------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        """The list is being read in the background."""
        return self.people.loading

    def reload_list(self) -> None:
        self.people.reload_list()

    def load_in_background(self) -> None:
        self.people.load_in_background()

    # --- the person ----------------------------------------------------------------------------

    def _clear_person(self) -> None:
        self.person = None
        self.people.current = None
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
        self.people.select_person(person_id)
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
        if not self.people.loaded:
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
