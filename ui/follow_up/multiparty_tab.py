"""The Flerpartssamtal tab: book the meeting, record the tenant's consent, record the meeting,
and print the invitations; the consent is shown before the landlord's letter is printed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from bobudget.db.engine import Database
from bobudget.follow_up.multiparty import (
    MultipartyBooking,
    MultipartyView,
    book_multiparty_meeting,
    get_multiparty_meeting,
    multiparty_meetings_of_person,
    record_consent,
    record_multiparty_meeting,
    withdraw_consent,
)
from bobudget.follow_up.rules import CONSENT_DEFAULT_MONTHS, held_date_question
from bobudget.kernel.formatting import format_date, format_timestamp
from bobudget.kernel.months import add_months
from bobudget.kernel.urgency import Urgency
from bobudget.model import MultipartyMeeting
from bobudget.model.vocab import ConsentForm

from ..forms import DateField, FormDialog
from ..kit import limit_to_columns
from .base import FollowUpTab
from .letters import print_invitation
from .widgets import Column, RowsModel, make_table, selected_row


def _consent(m: MultipartyView) -> str:
    if not m.consent_recorded:
        return "Ej registrerat"
    if m.consent_withdrawn_on is not None:
        return f"Återkallat {format_date(m.consent_withdrawn_on)}"
    return m.consent_to_share or "Inget får berättas"


def _form_box(name: str) -> QComboBox:
    """Skriftligt or muntligt; nothing chosen until the user chooses (it is asked, not assumed)."""
    box = QComboBox()
    box.setAccessibleName(name)
    box.addItem("– välj –", "")
    for key, label in ConsentForm.labels().items():
        box.addItem(label, key)
    return box


def _choose(box: QComboBox, value: str) -> None:
    index = box.findData(value)
    box.setCurrentIndex(max(index, 0))


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
    def __init__(
        self,
        db: Database,
        meeting: MultipartyView,
        parent: QWidget,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__("Hyresgästens samtycke", parent)
        self._db, self._meeting, self._today = db, meeting, today
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
        self.how = _form_box("Hur samtycket gavs")
        self.add_row("&Hur det gavs:", self.how)
        self.given_on = DateField("Gavs den", today(), today=today)
        self.add_row("&Gavs den:", self.given_on)
        self.valid_until = DateField("Gäller till", required=False, today=today)
        self.valid_until.setToolTip("Lämna tomt om samtycket gäller tills det återkallas.")
        self.add_row("Gäller &till:", self.valid_until)
        self.require(self.how)
        self.fill(meeting)

    def fill(self, meeting: MultipartyView) -> None:
        self.consent.setPlainText(meeting.consent_to_share)
        self.participants.setPlainText(meeting.consented_participants)
        # A consent given anew (none yet, or withdrawn) starts from today; one standing shows
        # what was recorded.
        standing = meeting.consent_recorded and meeting.consent_withdrawn_on is None
        today = self._today()
        _choose(self.how, meeting.consent_form if standing else "")
        given = meeting.consent_facts.given_on if standing else None
        self.given_on.set_value(given or today)
        until = (
            meeting.consent_valid_until if standing else add_months(today, CONSENT_DEFAULT_MONTHS)
        )
        self.valid_until.set_value(until)

    def perform(self) -> None:
        record_consent(
            self._db,
            self._meeting.id,
            self._meeting.version,
            self.consent.toPlainText(),
            participants=self.participants.toPlainText(),
            form=str(self.how.currentData() or ""),
            given_on=self.given_on.value(),
            valid_until=self.valid_until.value(),
            today=self._today(),
        )


class WithdrawConsentDialog(_MeetingDialog):
    """The tenant withdrew the consent: the day and how. The landlord is told nothing more."""

    def __init__(
        self,
        db: Database,
        meeting: MultipartyView,
        parent: QWidget,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__("Återkalla samtycket", parent, "Registrera återkallelsen")
        self._db, self._meeting, self._today = db, meeting, today
        explain = QLabel(
            f"Samtycket: {meeting.consent_particulars} Från dagen det återkallas får "
            "hyresvärden inte veta något mer, och kallelsen till hyresvärden skrivs inte ut."
        )
        explain.setWordWrap(True)
        self.form.addRow(explain)
        self.withdrawn_on = DateField("Återkallat den", today(), today=today)
        self.add_row("Å&terkallat den:", self.withdrawn_on)
        self.how = _form_box("Hur det återkallades")
        self.add_row("&Hur:", self.how)
        self.require(self.how)

    def fill(self, meeting: MultipartyView) -> None:
        """Nothing of the saved row to show again: the form holds only the withdrawal."""

    def perform(self) -> None:
        withdraw_consent(
            self._db,
            self._meeting.id,
            self._meeting.version,
            withdrawn_on=self.withdrawn_on.value(),
            form=str(self.how.currentData() or ""),
            today=self._today(),
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
        self.withdraw_button = self.button(
            "Åter&kalla samtycke…", "Registrera att samtycket återkallats", self.withdraw_consent
        )
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
        layout.addLayout(
            self.button_row(
                self.book_button, self.consent_button, self.withdraw_button, self.record_button
            )
        )
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
            self.withdraw_button,
            self.record_button,
            self.tenant_letter,
            self.landlord_letter,
        ):
            widget.setEnabled(meeting is not None)
        if meeting is None:
            self.consent.setText("")
            return
        self.book_button.setEnabled(not meeting.held)
        standing = meeting.consent_recorded and meeting.consent_withdrawn_on is None
        self.withdraw_button.setEnabled(standing)
        self.withdraw_button.setToolTip(
            ""
            if standing
            else "Samtycket är redan återkallat."
            if meeting.consent_recorded
            else "Inget samtycke är registrerat."
        )
        when = (
            f" (registrerat {format_timestamp(meeting.consent_recorded_at)})"
            if meeting.consent_recorded_at
            else ""
        )
        particulars = f" {meeting.consent_particulars}" if meeting.consent_particulars else ""
        named = ", ".join(meeting.consented_participants.split("\n")).strip(", ")
        who = (
            f" Deltagare som hyresvärden får veta om: {named}."
            if named and meeting.consent_withdrawn_on is None
            else ""
        )
        self.consent.setText(f"Samtycke{when}:{particulars} {meeting.consent_text}{who}")
        # No consent that holds today, no invitation to the landlord (it would be refused):
        # none recorded, withdrawn, or past its last day; the tooltip says which.
        stopped = meeting.consent_stops_letter(self.today())
        self.landlord_letter.setEnabled(stopped is None)
        self.landlord_letter.setToolTip(stopped or "")
        self.landlord_letter.setAccessibleDescription(stopped or "")

    def book(self) -> None:
        meeting = self._selected()
        if meeting is not None:
            self.run_dialog(BookDialog(self.db, meeting, self))

    def edit_consent(self) -> None:
        meeting = self._selected()
        if meeting is not None:
            self.run_dialog(ConsentDialog(self.db, meeting, self, self.today))

    def withdraw_consent(self) -> None:
        meeting = self._selected()
        if meeting is not None:
            self.run_dialog(WithdrawConsentDialog(self.db, meeting, self, self.today))

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
