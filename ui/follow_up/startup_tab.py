"""The Uppstartsmöte tab: the meeting at move-in and its checklist, ticked by whom and when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from bobudget.db.engine import Database
from bobudget.db.uow import current_username
from bobudget.follow_up.startup_meetings import (
    ChecklistItemView,
    StartupMeetingInput,
    StartupMeetingView,
    close_startup_meeting,
    get_checklist_item,
    get_startup_meeting,
    note_checklist_item,
    open_startup_meeting,
    startup_meetings_of_contracts,
    tick_checklist_item,
    update_startup_meeting,
)
from bobudget.kernel.formatting import format_date, format_timestamp
from bobudget.model import StartupMeeting

from ..errors import message_box
from ..forms import DateField, FormDialog
from ..kit import ResponsibleField, limit_to_columns
from ..style import AMBER, GREEN, GREY, RED
from .base import FollowUpTab
from .letters import print_invitation
from .widgets import make_table, selected_row

AnyIndex = QModelIndex | QPersistentModelIndex


def history_text(item: ChecklistItemView) -> str:
    """The item's ticks and unticks, oldest first, one a line."""
    if not item.history:
        return "Ingen har bockat av punkten än."
    return "Historik:\n" + "\n".join(event.line for event in item.history)


class ChecklistModel(QAbstractTableModel):
    """The items with a tick box; a click on the box asks the tab to tick through the service."""

    HEADERS = ("Klar", "Punkt", "Avbockad av", "När", "Anteckning")
    tickRequested = Signal(int)  # the row

    def __init__(self) -> None:
        super().__init__()
        self.items: list[ChecklistItemView] = []
        self.closed = False

    def set_items(self, items: list[ChecklistItemView], closed: bool) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.closed = closed
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0 and not self.closed:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            return Qt.CheckState.Checked if item.done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column in (0, 2, 3):
            # Who ticked and unticked it, and when: the whole history, not only the last.
            return history_text(item)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(item, column)
        if role == Qt.ItemDataRole.ForegroundRole and (self.closed or item.done):
            return QColor(GREY)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 0:
            return "Klar" if item.done else "Inte klar"
        return None

    @staticmethod
    def _text(item: ChecklistItemView, column: int) -> str:
        if column == 1:
            return item.text
        if column == 2:
            return item.done_by_name
        if column == 3:
            return format_timestamp(item.done_at) if item.done_at else ""
        if column == 4:
            return item.note
        return ""

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0 and not self.closed:
            self.tickRequested.emit(index.row())
        # The tick is shown once the service has saved it and the tab has read it again.
        return False


class MeetingDialog(FormDialog):
    def __init__(self, db: Database, meeting: StartupMeetingView, parent: QWidget) -> None:
        super().__init__("Uppstartsmöte", parent)
        self._db = db
        self._meeting = meeting
        self.date = DateField("Mötesdag", required=False)
        self.time = QLineEdit()
        self.time.setAccessibleName("Klockslag")
        self.time.setPlaceholderText("09:30")
        self.time.setMaximumWidth(90)
        self.place = QLineEdit()
        self.place.setAccessibleName("Plats")
        self.participants = QPlainTextEdit()
        self.participants.setAccessibleName("Deltagare")
        self.participants.setFixedHeight(70)
        self.responsible = ResponsibleField(db, meeting.responsible)
        self.add_row("&Mötesdag:", self.date)
        self.add_row("&Klockslag:", self.time)
        self.add_row("&Plats:", self.place)
        self.add_row("&Deltagare:", self.participants)
        self.add_row("&Ansvarig:", self.responsible)
        limit_to_columns(
            {
                self.time: StartupMeeting.meeting_time,
                self.place: StartupMeeting.place,
            }
        )
        self.load(meeting)

    def perform(self) -> None:
        data = StartupMeetingInput(
            self.date.value(),
            self.time.text(),
            self.place.text(),
            self.participants.toPlainText(),
            self.responsible.value(),
        )
        update_startup_meeting(self._db, self._meeting.id, self._meeting.version, data)

    def saved_now(self) -> StartupMeetingView:
        return get_startup_meeting(self._db, self._meeting.id)

    def load(self, saved: object) -> None:
        assert isinstance(saved, StartupMeetingView)
        self._meeting = saved
        self.date.set_value(saved.meeting_date)
        self.time.setText(saved.meeting_time)
        self.place.setText(saved.place)
        self.participants.setPlainText(saved.participants)
        self.responsible.set_value(saved.responsible)

    def edited(self) -> StartupMeetingView:
        return self._meeting


class NoteDialog(FormDialog):
    def __init__(self, db: Database, item: ChecklistItemView, parent: QWidget) -> None:
        super().__init__("Anteckning till punkten", parent)
        self._db = db
        self._item = item
        self.point = QLabel()
        self.add_row("Punkt:", self.point)
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Anteckning")
        self.note.setFixedHeight(90)
        self.add_row("&Anteckning:", self.note)
        self.load(item)

    def perform(self) -> None:
        note_checklist_item(self._db, self._item.id, self._item.version, self.note.toPlainText())

    def saved_now(self) -> ChecklistItemView:
        return get_checklist_item(self._db, self._item.id)

    def load(self, saved: object) -> None:
        assert isinstance(saved, ChecklistItemView)
        self._item = saved
        self.point.setText(saved.text)
        self.note.setPlainText(saved.note)

    def edited(self) -> ChecklistItemView:
        return self._item


class StartupTab(FollowUpTab):
    def __init__(self, db: Database, today: Callable[[], dt.date], parent: QWidget | None = None):
        super().__init__(db, today, parent)
        self.setAccessibleName("Uppstartsmöte")
        self.meeting: StartupMeetingView | None = None
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Mötets status")
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAccessibleName("Mötet")
        self.plan_button = self.button("&Planera uppstartsmöte", "Planera uppstartsmöte", self.plan)
        self.edit_button = self.button("Ä&ndra mötet…", "Ändra mötet", self.edit_meeting)
        self.tick_button = self.button(
            "&Bocka av / ångra", "Bocka av eller ångra punkten", self.toggle_selected
        )
        self.note_button = self.button("An&teckning…", "Anteckning till punkten", self.edit_note)
        self.close_button = self.button("A&vsluta mötet", "Avsluta mötet", self.close_meeting)
        self.letter_button = self.button(
            "Skriv ut ka&llelse…", "Skriv ut kallelse till uppstartsmöte", self.print_letter
        )
        self.model = ChecklistModel()
        self.model.tickRequested.connect(self.toggle_row)
        self.table = make_table(self.model, "Checklista", 1, fit=(0, 2, 3))
        # Long items wrap rather than hide: the whole checklist is read at the meeting.
        self.table.setWordWrap(True)
        self.table.verticalHeader().setMinimumSectionSize(self.table.fontMetrics().height() + 10)
        self.table.horizontalHeader().resizeSection(4, 110)
        # Space ticks the selected item from anywhere in the table, as a tick box would.
        space = QShortcut(QKeySequence(Qt.Key.Key_Space), self.table)
        space.setContext(Qt.ShortcutContext.WidgetShortcut)
        space.activated.connect(self.toggle_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.details)
        layout.addLayout(self.button_row(self.plan_button, self.edit_button, self.letter_button))
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setObjectName("muted")
        self.history.setAccessibleName("Punktens historik")
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_history())
        layout.addWidget(self.table, 1)
        layout.addWidget(self.history)
        layout.addLayout(self.button_row(self.tick_button, self.note_button, self.close_button))

    def reload(self) -> None:
        meeting = None
        if self.lease is not None:
            meeting = startup_meetings_of_contracts(self.db, [self.lease.id]).get(self.lease.id)
        self.meeting = meeting
        self.model.set_items(meeting.items if meeting else [], meeting.closed if meeting else True)
        self.table.resizeRowsToContents()
        has = meeting is not None
        for widget in (
            self.details,
            self.table,
            self.edit_button,
            self.tick_button,
            self.note_button,
            self.close_button,
            self.letter_button,
            self.history,
        ):
            widget.setVisible(has)
        self._show_history()
        self.plan_button.setVisible(not has and self.lease is not None)
        if self.lease is None:
            self._status("Personen har inget hyreskontrakt att hålla uppstartsmöte för.", GREY)
            return
        if meeting is None:
            self._status(
                f"Inget uppstartsmöte har planerats för kontraktet (började "
                f"{format_date(self.lease.start_date)}).",
                RED if self.lease.start_date <= self.today() else AMBER,
            )
            return
        self._show(meeting)

    def _show(self, meeting: StartupMeetingView) -> None:
        when = format_date(meeting.meeting_date) or "inte bokat"
        time = f" kl. {meeting.meeting_time}" if meeting.meeting_time else ""
        lines = [
            f"Mötesdag: {when}{time}" + (f", {meeting.place}" if meeting.place else ""),
            f"Deltagare: {meeting.participants or '–'}",
            f"Ansvarig: {self.staff_name(meeting.responsible)}",
        ]
        self.details.setText("\n".join(lines))
        done = sum(1 for i in meeting.items if i.done)
        if meeting.closed:
            self._status("Avslutat: checklistan är klar.", GREY)
        elif meeting.complete:
            self._status(
                f"Alla {done} punkter är avbockade: avsluta mötet när det är hållet.", GREEN
            )
        else:
            late = (meeting.meeting_date or meeting.due_date) < self.today()
            self._status(
                f"Öppet: {done} av {len(meeting.items)} punkter avbockade. "
                f"Kvar: {', '.join(meeting.missing)}.",
                RED if late else AMBER,
            )
        for widget in (self.edit_button, self.tick_button, self.note_button, self.close_button):
            widget.setEnabled(not meeting.closed)

    def _status(self, text: str, colour: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {colour}; font-weight: bold;")

    # --- actions -----------------------------------------------------------------------------

    def plan(self) -> None:
        if self.lease is not None:
            lease_id = self.lease.id
            self.run(lambda: open_startup_meeting(self.db, lease_id))

    def edit_meeting(self) -> None:
        if self.meeting is not None:
            self.run_dialog(MeetingDialog(self.db, self.meeting, self))

    def toggle_selected(self) -> None:
        row = selected_row(self.table)
        if row is not None:
            self.toggle_row(row)

    def _show_history(self) -> None:
        row = selected_row(self.table)
        if row is None or row >= len(self.model.items):
            self.history.setText("Markera en punkt för att se vem som bockat av den och när.")
            return
        item = self.model.items[row]
        lines = "; ".join(e.line for e in item.history) or "ingen har bockat av den än"
        self.history.setText(f"Historik för {item.text}: {lines}.")

    def _confirm_untick(self, question: str) -> bool:
        """Asked before a colleague's tick is taken away; keeping it is the default."""
        box = message_box(
            self,
            QMessageBox.Icon.Question,
            question,
            informative="Borttagningen sparas i punktens historik, med ditt namn och tiden.",
            title="Ta bort en kollegas bock",
        )
        remove = box.addButton("Ta bort bocken", QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton("Avbryt", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is remove

    def toggle_row(self, row: int) -> None:
        if self.meeting is None or row >= len(self.model.items):
            return
        item = self.model.items[row]
        # A colleague's tick is a claim about their work: asked before it is taken away.
        question = item.untick_question(current_username(self.db)) if item.done else None
        if question is not None and not self._confirm_untick(question):
            return
        self.run(
            lambda: tick_checklist_item(
                self.db, item.id, item.version, not item.done, confirmed=question is not None
            )
        )
        self.table.selectRow(row)

    def edit_note(self) -> None:
        row = selected_row(self.table)
        if self.meeting is not None and row is not None:
            self.run_dialog(NoteDialog(self.db, self.model.items[row], self))

    def close_meeting(self) -> None:
        meeting = self.meeting
        if meeting is None:
            return
        booked: list[int | None] = []
        if (
            self.run(
                lambda: booked.append(
                    close_startup_meeting(self.db, meeting.id, meeting.version, today=self.today())
                )
            )
            and booked
            and booked[0] is not None
        ):
            self.inform("Uppstartsmötet är avslutat. Första uppföljningsmötet är bokat.")

    def print_letter(self) -> None:
        if self.meeting is not None and self.person is not None:
            print_invitation(
                self,
                self.db,
                "startup_meeting",
                self.person.person_id,
                self.meeting.contract_id,
                self.meeting.id,
            )
