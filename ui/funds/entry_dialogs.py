"""Booking on an account: income in, a payment out, cash handed out, and reversing an entry."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QWidget

from bobudget.db.engine import Database
from bobudget.funds.posting import post_entry, reverse_entry
from bobudget.funds.queries import AccountCard, EntryInput, EntryLine, Posted
from bobudget.funds.rules import RentAlreadyPaidError, rent_month_for
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.formatting import format_date
from bobudget.kernel.money import format_amount
from bobudget.model import FundsTransaction
from bobudget.model.vocab import BudgetDirection, EntryKind

from ..kit import limit_to_columns
from .already_paid import confirm_post_twice
from .dialog import FundsDialog
from .fields import AmountField, CategoryBox, DateField

log = logging.getLogger(__name__)

TITLES = {
    EntryKind.INCOME: "Bokför insättning",
    EntryKind.PAYMENT: "Bokför betalning",
    EntryKind.CASH: "Lämna ut kontanter",
}
DEFAULT_CATEGORY = {
    EntryKind.INCOME: "pension",
    EntryKind.PAYMENT: "hyra",
    EntryKind.CASH: "levnadsomkostnader",
}


class EntryDialog(FundsDialog):
    """One entry of the kind chosen; the amount is typed positive, the kind gives the sign."""

    def __init__(
        self,
        db: Database,
        account: AccountCard,
        kind: EntryKind,
        *,
        user_name: str,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(TITLES[kind], "Bokför", parent)
        self._db = db
        self._account = account
        self._kind = kind
        self._today = today
        self.posted: Posted | None = None

        who = QLabel(f"{account.name}, {account.identity}")
        who.setAccessibleName("Kontohavare")
        balance = QLabel(f"Saldo nu: {format_amount(account.balance_ore)}")
        balance.setAccessibleName("Saldo nu")
        self.entry_date = DateField("Datum", today)
        self.amount = AmountField("Belopp", zero=False)
        self.category = CategoryBox(
            BudgetDirection.INCOME if kind == EntryKind.INCOME else BudgetDirection.EXPENSE
        )
        self.category.select(DEFAULT_CATEGORY[kind])
        self.counterparty = QLineEdit()
        self.counterparty.setAccessibleName("Motpart")
        self.counterparty.setPlaceholderText(
            "Vem pengarna kom från" if kind == EntryKind.INCOME else "Vem som fick betalningen"
        )
        self.covers_month = DateField("Avser månad", rent_month_for(today), month_only=True)
        self.handed_out_by = QLineEdit(user_name)
        limit_to_columns(
            {
                self.counterparty: FundsTransaction.counterparty,
                self.handed_out_by: FundsTransaction.handed_out_by,
            }
        )
        self.handed_out_by.setAccessibleName("Utlämnat av")
        self.receipt_signed = QCheckBox("Klienten har signerat kvittot")
        self.receipt_signed.setAccessibleName("Kvittot är signerat")
        self.note = QLineEdit()
        self.note.setAccessibleName("Anteckning")

        self.form.addRow("Konto:", who)
        self.form.addRow("", balance)
        self.form.addRow("&Datum:", self.entry_date)
        self.form.addRow("&Belopp:", self.amount)
        self.form.addRow("&Kategori:", self.category)
        if kind == EntryKind.CASH:
            self.form.addRow("&Utlämnat av:", self.handed_out_by)
            self.form.addRow("", self.receipt_signed)
        else:
            self.form.addRow("&Motpart:", self.counterparty)
            self.form.addRow("A&vser månad:", self.covers_month)
        self.form.addRow("&Anteckning:", self.note)
        self.finish_layout()
        self.category.currentIndexChanged.connect(self._category_changed)
        self.entry_date.valueChanged.connect(self._date_changed)
        self._category_changed()

    def _category_changed(self) -> None:
        # Only rent is tracked per month it covers (it shows on the tenant's contract).
        rent = self.category.code() == "hyra" and self._kind == EntryKind.PAYMENT
        self.covers_month.setVisible(rent)
        label = self.form.labelForField(self.covers_month)
        if label is not None:
            label.setVisible(rent)

    def _date_changed(self) -> None:
        try:
            day = self.entry_date.required_value()
        except ValidationError:
            return  # not a date yet: the month it covers stays as it was
        self.covers_month.set_value(rent_month_for(day))

    def entry_input(self) -> EntryInput:
        is_rent = self._kind == EntryKind.PAYMENT and self.category.code() == "hyra"
        return EntryInput(
            kind=self._kind,
            entry_date=self.entry_date.required_value(),
            amount=self.amount.text(),
            category=self.category.code(),
            counterparty=self.counterparty.text() if self._kind != EntryKind.CASH else "",
            note=self.note.text(),
            handed_out_by=self.handed_out_by.text() if self._kind == EntryKind.CASH else "",
            receipt_signed=self.receipt_signed.isChecked(),
            covers_month=self.covers_month.required_value() if is_rent else None,
        )

    def commit(self) -> None:
        data = self.entry_input()
        try:
            self.posted = post_entry(self._db, self._account.id, data, today=self._today)
        except RentAlreadyPaidError as warning:
            if not confirm_post_twice(self, warning):
                raise ValidationError(
                    "Ingenting bokfördes: hyran för månaden är redan betald "
                    f"(verifikation {warning.first.voucher_number})."
                ) from None
            log.info("second rent payment confirmed on account %d", self._account.id)
            self.posted = post_entry(
                self._db, self._account.id, data, today=self._today, force=True
            )
        log.info(
            "entry booked on account %d: voucher %d", self._account.id, self.posted.voucher_number
        )


class ReverseDialog(FundsDialog):
    """Reverse one entry: a new entry cancels it exactly and points at it; the reason is kept."""

    def __init__(
        self,
        db: Database,
        entry: EntryLine,
        *,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(f"Rätta verifikation {entry.voucher_number}", "Bokför rättelse", parent)
        self._db = db
        self._entry = entry
        self._today = today
        self.posted: Posted | None = None
        explanation = QLabel(
            "En bokförd transaktion ändras eller tas aldrig bort. Rättelsen bokförs som en ny "
            "verifikation med motsatt belopp som pekar på den här. Bokför sedan den riktiga "
            "transaktionen på nytt om det behövs."
        )
        explanation.setWordWrap(True)
        what = QLabel(
            f"Verifikation {entry.voucher_number}, {format_date(entry.entry_date)}: "
            f"{entry.kind_label.lower()}, {entry.text}, {format_amount(entry.amount_ore)}"
        )
        what.setWordWrap(True)
        what.setAccessibleName("Transaktionen som rättas")
        self.entry_date = DateField("Rättelsens datum", max(today, entry.entry_date))
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Orsak")
        self.reason.setPlaceholderText("Till exempel: fel belopp, betald två gånger")
        self.form.addRow(explanation)
        self.form.addRow("Rättar:", what)
        self.form.addRow("Rättelsens belopp:", QLabel(format_amount(-entry.amount_ore)))
        self.form.addRow("&Datum:", self.entry_date)
        self.form.addRow("&Orsak:", self.reason)
        self.finish_layout()

    def commit(self) -> None:
        self.posted = reverse_entry(
            self._db,
            self._entry.id,
            self.reason.text(),
            entry_date=self.entry_date.required_value(),
            today=self._today,
        )
        log.info("entry %d reversed by voucher %d", self._entry.id, self.posted.voucher_number)
