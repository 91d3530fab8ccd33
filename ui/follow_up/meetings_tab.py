"""The Uppföljningsmöten tab: the lease's follow-ups, overdue flagged, the next booked at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from bobudget.db.engine import Database
from bobudget.follow_up.follow_ups import (
    FollowUpRecord,
    FollowUpView,
    follow_ups_of_contract,
    get_follow_up,
    open_follow_up,
    plan_follow_up,
    record_follow_up,
)
from bobudget.follow_up.rules import held_date_question
from bobudget.kernel.formatting import format_date
from bobudget.kernel.urgency import Urgency

from ..forms import DateField, FormDialog
from ..kit import ResponsibleField
from ..style import GREY, RED
from .base import FollowUpTab
from .widgets import Column, RowsModel, make_table, selected_row


def _state(today: Callable[[], dt.date]) -> Callable[[FollowUpView], Urgency | None]:
    return lambda f: Urgency.DONE if f.held else f.urgency(today())


class RecordDialog(FormDialog):
    """Record a follow-up as held: the day, who took part, notes and outcome."""

    def __init__(
        self,
        db: Database,
        row: FollowUpView,
        today: Callable[[], dt.date],
        parent: QWidget,
    ) -> None:
        super().__init__("Registrera uppföljningsmöte", parent)
        self._db, self._row, self._today = db, row, today
        self.next_due: dt.date | None = None
        self.due = QLabel()
        self.add_row("Planerat:", self.due)
        self.held = DateField("Mötesdag")
        self.participants = QLineEdit()
        self.participants.setAccessibleName("Deltagare")
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Anteckningar")
        self.notes.setFixedHeight(80)
        self.outcome = QPlainTextEdit()
        self.outcome.setAccessibleName("Resultat")
        self.outcome.setFixedHeight(60)
        self.add_row("&Hölls:", self.held)
        self.add_row("&Deltagare:", self.participants)
        self.require(self.participants)
        self.add_row("&Anteckningar:", self.notes)
        self.add_row("&Resultat och plan:", self.outcome)
        self.load(row)

    def perform(self) -> None:
        data = FollowUpRecord(
            self.held.required_value(),
            self.participants.text(),
            self.notes.toPlainText(),
            self.outcome.toPlainText(),
        )
        result = record_follow_up(
            self._db, self._row.id, self._row.version, data, today=self._today()
        )
        self.next_due = result.next_due

    def unusual(self) -> list[str]:
        question = held_date_question(self.held.required_value(), self._today())
        return [question] if question else []

    def saved_now(self) -> FollowUpView:
        return get_follow_up(self._db, self._row.id)

    def load(self, saved: object) -> None:
        assert isinstance(saved, FollowUpView)
        self._row = saved
        self.due.setText(format_date(saved.due_date))
        self.held.set_value(saved.held_date or self._today())
        self.participants.setText(saved.participants)
        self.notes.setPlainText(saved.notes)
        self.outcome.setPlainText(saved.outcome)

    def edited(self) -> FollowUpView:
        return self._row


class PlanDialog(FormDialog):
    """Move a follow-up not yet held, or give it to someone else."""

    def __init__(self, db: Database, row: FollowUpView, parent: QWidget) -> None:
        super().__init__("Planera uppföljningsmöte", parent)
        self._db, self._row = db, row
        self.due = DateField("Planerad dag")
        self.responsible = ResponsibleField(db, row.responsible)
        self.add_row("&Planerad dag:", self.due)
        self.add_row("&Ansvarig:", self.responsible)
        self.load(row)

    def perform(self) -> None:
        plan_follow_up(
            self._db,
            self._row.id,
            self._row.version,
            self.due.required_value(),
            self.responsible.value(),
        )

    def saved_now(self) -> FollowUpView:
        return get_follow_up(self._db, self._row.id)

    def load(self, saved: object) -> None:
        assert isinstance(saved, FollowUpView)
        self._row = saved
        self.due.set_value(saved.due_date)
        self.responsible.set_value(saved.responsible)

    def edited(self) -> FollowUpView:
        return self._row


class MeetingsTab(FollowUpTab):
    def __init__(self, db: Database, today: Callable[[], dt.date], parent: QWidget | None = None):
        super().__init__(db, today, parent)
        self.setAccessibleName("Uppföljningsmöten")
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setAccessibleName("Nästa uppföljning")
        self.model: RowsModel[FollowUpView] = RowsModel(
            [
                Column("Planerat", lambda f: format_date(f.due_date)),
                Column("Hölls", lambda f: format_date(f.held_date) or "–"),
                Column("Deltagare", lambda f: f.participants),
                Column("Anteckningar", lambda f: f.notes),
                Column("Resultat", lambda f: f.outcome),
                Column("Ansvarig", lambda f: self.staff_name(f.responsible)),
            ],
            state=_state(today),
        )
        self.table = make_table(self.model, "Uppföljningsmöten", 3, fit=(0, 1, 5))
        self.table.doubleClicked.connect(lambda _i: self.record())
        self.table.activated.connect(lambda _i: self.record())
        self.book_button = self.button(
            "&Boka uppföljning", "Boka nästa uppföljningsmöte", self.book
        )
        self.record_button = self.button(
            "&Registrera hållet möte…", "Registrera hållet uppföljningsmöte", self.record
        )
        self.plan_button = self.button("&Planera om…", "Planera om uppföljningsmötet", self.plan)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.button_row(self.record_button, self.plan_button, self.book_button))

    def reload(self) -> None:
        rows = follow_ups_of_contract(self.db, self.lease.id) if self.lease else []
        self.model.set_rows(rows)
        open_rows = [r for r in rows if not r.held]
        self.book_button.setVisible(self.lease is not None and not open_rows)
        self.record_button.setEnabled(bool(rows))
        self.plan_button.setEnabled(bool(open_rows))
        if self.lease is None:
            self._info("Personen har inget hyreskontrakt att följa upp.", GREY)
        elif not open_rows:
            self._info("Inget uppföljningsmöte är bokat. Boka nästa.", RED)
        else:
            nxt = open_rows[-1]
            overdue = nxt.urgency(self.today()) is Urgency.OVERDUE
            self._info(
                f"Nästa uppföljning: {format_date(nxt.due_date)}"
                + (" – försenad" if overdue else "")
                + f". Uppföljning var {self.lease.follow_up_interval_months}:e månad enligt "
                "kontraktet; nästa bokas när ett möte registreras.",
                RED if overdue else "",
            )
        if open_rows:
            self.table.selectRow(rows.index(open_rows[-1]))

    def _info(self, text: str, colour: str) -> None:
        self.info.setText(text)
        self.info.setStyleSheet(f"color: {colour};" if colour else "")

    def select_target(self, target_id: int | None) -> None:
        for n, row in enumerate(self.model.rows()):
            if row.id == target_id:
                self.table.selectRow(n)

    def _selected(self) -> FollowUpView | None:
        row = selected_row(self.table)
        return self.model.row_at(row) if row is not None else None

    def book(self) -> None:
        if self.lease is not None:
            lease_id = self.lease.id
            self.run(lambda: open_follow_up(self.db, lease_id))

    def record(self) -> None:
        row = self._selected()
        if row is None:
            return
        dialog = RecordDialog(self.db, row, self.today, self)
        if self.run_dialog(dialog) and dialog.next_due is not None:
            self.inform(f"Nästa uppföljningsmöte är bokat till {format_date(dialog.next_due)}.")

    def plan(self) -> None:
        row = self._selected()
        if row is not None and not row.held:
            self.run_dialog(PlanDialog(self.db, row, self))
