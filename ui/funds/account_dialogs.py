"""Opening an account for a power of attorney, changing its facts, and closing it."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from bobudget.db.engine import Database
from bobudget.funds.accounts import close_account, open_account, update_account
from bobudget.funds.queries import AccountCard, AccountInput, get_account
from bobudget.funds.rules import default_power_of_attorney_end, default_review_date
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.money import format_amount
from bobudget.model import ManagedFundsAccount

from ..kit import ResponsibleField, limit_to_columns
from ..persons.search import PersonSearch
from .dialog import FundsDialog
from .fields import DateField, OptionalDateField

log = logging.getLogger(__name__)


class AccountDialog(FundsDialog):
    """A new account (pick the person first) or the facts of an existing one."""

    def __init__(
        self,
        db: Database,
        account: AccountCard | None,
        *,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Ändra konto" if account else "Nytt konto för egna medel", parent=parent)
        self._db = db
        self._account = account
        self._today = today
        self.account_id: int | None = account.id if account else None
        self.setMinimumWidth(620)
        start = account.power_of_attorney_start if account else today
        self.person_search: PersonSearch | None = None
        if account is None:
            self.person_search = PersonSearch(db)
            self.person_search.setMinimumHeight(220)
            self.person_search.run_search()
            self.form.addRow("&Person:", self.person_search)
        else:
            self.form.addRow("Person:", QLabel(f"{account.name}, {account.identity}"))
        self.start = DateField("Fullmaktens början", start)
        self.end = OptionalDateField(
            "Fullmaktens slut",
            "Slutar",
            account.power_of_attorney_end if account else None,
            default_power_of_attorney_end(start),
        )
        self.review = OptionalDateField(
            "Omprövningsdatum",
            "Omprövas",
            account.review_date if account else default_review_date(start),
            default_review_date(start),
        )
        self.bank = QLineEdit(account.bank_account_reference if account else "")
        limit_to_columns({self.bank: ManagedFundsAccount.bank_account_reference})
        self.bank.setAccessibleName("Bankkonto")
        self.bank.setPlaceholderText("Klientmedelskonto, clearingnummer och kontonummer")
        self.note = QPlainTextEdit(account.note if account else "")
        self.note.setAccessibleName("Anteckning")
        self.note.setFixedHeight(70)
        self.form.addRow("Fullmakt &från:", self.start)
        self.form.addRow("Fullmakt &till:", self.end)
        hint = QLabel(
            "Utan slutdatum gäller fullmakten tills vidare; den kan återkallas när som helst."
        )
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        self.form.addRow("", hint)
        self.form.addRow("&Omprövning:", self.review)
        self.form.addRow("&Bankkonto:", self.bank)
        self.form.addRow("&Anteckning:", self.note)
        self.responsible = ResponsibleField(
            db, account.responsible if account else "", new_record=account is None
        )
        self.form.addRow("A&nsvarig:", self.responsible)
        self.finish_layout()

    def account_input(self) -> AccountInput:
        return AccountInput(
            power_of_attorney_start=self.start.required_value(),
            power_of_attorney_end=self.end.value(),
            review_date=self.review.value(),
            bank_account_reference=self.bank.text(),
            note=self.note.toPlainText(),
            responsible=self.responsible.value(),
        )

    def commit(self) -> None:
        data = self.account_input()
        if self._account is None:
            assert self.person_search is not None
            person_id = self.person_search.selected_person_id()
            if person_id is None:
                raise ValidationError("Välj personen som har lämnat fullmakten i listan.")
            self.account_id = open_account(self._db, person_id, data)
            log.info("funds account %d opened", self.account_id)
        else:
            update_account(self._db, self._account.id, self._account.version, data)
            log.info("funds account %d updated", self._account.id)

    def saved_now(self) -> AccountCard | None:
        if self._account is None:
            return None
        return get_account(self._db, self._account.id, today=self._today)

    def load(self, saved: object) -> None:
        assert isinstance(saved, AccountCard)
        self._account = saved
        self.start.set_value(saved.power_of_attorney_start)
        self.end.set_value(saved.power_of_attorney_end)
        self.review.set_value(saved.review_date)
        self.bank.setText(saved.bank_account_reference)
        self.note.setPlainText(saved.note)
        self.responsible.set_value(saved.responsible)

    def edited(self) -> AccountCard | None:
        return self._account


class CloseAccountDialog(FundsDialog):
    """Close the account when the power of attorney ends; the money must be handed over first."""

    def __init__(
        self, db: Database, account: AccountCard, *, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__("Avsluta konto", "Avsluta kontot", parent)
        self._db = db
        self._account = account
        self._today = today
        text = QLabel(
            f"Kontot för {account.name} avslutas. Saldot är {format_amount(account.balance_ore)}: "
            "det måste vara betalt eller överfört till klienten (kategori Överfört vid avslut) "
            "innan kontot kan avslutas. Därefter kan inget mer bokföras på det."
        )
        text.setWordWrap(True)
        self.closed_date = DateField("Avslutsdatum", today)
        self.form.addRow(text)
        self.form.addRow("&Avslutas den:", self.closed_date)
        self.finish_layout()

    def commit(self) -> None:
        close_account(
            self._db, self._account.id, self.closed_date.required_value(), today=self._today
        )
        log.info("funds account %d closed", self._account.id)
