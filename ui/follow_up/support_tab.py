"""The Boendestöd tab: decisions on support in daily living, their reviews, notes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget

from bobudget.db.engine import Database
from bobudget.follow_up.housing_support import (
    HousingSupportInput,
    HousingSupportView,
    create_housing_support,
    get_housing_support,
    housing_supports_of_person,
    parse_hours,
    record_housing_support_review,
    update_housing_support,
)
from bobudget.follow_up.rules import (
    DEFAULT_HOUSING_SUPPORT_INTERVAL_MONTHS,
    HOUSING_SUPPORT_MAX_INTERVAL_MONTHS,
)
from bobudget.kernel.formatting import format_date
from bobudget.kernel.urgency import Urgency
from bobudget.model import HousingSupport

from ..forms import DateField, FormDialog
from ..kit import ResponsibleField, limit_to_columns
from .base import FollowUpTab
from .widgets import Column, RowsModel, make_table, selected_row


def _hours(s: HousingSupportView) -> str:
    return str(s.hours_per_week).replace(".", ",") if s.hours_per_week is not None else ""


class SupportDialog(FormDialog):
    """A new boendestöd decision, or a change of one."""

    def __init__(
        self, db: Database, person_id: int, row: HousingSupportView | None, parent: QWidget
    ) -> None:
        super().__init__("Ändra boendestöd" if row else "Nytt boendestöd", parent)
        self._db, self._person_id, self._row = db, person_id, row
        self.provider = QLineEdit(row.provider if row else "")
        self.provider.setAccessibleName("Utförare")
        self.hours = QLineEdit(_hours(row) if row else "")
        self.hours.setAccessibleName("Timmar per vecka")
        self.hours.setPlaceholderText("t.ex. 3,5")
        self.hours.setMaximumWidth(100)
        self.start = DateField("Startdatum", row.start_date if row else None)
        self.end = DateField("Slutdatum", row.end_date if row else None, required=False)
        self.interval = QSpinBox()
        self.interval.setRange(1, HOUSING_SUPPORT_MAX_INTERVAL_MONTHS)
        self.interval.setSuffix(" månader")
        self.interval.setValue(
            row.review_interval_months if row else DEFAULT_HOUSING_SUPPORT_INTERVAL_MONTHS
        )
        self.interval.setAccessibleName("Omprövas var")
        self.responsible = ResponsibleField(db, row.responsible if row else "")
        limit_to_columns({self.provider: HousingSupport.provider})
        self.note = QPlainTextEdit(row.note if row else "")
        self.note.setAccessibleName("Anteckningar")
        self.note.setFixedHeight(80)
        self.add_row("&Utförare:", self.provider)
        self.add_row("&Timmar per vecka:", self.hours)
        self.add_row("&Från:", self.start)
        self.add_row("Ti&ll (tomt = tills vidare):", self.end)
        self.add_row("&Omprövas var:", self.interval)
        self.add_row("&Ansvarig:", self.responsible)
        self.add_row("A&nteckningar:", self.note)

    def _fill(self, row: HousingSupportView) -> None:
        self.provider.setText(row.provider)
        self.hours.setText(_hours(row))
        self.start.set_value(row.start_date)
        self.end.set_value(row.end_date)
        self.interval.setValue(row.review_interval_months)
        self.responsible.set_value(row.responsible)
        self.note.setPlainText(row.note)

    def perform(self) -> None:
        data = HousingSupportInput(
            provider=self.provider.text(),
            start_date=self.start.required_value(),
            review_interval_months=self.interval.value(),
            hours_per_week=parse_hours(self.hours.text()),
            end_date=self.end.value(),
            note=self.note.toPlainText(),
            responsible=self.responsible.value(),
            decision_id=self._row.decision_id if self._row else None,
        )
        if self._row is None:
            create_housing_support(self._db, self._person_id, data)
        else:
            update_housing_support(self._db, self._row.id, self._row.version, data)

    def saved_now(self) -> HousingSupportView | None:
        return get_housing_support(self._db, self._row.id) if self._row is not None else None

    def load(self, saved: object) -> None:
        assert isinstance(saved, HousingSupportView)
        self._row = saved
        self._fill(saved)

    def edited(self) -> HousingSupportView | None:
        return self._row


class ReviewDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        row: HousingSupportView,
        today: Callable[[], dt.date],
        parent: QWidget,
    ) -> None:
        super().__init__("Registrera omprövning av boendestöd", parent)
        self._db, self._row, self._today = db, row, today
        self.next_review: dt.date | None = None
        self.due = QLabel(format_date(row.next_review_date) or "–")
        self.add_row("Skulle omprövas:", self.due)
        self.day = DateField("Omprövningsdag", today())
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Vad omprövningen kom fram till")
        self.note.setFixedHeight(80)
        self.add_row("&Omprövad:", self.day)
        self.add_row("&Vad omprövningen kom fram till:", self.note)

    def perform(self) -> None:
        self.next_review = record_housing_support_review(
            self._db,
            self._row.id,
            self._row.version,
            self.day.required_value(),
            self.note.toPlainText(),
            today=self._today(),
        )

    # The review is recorded on the boendestöd: its version and its review day come from it;
    # the day held and what the review found are the user's own.

    def saved_now(self) -> HousingSupportView:
        return get_housing_support(self._db, self._row.id)

    def load(self, saved: object) -> None:
        assert isinstance(saved, HousingSupportView)
        self._row = saved
        self.due.setText(format_date(saved.next_review_date) or "–")

    def edited(self) -> HousingSupportView:
        return self._row


class SupportTab(FollowUpTab):
    def __init__(self, db: Database, today: Callable[[], dt.date], parent: QWidget | None = None):
        super().__init__(db, today, parent)
        self.setAccessibleName("Boendestöd")
        self.model: RowsModel[HousingSupportView] = RowsModel(
            [
                Column("Utförare", lambda s: s.provider),
                Column("Tim/vecka", _hours),
                Column("Från", lambda s: format_date(s.start_date)),
                Column("Till", lambda s: format_date(s.end_date) or "tills vidare"),
                Column("Omprövas var", lambda s: f"{s.review_interval_months} mån"),
                Column("Nästa omprövning", lambda s: format_date(s.next_review_date) or "–"),
                Column("Ansvarig", lambda s: self.staff_name(s.responsible)),
            ],
            state=lambda s: Urgency.DONE if not s.active(today()) else s.urgency(today()),
        )
        self.table = make_table(self.model, "Boendestöd", 0, fit=(1, 2, 3, 4, 5, 6))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_note())
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAccessibleName("Anteckningar om boendestödet")
        self.new_button = self.button("&Nytt boendestöd…", "Nytt boendestöd", self.new)
        self.edit_button = self.button("Än&dra…", "Ändra boendestödet", self.edit)
        self.review_button = self.button(
            "&Registrera omprövning…", "Registrera omprövning", self.review
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addLayout(self.button_row(self.new_button, self.edit_button, self.review_button))

    def reload(self) -> None:
        rows = housing_supports_of_person(self.db, self.person.person_id) if self.person else []
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
        self._show_note()

    def _selected(self) -> HousingSupportView | None:
        row = selected_row(self.table)
        return self.model.row_at(row) if row is not None else None

    def _show_note(self) -> None:
        row = self._selected()
        self.note.setText(f"Anteckningar:\n{row.note}" if row and row.note else "")
        self.edit_button.setEnabled(row is not None)
        self.review_button.setEnabled(row is not None and row.active(self.today()))

    def select_target(self, target_id: int | None) -> None:
        for n, row in enumerate(self.model.rows()):
            if row.id == target_id:
                self.table.selectRow(n)

    def new(self) -> None:
        if self.person is not None:
            self.run_dialog(SupportDialog(self.db, self.person.person_id, None, self))

    def edit(self) -> None:
        row = self._selected()
        if row is not None and self.person is not None:
            self.run_dialog(SupportDialog(self.db, self.person.person_id, row, self))

    def review(self) -> None:
        row = self._selected()
        if row is None:
            return
        dialog = ReviewDialog(self.db, row, self.today, self)
        if self.run_dialog(dialog):
            nxt = format_date(dialog.next_review) if dialog.next_review else "ingen (stödet slutar)"
            self.inform(f"Omprövningen är registrerad. Nästa omprövning: {nxt}.")
