"""The Flerpartssamtal tab: book the meeting, record the tenant's consent, record the meeting,
and print the invitations; the consent is shown before the landlord's letter is printed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from bobudget.db.engine import Database
from bobudget.follow_up.multiparty import (
    MultipartyBooking,
    MultipartyView,
    book_multiparty_meeting,
    get_multiparty_meeting,
    multiparty_meetings_of_person,
    record_consent,
    record_multiparty_meeting,
)
from bobudget.follow_up.rules import held_date_question
from bobudget.kernel.formatting import format_date, format_timestamp
from bobudget.kernel.urgency import Urgency
from bobudget.model import MultipartyMeeting
from ui.follow_up.base import FollowUpTab
from ui.follow_up.letters import print_invitation
from ui.follow_up.widgets import Column, RowsModel, make_table, selected_row
from ui.forms import DateField, FormDialog
from ui.kit import limit_to_columns


def _consent(m: MultipartyView) -> str:
    if not m.consent_recorded:
        return "Ej registrerat"
    return m.consent_to_share or "Inget får berättas"


class _MeetingDialog(FormDialog):
    """A form on one flerpartssamtal: read again as it is saved now when a save is refused."""

    _db: Database
    _meeting: MultipartyView

    def saved_now(self) -> MultipartyView:
        return get_multiparty_meeting(self._db, self._meeting.id)

    def load(self, saved: object) -> None:
        assert isinstance(saved, MultipartyView)
        self._meeting = saved
        self.fill(saved)

    def edited(self) -> MultipartyView:
        return self._meeting

    def fill(self, meeting: MultipartyView) -> None:
        raise NotImplementedError


class BookDialog(_MeetingDialog):
    def __init__(self, db: Database, meeting: MultipartyView, parent: QWidget) -> None:
        super().__init__("Boka flerpartssamtal", parent)
        self._db, self._meeting = db, meeting
        self.due = QLabel()
        self.add_row("Ska erbjudas senast:", self.due)
        self.date = DateField("Mötesdag")
        self.time = QLineEdit()
        self.time.setAccessibleName("Klockslag")
        self.time.setPlaceholderText("10:00")
        self.time.setMaximumWidth(90)
        self.place = QLineEdit()
        self.place.setAccessibleName("Plats")
        self.participants = QLineEdit()
        self.participants.setAccessibleName("Inbjudna")
        limit_to_columns(
            {self.time: MultipartyMeeting.meeting_time, self.place: MultipartyMeeting.place}
        )
        self.add_row("&Mötesdag:", self.date)
        self.add_row("&Klockslag:", self.time)
        self.add_row("&Plats:", self.place)
        self.add_row("&Inbjudna:", self.participants)
        self.fill(meeting)

    def fill(self, meeting: MultipartyView) -> None:
        self.due.setText(format_date(meeting.due_date))
        self.date.set_value(meeting.meeting_date)
        self.time.setText(meeting.meeting_time)
        self.place.setText(meeting.place)
        self.participants.setText(meeting.participants)

    def perform(self) -> None:
        data = MultipartyBooking(
            self.date.required_value(),
            self.time.text(),
            self.place.text(),
            self.participants.text(),
        )
        book_multiparty_meeting(self._db, self._meeting.id, self._meeting.version, data)


class ConsentDialog(_MeetingDialog):
    def __init__(self, db: Database, meeting: MultipartyView, parent: QWidget) -> None:
        super().__init__("Hyresgästens samtycke", parent)
        self._db, self._meeting = db, meeting
        explain = QLabel(
            "Socialtjänstens sekretess: kallelsen till hyresvärden säger ingenting om "
            "hyresgästens situation utöver själva mötet, om inte hyresgästen har samtyckt. "
            "Skriv vad hyresgästen har samtyckt till att hyresvärden får veta. Lämna tomt om "
            "hyresgästen inte samtycker till något. Under Deltagare: de som hyresgästen går "
            "med på att hyresvärden får veta deltar, en per rad."
        )
        explain.setWordWrap(True)
        self.form.addRow(explain)
        self.consent = QPlainTextEdit(meeting.consent_to_share)
        self.consent.setAccessibleName("Det hyresgästen samtycker till")
        self.consent.setFixedHeight(90)
        self.add_row("&Samtycke:", self.consent)
        self.participants = QPlainTextEdit(meeting.consented_participants)
        self.participants.setAccessibleName("Deltagare som hyresvärden får veta om")
        self.participants.setFixedHeight(70)
        self.add_row("&Deltagare:", self.participants)

    def fill(self, meeting: MultipartyView) -> None:
        self.consent.setPlainText(meeting.consent_to_share)
        self.participants.setPlainText(meeting.consented_participants)

    def perform(self) -> None:
        record_consent(
            self._db,
            self._meeting.id,
            self._meeting.version,
            self.consent.toPlainText(),
            participants=self.participants.toPlainText(),
        )


class RecordDialog(_MeetingDialog):
    def __init__(
        self,
        db: Database,
        meeting: MultipartyView,
        today: Callable[[], dt.date],
        parent: QWidget,
    ) -> None:
        super().__init__("Registrera flerpartssamtal", parent)
        self._db, self._meeting, self._today = db, meeting, today
        self.date = DateField("Mötesdag")
        self.participants = QLineEdit()
        self.participants.setAccessibleName("Deltagare")
        self.agreed = QPlainTextEdit()
        self.agreed.setAccessibleName("Vad som kom överens")
        self.agreed.setFixedHeight(90)
        self.add_row("&Hölls:", self.date)
        self.add_row("&Deltagare:", self.participants)
        self.add_row("&Överenskommet:", self.agreed)
        self.require(self.participants, self.agreed)
        self.fill(meeting)

    def fill(self, meeting: MultipartyView) -> None:
        self.date.set_value(meeting.meeting_date or self._today())
        self.participants.setText(meeting.participants)
        self.agreed.setPlainText(meeting.agreed)

    def perform(self) -> None:
        record_multiparty_meeting(
            self._db,
            self._meeting.id,
            self._meeting.version,
            meeting_date=self.date.required_value(),
            participants=self.participants.text(),
            agreed=self.agreed.toPlainText(),
            today=self._today(),
        )

    def unusual(self) -> list[str]:
        question = held_date_question(self.date.required_value(), self._today())
        return [question] if question else []


class MultipartyTab(FollowUpTab):
    def __init__(self, db: Database, today: Callable[[], dt.date], parent: QWidget | None = None):
        super().__init__(db, today, parent)
        self.setAccessibleName("Flerpartssamtal")
        self.model: RowsModel[MultipartyView] = RowsModel(
            [
                Column("Erbjuds senast", lambda m: format_date(m.due_date)),
                Column("Mötesdag", lambda m: format_date(m.meeting_date) or "Ej bokat"),
                Column("Tid", lambda m: m.meeting_time),
                Column("Plats", lambda m: m.place),
                Column("Samtycke", _consent),
                Column("Överenskommet", lambda m: m.agreed),
            ],
            state=lambda m: Urgency.DONE if m.held else m.urgency(today()),
        )
        self.table = make_table(self.model, "Flerpartssamtal", 5, fit=(0, 1, 2))
        self.table.horizontalHeader().resizeSection(3, 130)
        self.table.horizontalHeader().resizeSection(4, 140)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_consent())
        self.consent = QLabel()
        self.consent.setWordWrap(True)
        self.consent.setAccessibleName("Samtycke")
        self.book_button = self.button("&Boka möte…", "Boka flerpartssamtal", self.book)
        self.consent_button = self.button("&Samtycke…", "Registrera samtycke", self.edit_consent)
        self.record_button = self.button(
            "&Registrera mötet…", "Registrera hållet flerpartssamtal", self.record
        )
        self.tenant_letter = self.button(
            "Kallelse till &hyresgästen…", "Kallelse till hyresgästen", self.print_tenant
        )
        self.landlord_letter = self.button(
            "Kallelse till hyres&värden…", "Kallelse till hyresvärden", self.print_landlord
        )
        empty = QLabel(
            "Ett flerpartssamtal blir aktuellt när två hyresskulder registreras inom sex månader."
        )
        empty.setObjectName("muted")
        empty.setWordWrap(True)
        self.empty = empty
        layout = QVBoxLayout(self)
        layout.addWidget(empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.consent)
        layout.addLayout(self.button_row(self.book_button, self.consent_button, self.record_button))
        layout.addLayout(self.button_row(self.tenant_letter, self.landlord_letter))

    def reload(self) -> None:
        kept = self._selected()
        rows = multiparty_meetings_of_person(self.db, self.person.person_id) if self.person else []
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.table.setVisible(bool(rows))
        if rows:
            self.table.selectRow(0)
        if kept is not None:
            self.select_target(kept.id)
        self._show_consent()

    def select_target(self, target_id: int | None) -> None:
        for n, row in enumerate(self.model.rows()):
            if row.id == target_id:
                self.table.selectRow(n)

    def _selected(self) -> MultipartyView | None:
        row = selected_row(self.table)
        return self.model.row_at(row) if row is not None else None

    def _show_consent(self) -> None:
        meeting = self._selected()
        for widget in (
            self.book_button,
            self.consent_button,
            self.record_button,
            self.tenant_letter,
            self.landlord_letter,
        ):
            widget.setEnabled(meeting is not None)
        if meeting is None:
            self.consent.setText("")
            return
        self.book_button.setEnabled(not meeting.held)
        when = (
            f" (registrerat {format_timestamp(meeting.consent_recorded_at)})"
            if meeting.consent_recorded_at
            else ""
        )
        named = ", ".join(meeting.consented_participants.split("\n")).strip(", ")
        who = f" Deltagare som hyresvärden får veta om: {named}." if named else ""
        self.consent.setText(f"Samtycke{when}: {meeting.consent_text}{who}")
        # No consent recorded, no invitation to the landlord (the letter would be refused).
        self.landlord_letter.setEnabled(meeting.consent_recorded)
        self.landlord_letter.setToolTip(
            ""
            if meeting.consent_recorded
            else "Registrera hyresgästens samtycke först (Samtycke…)."
        )

    def book(self) -> None:
        meeting = self._selected()
        if meeting is not None:
            self.run_dialog(BookDialog(self.db, meeting, self))

    def edit_consent(self) -> None:
        meeting = self._selected()
        if meeting is not None:
            self.run_dialog(ConsentDialog(self.db, meeting, self))

    def record(self) -> None:
        meeting = self._selected()
        if meeting is not None:
            self.run_dialog(RecordDialog(self.db, meeting, self.today, self))

    def print_tenant(self) -> None:
        meeting = self._selected()
        if meeting is not None:
            print_invitation(
                self,
                self.db,
                "multiparty_meeting_tenant",
                meeting.person_id,
                meeting.contract_id,
                meeting.id,
            )

    def print_landlord(self) -> None:
        meeting = self._selected()
        if meeting is None:
            return
        # Secrecy: what the landlord may be told is shown, and confirmed, before printing.
        if not self.confirm(
            "Kallelsen till hyresvärden",
            meeting.consent_text + "\n\nBrevet tar bara med det som hyresgästen har samtyckt till.",
            "Fortsätt till brevet",
            "Samtycke före utskrift",
        ):
            return
        print_invitation(
            self,
            self.db,
            "multiparty_meeting_landlord",
            meeting.person_id,
            meeting.contract_id,
            meeting.id,
        )
