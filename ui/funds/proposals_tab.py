"""The account card's tab of recurring payments: what is proposed this month, to confirm."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bobudget.db.engine import Database
from bobudget.funds.recurring import (
    Proposal,
    RecurringRow,
    confirm_proposal,
    recurring_payments,
    recurring_proposals,
)
from bobudget.funds.rules import RentAlreadyPaidError
from bobudget.kernel.errors import DomainError
from bobudget.kernel.formatting import format_date
from bobudget.kernel.money import format_amount

from ..changes import run_change
from ..errors import message_box
from ..persons.card import CardTable
from ..style import GREY, RED
from .already_paid import confirm_post_twice
from .plan_dialogs import RecurringDialog
from .tabs import Today, paint_column, scrolled, section

log = logging.getLogger(__name__)


class ProposalsTab(QWidget):
    """Recurring payments proposed this month (and last, if still unpaid), to confirm."""

    def __init__(self, db: Database, today: Today) -> None:
        super().__init__()
        self._db = db
        self._today = today
        self._account_id: int | None = None
        self._open = True
        self.proposals: list[Proposal] = []
        self.recurring: list[RecurringRow] = []
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Dag", "Vad", "Mottagare", "Avser", "Belopp"])
        self.table.setAccessibleName("Föreslagna betalningar")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel("Inga betalningar att bekräfta just nu.")
        self.empty.setObjectName("muted")
        self.confirm_button = QPushButton("&Bekräfta markerade")
        self.confirm_button.setAccessibleName("Bekräfta de markerade betalningarna")
        self.confirm_button.clicked.connect(self.confirm_checked)
        self.recurring_table = CardTable(
            ("Dag", "Kategori", "Mottagare", "Belopp", "Gäller", "Föreslås"),
            "Återkommande betalningar",
            2,
        )
        self.recurring_empty = QLabel(
            "Inga återkommande betalningar är upplagda. Lägg upp till exempel hyran, så "
            "föreslås den varje månad."
        )
        self.recurring_empty.setObjectName("muted")
        self.recurring_empty.setWordWrap(True)
        self.new_button = QPushButton("&Ny återkommande betalning…")
        self.new_button.clicked.connect(self.new_recurring)
        self.edit_button = QPushButton("Ä&ndra återkommande…")
        self.edit_button.clicked.connect(self.edit_recurring)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(section("Att bekräfta"))
        hint = QLabel(
            "Bocka för det som är betalt och bekräfta: då bokförs betalningen. En föreslagen "
            "betalning som inte bekräftas ligger kvar, även efter att månaden har gått."
        )
        hint.setWordWrap(True)
        hint.setObjectName("muted")
        layout.addWidget(hint)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        layout.addWidget(self.confirm_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(section("Återkommande betalningar"))
        layout.addWidget(self.recurring_empty)
        layout.addWidget(self.recurring_table)
        layout.addLayout(buttons)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolled(content))

    def show_account(self, account_id: int, is_open: bool) -> None:
        self._account_id = account_id
        self._open = is_open
        today = self._today()
        self.proposals = recurring_proposals(self._db, account_id, today=today)
        self.table.setRowCount(len(self.proposals))
        for row, p in enumerate(self.proposals):
            values = [
                format_date(p.proposed_date),
                p.label,
                p.counterparty,
                f"{p.covers_month:%Y-%m}",
                format_amount(p.amount_ore),
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 0:
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Unchecked)
                if p.is_late(today):
                    item.setForeground(QColor(RED))
                    item.setToolTip("Dagen har passerat utan att betalningen bekräftats")
                self.table.setItem(row, column, item)
        height = self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(r) for r in range(len(self.proposals)))
        self.table.setFixedHeight(min(height, 260))
        self.table.setVisible(bool(self.proposals))
        self.empty.setVisible(not self.proposals)
        self.confirm_button.setEnabled(bool(self.proposals) and is_open)
        self.recurring = recurring_payments(self._db, account_id)
        self.recurring_table.set_rows(
            [
                [
                    str(r.day_of_month),
                    r.label,
                    r.counterparty,
                    format_amount(r.amount_ore),
                    "nästa månad" if r.covers_next_month else "samma månad",
                    "ja" if r.active else "nej",
                ]
                for r in self.recurring
            ]
        )
        paint_column(self.recurring_table, 5, [None if r.active else GREY for r in self.recurring])
        self.recurring_table.setVisible(bool(self.recurring))
        self.recurring_empty.setVisible(not self.recurring)
        self.new_button.setEnabled(is_open)
        self.edit_button.setEnabled(bool(self.recurring))

    def check(self, row: int, checked: bool = True) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def confirm_checked(self) -> None:
        if self._account_id is None:
            return
        chosen = [
            p
            for row, p in enumerate(self.proposals)
            if (item := self.table.item(row, 0)) is not None
            and item.checkState() == Qt.CheckState.Checked
        ]
        if not chosen:
            box = message_box(
                self, QMessageBox.Icon.Information, "Bocka för de betalningar som är gjorda."
            )
            box.exec()
            return
        refused: list[str] = []

        def confirm_all() -> None:
            for p in chosen:
                try:
                    try:
                        confirm_proposal(self._db, p.recurring_id, p.month, today=self._today())
                    except RentAlreadyPaidError as warning:
                        if not confirm_post_twice(self, warning):
                            raise
                        confirm_proposal(
                            self._db, p.recurring_id, p.month, today=self._today(), force=True
                        )
                except DomainError as error:
                    refused.append(f"{p.label} {format_date(p.proposed_date)}: {error}")

        # All the confirmations are one action: the account is read again once.
        run_change(confirm_all)
        if refused:
            box = message_box(
                self,
                QMessageBox.Icon.Warning,
                "Några betalningar kunde inte bokföras. De ligger kvar att bekräfta.",
                informative="\n".join(refused),
            )
            box.exec()

    def new_recurring(self) -> None:
        if self._account_id is None:
            return
        dialog = RecurringDialog(self._db, self._account_id, None, self)
        dialog.exec()

    def edit_recurring(self) -> None:
        if self._account_id is None or not self.recurring:
            return
        rows = self.recurring_table.selectionModel().selectedRows()
        chosen = self.recurring[rows[0].row()] if rows else self.recurring[0]
        dialog = RecurringDialog(self._db, self._account_id, chosen, self)
        dialog.exec()
