"""Exportera till kalender…: booked meetings, chosen one by one, or a user's week, as .ics.

The file says which meeting, the case (BU-123), the place and the time, never who: the dialog
says so, so nobody types a name into a place to make up for it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bobudget.app.calendar_export import (
    BookedMeeting,
    MeetingFilter,
    booked_meetings,
    calendar_users,
    week_of,
    write_calendar,
)
from bobudget.db.engine import Database
from bobudget.kernel.errors import DomainError
from bobudget.kernel.formatting import format_date

from ..errors import message_box, show_domain_error
from ..kit.date_field import DateField

log = logging.getLogger(__name__)

EXPORT_TEXT = "Exportera till kalender…"
PRIVACY_TEXT = (
    "Kalenderfilen innehåller mötets slag, ärendereferensen (BU-nummer, sökbar i bobudget), "
    "plats och tid – aldrig namn, personnummer eller adress. Samma möte uppdateras i Outlook "
    "när det exporteras igen."
)
NONE_TEXT = "Inga bokade möten att exportera."

ChoosePath = Callable[[QWidget, str], str]


def ask_ics_path(parent: QWidget, stem: str) -> str:
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, "Spara kalenderfil", str(Path.home() / f"{stem}.ics"), "Kalenderfil (*.ics)"
    )
    if chosen and not chosen.lower().endswith(".ics"):
        chosen += ".ics"
    return chosen


def meeting_line(m: BookedMeeting) -> str:
    when = format_date(m.day) + (f" {m.time}" if m.time else " (heldag)")
    return f"{when}  {m.title}" + (f" – {m.place}" if m.place else "")


class _SaveDialog(QDialog):
    """What both dialogs share: the privacy note, Spara kalenderfil…, Avbryt."""

    def __init__(self, title: str, stem: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.stem = stem
        self.choose_path: ChoosePath = ask_ics_path  # tests choose without a file dialog
        self.written: Path | None = None
        note = QLabel(PRIVACY_TEXT)
        note.setWordWrap(True)
        note.setObjectName("muted")
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(note)
        self.buttons = QDialogButtonBox()
        save = self.buttons.addButton("&Spara kalenderfil…", QDialogButtonBox.ButtonRole.AcceptRole)
        assert isinstance(save, QPushButton)
        self.save_button = save
        save.setAccessibleName("Spara kalenderfil")
        cancel = self.buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAccessibleName("Avbryt")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.buttons)

    def chosen_meetings(self) -> list[BookedMeeting]:
        raise NotImplementedError

    def calendar_name(self) -> str:
        return "bobudget möten"

    def save(self) -> None:
        try:
            meetings = self.chosen_meetings()
        except DomainError as error:
            show_domain_error(self, error)
            return
        if not meetings:
            show_domain_error(self, DomainError("Välj minst ett möte att exportera."))
            return
        chosen = self.choose_path(self, self.stem)
        if not chosen:
            return
        path = Path(chosen)
        try:
            count = write_calendar(meetings, path, name=self.calendar_name())
        except DomainError as error:
            show_domain_error(self, error)
            return
        log.info("calendar exported: %d meetings", count)
        self.written = path
        box = message_box(
            self,
            QMessageBox.Icon.Information,
            f"{count} {'möte' if count == 1 else 'möten'} sparades i {path}.",
            informative="Öppna filen i Outlook (eller dra den till kalendern) för att lägga in "
            "mötena. En ny export av samma möten uppdaterar dem.",
        )
        box.exec()
        self.accept()


class MeetingsExportDialog(_SaveDialog):
    """A person's booked meetings, each with a tick: the ticked ones go to the file."""

    def __init__(
        self,
        meetings: Sequence[BookedMeeting],
        *,
        stem: str,
        preselect: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Exportera till kalender", stem, parent)
        self.meetings = list(meetings)
        self.list = QListWidget()
        self.list.setAccessibleName("Bokade möten")
        # The meeting selected in its list is ticked alone; otherwise (or when it is not
        # among those booked from today on) every meeting is.
        if preselect not in {m.key for m in self.meetings}:
            preselect = None
        for m in self.meetings:
            item = QListWidgetItem(meeting_line(m))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = preselect is None or m.key == preselect
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.empty = QLabel(NONE_TEXT)
        self.empty.setVisible(not self.meetings)
        self.list.setVisible(bool(self.meetings))
        self.save_button.setEnabled(bool(self.meetings))
        self.layout_.addWidget(self.empty)
        self.layout_.addWidget(self.list, 1)
        self.finish_layout()
        self.resize(620, 360)
        self.list.setFocus()

    def chosen_meetings(self) -> list[BookedMeeting]:
        return [
            m
            for n, m in enumerate(self.meetings)
            if (item := self.list.item(n)) is not None
            and item.checkState() == Qt.CheckState.Checked
        ]

    def set_ticked(self, keys: set[str]) -> None:
        for n, m in enumerate(self.meetings):
            item = self.list.item(n)
            if item is not None:
                ticked = m.key in keys
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)


class WeekExportDialog(_SaveDialog):
    """One week's booked meetings, a user's or everyone's: a feed for Outlook."""

    def __init__(
        self, db: Database, today: Callable[[], dt.date], parent: QWidget | None = None
    ) -> None:
        super().__init__("Veckans möten till kalender", "bobudget-vecka", parent)
        self._db = db
        form = QFormLayout()
        self.user = QComboBox()
        self.user.setAccessibleName("Användare")
        self.user.addItem("Alla (även förlängningar)", None)
        for username, full_name in calendar_users(db):
            self.user.addItem(f"{full_name} ({username})", username)
        self.day = DateField("En dag i veckan", today(), today=today)
        self.summary = QLabel()
        self.summary.setAccessibleName("Möten i veckan")
        self.summary.setWordWrap(True)
        user_label = QLabel("&Användare:")
        user_label.setBuddy(self.user)
        day_label = QLabel("&Vecka med dagen:")
        day_label.setBuddy(self.day)
        form.addRow(user_label, self.user)
        form.addRow(day_label, self.day)
        form.addRow("", self.summary)
        self.layout_.addLayout(form)
        self.finish_layout()
        self.user.currentIndexChanged.connect(lambda _i: self._count())
        self.day.textChanged.connect(lambda _t: self._count())
        self._count()
        self.user.setFocus()

    def _filter(self) -> MeetingFilter:
        first, last = week_of(self.day.required_value())
        user = self.user.currentData()
        return MeetingFilter(first=first, last=last, user=user if user else None)

    def _count(self) -> None:
        try:
            f = self._filter()
            count = len(booked_meetings(self._db, f))
        except DomainError as error:
            self.summary.setText(str(error))
            return
        assert f.first is not None and f.last is not None
        week = f.first.isocalendar().week
        self.stem = f"bobudget-vecka-{week}" + (f"-{f.user}" if f.user else "")
        self.summary.setText(
            f"Vecka {week} ({format_date(f.first)}–{format_date(f.last)}): "
            f"{count} {'bokat möte' if count == 1 else 'bokade möten'}."
        )

    def chosen_meetings(self) -> list[BookedMeeting]:
        return booked_meetings(self._db, self._filter())

    def calendar_name(self) -> str:
        f = self._filter()
        assert f.first is not None
        return f"bobudget vecka {f.first.isocalendar().week}" + (f" – {f.user}" if f.user else "")


def export_person_meetings(
    db: Database,
    person_id: int,
    today: dt.date,
    parent: QWidget,
    *,
    preselect: str | None = None,
) -> MeetingsExportDialog | None:
    """Open the dialog with the person's meetings from today on (a refusal is shown)."""
    try:
        meetings = booked_meetings(db, MeetingFilter(first=today, person_id=person_id))
    except DomainError as error:
        show_domain_error(parent, error)
        return None
    stem = f"bobudget-BU-{person_id}"
    dialog = MeetingsExportDialog(meetings, stem=stem, preselect=preselect, parent=parent)
    dialog.exec()
    return dialog
