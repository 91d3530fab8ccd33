"""Reconciling an account with the bank: the difference, what came since, and the record."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from bobudget.db.engine import Database
from bobudget.funds.reconcile import (
    ReconciliationLine,
    ReconciliationView,
    reconcile_preview,
    record_reconciliation,
)
from bobudget.kernel.errors import DomainError, ValidationError
from bobudget.kernel.formatting import format_date
from bobudget.kernel.money import format_amount

from ..style import GREEN, RED
from .dialog import FundsDialog
from .fields import AmountField, DateField, ListTable

log = logging.getLogger(__name__)


class ReconcileDialog(FundsDialog):
    """Type the bank's balance for a day; the books' balance and the difference show at once."""

    def __init__(
        self, db: Database, account_id: int, *, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__("Stäm av mot banken", "Spara avstämningen", parent)
        self._db = db
        self._account_id = account_id
        self._today = today
        self.view: ReconciliationView | None = None
        self.recorded: ReconciliationLine | None = None
        self.setMinimumWidth(760)
        self.on_date = DateField("Avstämningsdatum", today)
        self.bank = AmountField("Bankens saldo", negative=True)
        self.book_label = QLabel()
        self.book_label.setAccessibleName("Bokfört saldo")
        self.difference_label = QLabel()
        self.difference_label.setAccessibleName("Differens")
        self.previous_label = QLabel()
        self.previous_label.setObjectName("muted")
        self.previous_label.setWordWrap(True)
        self.entries = ListTable(
            ("Ver.", "Datum", "Typ", "Vad", "Belopp"), "Transaktioner sedan förra avstämningen", 3
        )
        self.entries.setMinimumHeight(240)
        self.note = QLineEdit()
        self.note.setAccessibleName("Anteckning")
        self.note.setPlaceholderText("Krävs om banken och bokföringen skiljer sig")
        self.form.addRow("&Datum:", self.on_date)
        self.form.addRow("&Bankens saldo:", self.bank)
        self.form.addRow("Bokfört saldo:", self.book_label)
        self.form.addRow("Differens:", self.difference_label)
        self.form.addRow(self.previous_label)
        self.layout_.addWidget(self.entries, 1)
        self.form_note = QLabel("&Anteckning:")
        self.form_note.setBuddy(self.note)
        self.layout_.addWidget(self.form_note)
        self.layout_.addWidget(self.note)
        self.finish_layout()
        # Recomputed when typing pauses, not on every key.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.refresh)
        self.bank.changed.connect(self._timer.start)
        self.on_date.valueChanged.connect(self._timer.start)
        self.refresh()

    def refresh(self) -> None:
        self._timer.stop()
        try:
            # While the amount cannot be read the book balance is still shown, without a difference.
            bank = self.bank.value_ore() if self.bank.is_valid() else None
            view = reconcile_preview(
                self._db,
                self._account_id,
                self.on_date.required_value(),
                bank or 0,
                today=self._today,
            )
        except DomainError as error:
            self.view = None
            self.show_error(str(error))
            return
        self.error_label.hide()
        self.view = view
        self.book_label.setText(format_amount(view.book_balance_ore))
        if bank is None:
            self.difference_label.setText("Skriv bankens saldo.")
            self.difference_label.setStyleSheet("")
        elif view.difference_ore == 0:
            self.difference_label.setText("0,00 kr – banken och bokföringen stämmer")
            self.difference_label.setStyleSheet(f"color: {GREEN}; font-weight: bold;")
        else:
            self.difference_label.setText(
                f"{format_amount(view.difference_ore)} (banken minus bokföringen)"
            )
            self.difference_label.setStyleSheet(f"color: {RED}; font-weight: bold;")
        previous = view.previous
        self.previous_label.setText(
            f"Förra avstämningen: {format_date(previous.reconciled_on)} "
            f"(differens {format_amount(previous.difference_ore)}). Transaktioner sedan dess:"
            if previous
            else "Kontot har inte stämts av tidigare. Alla transaktioner till och med datumet:"
        )
        count = len(view.entries_since)
        self.previous_label.setText(
            f"{self.previous_label.text()} {count} st." if count else self.previous_label.text()
        )
        self.entries.set_rows(
            [
                [
                    str(e.voucher_number),
                    format_date(e.entry_date),
                    e.kind_label,
                    e.text,
                    format_amount(e.amount_ore),
                ]
                for e in view.entries_since
            ],
            right=(0, 4),
        )

    def commit(self) -> None:
        bank = self.bank.value_ore()
        if bank is None:
            raise ValidationError("Skriv bankens saldo för dagen, till exempel 4 876,50.")
        self.recorded = record_reconciliation(
            self._db,
            self._account_id,
            self.on_date.required_value(),
            bank,
            self.note.text(),
            today=self._today,
        )
        log.info("funds account %d reconciled", self._account_id)
