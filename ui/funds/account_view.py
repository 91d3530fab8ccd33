"""The account card: whose money, the balance, the entries, and everything done to them."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bobudget.db.engine import Database
from bobudget.db.uow import current_username
from bobudget.funds.queries import AccountCard, EntryLine, get_account
from bobudget.funds.rules import why_not_reversible
from bobudget.kernel.errors import NotFoundError
from bobudget.kernel.formatting import format_date
from bobudget.kernel.money import format_amount
from bobudget.kernel.urgency import Urgency
from bobudget.model.vocab import EntryKind

from ..errors import message_box
from ..style import GREY, URGENCY_COLOURS
from .account_dialogs import AccountDialog, CloseAccountDialog
from .entry_dialogs import EntryDialog, ReverseDialog
from .models import EntryTableModel
from .output_dialogs import ExportDialog, StatementDialog
from .proposals_tab import ProposalsTab
from .reconcile_dialog import ReconcileDialog
from .statement import print_statement
from .tabs import BudgetTab, ReconciliationsTab, RentTab

log = logging.getLogger(__name__)

EMPTY_TEXT = "Välj ett konto i listan för att se saldo och transaktioner."


class AccountView(QWidget):
    """One account; the Egna medel page reads it again when a change concerns egna medel."""

    def __init__(
        self,
        db: Database,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today
        self.card: AccountCard | None = None
        self.setAccessibleName("Konto för egna medel")

        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setObjectName("muted")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name_label = QLabel()
        self.name_label.setObjectName("cardName")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.identity_label = QLabel()
        self.identity_label.setObjectName("cardIdentity")
        self.identity_label.setAccessibleName("Personnummer")
        self.badge = QLabel()
        self.badge.setObjectName("protectedBadge")
        self.balance_label = QLabel()
        self.balance_label.setObjectName("cardName")
        self.balance_label.setAccessibleName("Saldo")
        self.balance_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.facts_label = QLabel()
        self.facts_label.setWordWrap(True)
        self.facts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts_label.setAccessibleName("Fullmakt och bankkonto")
        self.review_label = QLabel()
        self.review_label.setAccessibleName("Omprövning")

        self.income_button = self._button("&Insättning…", "Bokför en insättning", self.post_income)
        self.payment_button = self._button("&Betalning…", "Bokför en betalning", self.post_payment)
        self.cash_button = self._button("&Kontanter…", "Lämna ut kontanter", self.post_cash)
        self.reverse_button = self._button(
            "&Rätta…", "Rätta den markerade transaktionen", self.reverse_selected
        )
        self.reconcile_button = self._button("&Stäm av…", "Stäm av mot banken", self.reconcile)
        self.export_button = self._button("E&xportera…", "Exportera transaktioner", self.export)
        self.statement_button = self._button(
            "Skriv ut k&ontoutdrag…", "Skriv ut kontoutdrag", self.print_statement
        )
        self.edit_button = self._button("Ändra konto…", "Ändra kontots uppgifter", self.edit)
        self.close_button = self._button("Avsluta konto…", "Avsluta kontot", self.close_account)

        self.entries = EntryTableModel(db, self)
        self.table = QTableView()
        self.table.setModel(self.entries)
        self.table.setAccessibleName("Transaktioner")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        metrics = self.fontMetrics()
        samples = (
            "99999",
            "2026-12-31",
            "Kontantutbetalning",
            "Aktivitetsersättning",
            "",
            "-99 999,00 kr",
            "999 999,00 kr",
            "rättad av ver. 9999",
            "bokfördav",
        )
        for column, sample in enumerate(samples):
            if sample:
                header.resizeSection(column, metrics.horizontalAdvance(sample) + 20)
        self.table.doubleClicked.connect(lambda _index: self.reverse_selected())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.entries.modelReset.connect(self._selection_changed)
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")

        self.proposals_tab = ProposalsTab(db, today)
        self.budget_tab = BudgetTab(db, today)
        self.reconciliations_tab = ReconciliationsTab(db)
        self.rent_tab = RentTab(db, today)
        entries_page = QWidget()
        entries_layout = QVBoxLayout(entries_page)
        entries_layout.setContentsMargins(0, 4, 0, 0)
        entries_layout.addWidget(self.table, 1)
        entries_layout.addWidget(self.count_label)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Kontots delar")
        self.tabs.addTab(entries_page, "&Transaktioner")
        self.tabs.addTab(self.proposals_tab, "Att bekräfta")
        self.tabs.addTab(self.budget_tab, "Bu&dget och utfall")
        self.tabs.addTab(self.reconciliations_tab, "A&vstämningar")
        self.tabs.addTab(self.rent_tab, "&Hyra per månad")

        self.content = QWidget()
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        header_row = QHBoxLayout()
        names = QVBoxLayout()
        names.addWidget(self.name_label)
        identity_row = QHBoxLayout()
        identity_row.addWidget(self.identity_label)
        identity_row.addWidget(self.badge)
        identity_row.addStretch(1)
        names.addLayout(identity_row)
        header_row.addLayout(names, 1)
        header_row.addWidget(self.balance_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header_row)
        facts_row = QHBoxLayout()
        facts_row.addWidget(self.facts_label, 1)
        facts_row.addWidget(self.review_label)
        facts_row.addWidget(self.edit_button)
        facts_row.addWidget(self.close_button)
        layout.addLayout(facts_row)
        actions = QHBoxLayout()
        for button in (
            self.income_button,
            self.payment_button,
            self.cash_button,
            self.reverse_button,
            self.reconcile_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.export_button)
        actions.addWidget(self.statement_button)
        layout.addLayout(actions)
        layout.addWidget(self.tabs, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.empty_label)
        outer.addWidget(self.content, 1)
        self.clear()

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    # --- showing -------------------------------------------------------------------------

    def clear(self) -> None:
        self.card = None
        self.entries.set_account(None)
        self.empty_label.show()
        self.content.hide()

    def show_account(self, account_id: int) -> None:
        try:
            card = get_account(self._db, account_id, today=self._today())
        except NotFoundError as error:
            self.clear()
            self.empty_label.setText(str(error))
            return
        log.info("funds account shown: %d", account_id)
        self.card = card
        self.empty_label.setText(EMPTY_TEXT)
        self.empty_label.hide()
        self.content.show()
        self.name_label.setText(card.name)
        self.identity_label.setText(card.identity)
        self.badge.setVisible(card.protected or not card.is_open)
        if not card.is_open:
            self.badge.setText(f"Avslutat {format_date(card.closed_date)}")
            self.badge.setStyleSheet(f"background: {GREY};")
        elif card.protected:
            self.badge.setText("Skyddade personuppgifter")
            self.badge.setStyleSheet("")
        self.balance_label.setText(f"Saldo {format_amount(card.balance_ore)}")
        end = (
            format_date(card.power_of_attorney_end)
            if card.power_of_attorney_end
            else "tills vidare"
        )
        facts = f"Fullmakt {format_date(card.power_of_attorney_start)} – {end}"
        if card.bank_account_reference:
            facts += f"  ·  {card.bank_account_reference}"
        if card.note:
            facts += f"\n{card.note}"
        self.facts_label.setText(facts)
        self._show_review(card)
        for button in (
            self.income_button,
            self.payment_button,
            self.cash_button,
            self.reverse_button,
            self.close_button,
        ):
            button.setEnabled(card.is_open)
        self._selection_changed()
        self.entries.set_account(card.id)
        self.count_label.setText(
            "Inga transaktioner än."
            if card.entry_count == 0
            else f"{card.entry_count} transaktioner, nyaste först. Dubbelklicka för att rätta."
        )
        self.proposals_tab.show_account(card.id, card.is_open)
        waiting = len(self.proposals_tab.proposals)
        self.tabs.setTabText(1, f"Att &bekräfta ({waiting})" if waiting else "Att &bekräfta")
        self.budget_tab.show_account(card.id)
        self.reconciliations_tab.show_account(card.id)
        self.rent_tab.show_account(card.id)

    def _show_review(self, card: AccountCard) -> None:
        if card.review_date is None or not card.is_open:
            self.review_label.setText("")
            return
        text = f"Omprövning {format_date(card.review_date)}"
        status = card.review_status
        words = {Urgency.OVERDUE: " – har passerat", Urgency.SOON: " – snart"}
        if status is not None and status in words:
            self.review_label.setText(text + words[status])
            self.review_label.setStyleSheet(f"color: {URGENCY_COLOURS[status]}; font-weight: bold;")
        else:
            self.review_label.setText(text)
            self.review_label.setStyleSheet("")

    def reload(self) -> None:
        if self.card is not None:
            self.show_account(self.card.id)

    def selected_entry(self) -> EntryLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries.entry_at(rows[0].row()) if rows else None

    # --- actions -------------------------------------------------------------------------

    def _post(self, kind: EntryKind) -> None:
        if self.card is None:
            return
        dialog = EntryDialog(
            self._db,
            self.card,
            kind,
            user_name=current_username(self._db),
            today=self._today(),
            parent=self,
        )
        # A save is read again, here and in the list, through the change signal.
        dialog.exec()

    def post_income(self) -> None:
        self._post(EntryKind.INCOME)

    def post_payment(self) -> None:
        self._post(EntryKind.PAYMENT)

    def post_cash(self) -> None:
        self._post(EntryKind.CASH)

    def _why_not_reversible(self) -> str | None:
        """Why the selected entry cannot be reversed (the ledger's rule says), or None."""
        entry = self.selected_entry()
        if entry is None:
            return None
        return why_not_reversible(entry.kind, entry.voucher_number, entry.reversed_by_voucher)

    def _selection_changed(self, *_args: object) -> None:
        """ "Rätta…" is offered only for an entry that can be reversed; the tooltip says why
        not (already reversed, or itself a reversal)."""
        if self.card is None:
            return
        reason = self._why_not_reversible()
        self.reverse_button.setEnabled(self.card.is_open and reason is None)
        if not self.card.is_open:
            self.reverse_button.setToolTip("Kontot är avslutat: ingenting kan bokföras.")
        else:
            self.reverse_button.setToolTip(reason or "Rätta den markerade transaktionen")
        self.reverse_button.setAccessibleDescription(reason or "")

    def reverse_selected(self) -> None:
        if self.card is None or not self.card.is_open:
            return
        entry = self.selected_entry()
        if entry is None:
            box = message_box(
                self, QMessageBox.Icon.Information, "Markera transaktionen som ska rättas i listan."
            )
            box.exec()
            return
        reason = self._why_not_reversible()
        if reason is not None:
            # A double click on such a row says why instead of opening a form to be refused.
            box = message_box(self, QMessageBox.Icon.Information, reason)
            box.exec()
            return
        dialog = ReverseDialog(self._db, entry, today=self._today(), parent=self)
        # A save is read again, here and in the list, through the change signal.
        dialog.exec()

    def reconcile(self) -> None:
        if self.card is None:
            return
        dialog = ReconcileDialog(self._db, self.card.id, today=self._today(), parent=self)
        dialog.exec()
        if dialog.saved:
            self.tabs.setCurrentWidget(self.reconciliations_tab)

    def export(self) -> None:
        if self.card is None:
            return
        dialog = ExportDialog(self._db, self.card, today=self._today(), parent=self)
        dialog.exec()
        if dialog.saved and dialog.path is not None:
            box = message_box(
                self,
                QMessageBox.Icon.Information,
                f"{dialog.count} transaktioner exporterades till {dialog.path}.",
            )
            box.exec()

    def edit(self) -> None:
        if self.card is None:
            return
        dialog = AccountDialog(self._db, self.card, today=self._today(), parent=self)
        # A save is read again, here and in the list, through the change signal.
        dialog.exec()

    def close_account(self) -> None:
        if self.card is None:
            return
        dialog = CloseAccountDialog(self._db, self.card, today=self._today(), parent=self)
        # A save is read again, here and in the list, through the change signal.
        dialog.exec()

    def print_statement(self) -> None:
        if self.card is None:
            return
        dialog = StatementDialog(today=self._today(), parent=self)
        dialog.exec()
        if dialog.saved:
            print_statement(self, self._db, self.card, dialog.chosen_month(), self._today())
