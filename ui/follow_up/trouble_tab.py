"""The Hyresskulder och störningar tab: rent debts (and the flerpartssamtal two of them call
for) and disturbance reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from bobudget.db.engine import Database
from bobudget.follow_up.overview import ArrearView, DisturbanceView
from bobudget.follow_up.trouble import (
    ArrearRegistered,
    DisturbanceInput,
    RentArrearInput,
    get_rent_arrear,
    month_label,
    register_disturbance,
    register_rent_arrear,
    update_rent_arrear,
)
from bobudget.kernel.formatting import format_date
from bobudget.kernel.money import format_amount

from ..forms import AmountField, DateField, FormDialog
from .base import FollowUpTab
from .widgets import Column, RowsModel, make_table, selected_row


class ArrearDialog(FormDialog):
    """A new rent debt (month, amount, day registered), or a corrected amount of one."""

    def __init__(
        self,
        db: Database,
        person_id: int,
        contract_id: int | None,
        row: ArrearView | None,
        today: Callable[[], dt.date],
        parent: QWidget,
    ) -> None:
        super().__init__("Ändra hyresskuld" if row else "Ny hyresskuld", parent)
        self._db, self._person_id, self._contract_id = db, person_id, contract_id
        self._row, self._today = row, today
        self.result_of_save: ArrearRegistered | None = None
        self.month = DateField("Månad", row.month if row else None)
        self.month.setPlaceholderText("ÅÅÅÅ-MM-01")
        self.month.setEnabled(row is None)
        self.amount = AmountField("Belopp", row.amount_ore if row else None, zero=False)
        self.registered = DateField("Registrerad", row.registered_date if row else today())
        self.registered.setEnabled(row is None)
        self.note = QLineEdit(row.note if row else "")
        self.note.setAccessibleName("Anteckning")
        self.add_row("&Månad som hyran gäller:", self.month)
        self.add_row("&Belopp (kr):", self.amount)
        self.add_row("&Registrerad:", self.registered)
        self.add_row("&Anteckning:", self.note)

    def perform(self) -> None:
        amount = self.amount.required_ore()
        if self._row is not None:
            update_rent_arrear(self._db, self._row.id, self._row.version, amount, self.note.text())
            return
        data = RentArrearInput(
            self._person_id,
            self.month.required_value(),
            amount,
            self.registered.required_value(),
            self.note.text(),
            self._contract_id,
        )
        self.result_of_save = register_rent_arrear(self._db, data, today=self._today())

    def saved_now(self) -> ArrearView | None:
        return get_rent_arrear(self._db, self._row.id) if self._row is not None else None

    def load(self, saved: object) -> None:
        assert isinstance(saved, ArrearView)
        self._row = saved
        self.month.set_value(saved.month)
        self.amount.set_ore(saved.amount_ore)
        self.registered.set_value(saved.registered_date)
        self.note.setText(saved.note)

    def edited(self) -> ArrearView | None:
        return self._row


class DisturbanceDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        person_id: int,
        contract_id: int | None,
        today: Callable[[], dt.date],
        parent: QWidget,
    ) -> None:
        super().__init__("Ny störningsanmälan", parent)
        self._db, self._person_id, self._contract_id, self._today = (
            db,
            person_id,
            contract_id,
            today,
        )
        self.reported = DateField("Anmäld", today())
        self.description = QPlainTextEdit()
        self.description.setAccessibleName("Vad som anmäldes")
        self.description.setFixedHeight(90)
        self.add_row("&Anmäld:", self.reported)
        self.add_row("&Vad som anmäldes:", self.description)

    def perform(self) -> None:
        data = DisturbanceInput(
            self._person_id,
            self.reported.required_value(),
            self.description.toPlainText(),
            self._contract_id,
        )
        register_disturbance(self._db, data, today=self._today())


class TroubleTab(FollowUpTab):
    def __init__(self, db: Database, today: Callable[[], dt.date], parent: QWidget | None = None):
        super().__init__(db, today, parent)
        self.setAccessibleName("Hyresskulder och störningar")
        self.arrears: RowsModel[ArrearView] = RowsModel(
            [
                Column("Månad", lambda a: month_label(a.month)),
                Column("Belopp", lambda a: format_amount(a.amount_ore)),
                Column("Registrerad", lambda a: format_date(a.registered_date)),
                Column("Anteckning", lambda a: a.note),
            ]
        )
        self.arrears_table = make_table(self.arrears, "Hyresskulder", 3, fit=(0, 1, 2))
        self.disturbances: RowsModel[DisturbanceView] = RowsModel(
            [
                Column("Anmäld", lambda d: format_date(d.reported_date)),
                Column("Vad som anmäldes", lambda d: d.description),
            ]
        )
        self.disturbances_table = make_table(self.disturbances, "Störningsanmälningar", 1, fit=(0,))
        self.rule = QLabel(
            "Två hyresskulder inom sex månader: ett flerpartssamtal med hyresgästen och "
            "hyresvärden ska erbjudas (det skapas när skulden registreras)."
        )
        self.rule.setObjectName("muted")
        self.rule.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self._title("Hyresskulder"))
        layout.addWidget(self.arrears_table, 1)
        layout.addWidget(self.rule)
        layout.addLayout(
            self.button_row(
                self.button("Ny &hyresskuld…", "Registrera ny hyresskuld", self.new_arrear),
                self.button("Ändra &belopp…", "Ändra hyresskuldens belopp", self.edit_arrear),
            )
        )
        layout.addWidget(self._title("Störningsanmälningar"))
        layout.addWidget(self.disturbances_table, 1)
        layout.addLayout(
            self.button_row(
                self.button(
                    "Ny &störningsanmälan…", "Registrera ny störningsanmälan", self.new_disturbance
                )
            )
        )

    @staticmethod
    def _title(text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("sectionTitle")
        return label

    def reload(self) -> None:
        self.arrears.set_rows(self.person.arrears if self.person else [])
        self.disturbances.set_rows(self.person.disturbances if self.person else [])

    def _contract_id(self) -> int | None:
        # The lease chosen on the page, when it is running; else the service finds the contract
        # the person had in the month.
        if self.lease is not None and self.lease.running(self.today()):
            return self.lease.id
        return None

    def new_arrear(self) -> None:
        if self.person is None:
            return
        dialog = ArrearDialog(
            self.db, self.person.person_id, self._contract_id(), None, self.today, self
        )
        saved = dialog.result_of_save if self.run_dialog(dialog) else None
        if saved is not None and saved.multiparty_due:
            self.inform(
                "Två hyresskulder inom sex månader: ett flerpartssamtal ska erbjudas senast "
                f"{format_date(saved.multiparty_due)}. Det finns under fliken "
                "Flerpartssamtal och på Att göra.",
                title="Flerpartssamtal",
            )

    def edit_arrear(self) -> None:
        row = selected_row(self.arrears_table)
        if row is not None and self.person is not None:
            arrear = self.arrears.row_at(row)
            self.run_dialog(
                ArrearDialog(self.db, self.person.person_id, None, arrear, self.today, self)
            )

    def new_disturbance(self) -> None:
        if self.person is not None:
            self.run_dialog(
                DisturbanceDialog(
                    self.db, self.person.person_id, self._contract_id(), self.today, self
                )
            )
