"""The account card's tabs beside the entries: budget, reconciliations and rent per month."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from bobudget.db.engine import Database
from bobudget.funds.budget import budget_lines
from bobudget.funds.reconcile import reconciliations
from bobudget.funds.rent import RentStatus, holder_contracts, rent_by_month
from bobudget.funds.reports import budget_outcome
from bobudget.kernel.formatting import format_date, format_timestamp
from bobudget.kernel.money import format_amount
from bobudget.kernel.months import first_of_month
from bobudget.model.vocab import BudgetDirection, ContractKind

from ..persons.card import CardTable
from ..style import AMBER, GREY, RED
from .fields import DateField
from .plan_dialogs import BudgetDialog

log = logging.getLogger(__name__)

Today = Callable[[], dt.date]


def scrolled(content: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area


def section(title: str) -> QLabel:
    label = QLabel(title)
    label.setObjectName("sectionTitle")
    return label


def paint_column(table: CardTable, column: int, colours: list[str | None]) -> None:
    for row, colour in enumerate(colours):
        item = table.item(row, column)
        if item is not None and colour:
            item.setForeground(QColor(colour))


class BudgetTab(QWidget):
    """The agreed budget beside the outcome, by category, for a chosen month."""

    def __init__(self, db: Database, today: Today) -> None:
        super().__init__()
        self._db = db
        self._account_id: int | None = None
        self.month = DateField("Månad", first_of_month(today()), month_only=True)
        self.month.valueChanged.connect(self.refresh)
        self.table = CardTable(("Kategori", "Budget", "Utfall", "Skillnad"), "Budget och utfall", 0)
        self.empty = QLabel("Ingen budget är upplagd och inget har bokförts den månaden.")
        self.empty.setObjectName("muted")
        self.edit_button = QPushButton("Ändra &budget…")
        self.edit_button.clicked.connect(self.edit_budget)
        top = QHBoxLayout()
        top.addWidget(QLabel("Månad:"))
        top.addWidget(self.month)
        top.addStretch(1)
        top.addWidget(self.edit_button)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolled(content))

    def show_account(self, account_id: int) -> None:
        self._account_id = account_id
        self.refresh()

    def refresh(self) -> None:
        if self._account_id is None:
            return
        result = budget_outcome(self._db, self._account_id, self.month.required_value())
        rows: list[list[str]] = []
        colours: list[str | None] = []
        for direction, title in (
            (BudgetDirection.INCOME, "Inkomster"),
            (BudgetDirection.EXPENSE, "Utgifter"),
        ):
            lines = [line for line in result.lines if line.direction == direction]
            if not lines:
                continue
            for line in lines:
                rows.append(
                    [
                        line.label,
                        format_amount(line.budget_ore),
                        format_amount(line.outcome_ore),
                        format_amount(line.difference_ore),
                    ]
                )
                over = direction == BudgetDirection.EXPENSE and line.difference_ore > 0
                short = direction == BudgetDirection.INCOME and line.difference_ore < 0
                colours.append(AMBER if over or short else None)
            budget, outcome = result.total(direction, "budget"), result.total(direction, "outcome")
            rows.append(
                [
                    f"Summa {title.lower()}",
                    format_amount(budget),
                    format_amount(outcome),
                    format_amount(outcome - budget),
                ]
            )
            colours.append(None)
        self.table.set_rows(rows)
        paint_column(self.table, 3, colours)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)

    def edit_budget(self) -> None:
        if self._account_id is None:
            return
        dialog = BudgetDialog(
            self._db, self._account_id, budget_lines(self._db, self._account_id), self
        )
        # A save is read again, with the whole account, through the change signal.
        dialog.exec()


class ReconciliationsTab(QWidget):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self._db = db
        self.table = CardTable(
            ("Per datum", "Bankens saldo", "Bokfört", "Differens", "Anteckning", "Gjord"),
            "Avstämningar",
            4,
        )
        self.empty = QLabel("Kontot har inte stämts av mot banken än.")
        self.empty.setObjectName("muted")
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolled(content))

    def show_account(self, account_id: int) -> None:
        lines = reconciliations(self._db, account_id)
        self.table.set_rows(
            [
                [
                    format_date(r.reconciled_on),
                    format_amount(r.bank_balance_ore),
                    format_amount(r.book_balance_ore),
                    format_amount(r.difference_ore),
                    r.note,
                    f"{format_timestamp(r.created_at)} {r.created_by}",
                ]
                for r in lines
            ]
        )
        paint_column(self.table, 3, [RED if r.difference_ore else None for r in lines])
        self.table.setVisible(bool(lines))
        self.empty.setVisible(not lines)


# How much of the rent was paid, not how late (bobudget.funds.rent.RentStatus): nothing paid
# red, part paid amber, months egna medel did not pay grey.
STATUS_COLOURS = {
    RentStatus.MISSING: RED,
    RentStatus.PARTIAL: AMBER,
    RentStatus.NOT_MANAGED: GREY,
    RentStatus.NO_RENT: GREY,
}


class RentTab(QWidget):
    """The rent of the holder's contract, month by month, against what egna medel paid."""

    def __init__(self, db: Database, today: Today) -> None:
        super().__init__()
        self._db = db
        self._today = today
        self._account_id: int | None = None
        self.contract = QComboBox()
        self.contract.setAccessibleName("Kontrakt")
        self.contract.currentIndexChanged.connect(self.refresh)
        self.table = CardTable(
            ("Månad", "Hyra", "Betalt från egna medel", "Status", "Verifikationer"),
            "Hyra per månad",
            4,
        )
        self.empty = QLabel("Kontohavaren har inget kontrakt registrerat.")
        self.empty.setObjectName("muted")
        top = QHBoxLayout()
        top.addWidget(QLabel("Kontrakt:"))
        top.addWidget(self.contract, 1)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        layout.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolled(content))

    def show_account(self, account_id: int) -> None:
        self._account_id = account_id
        contracts = holder_contracts(self._db, account_id)
        self.contract.blockSignals(True)
        self.contract.clear()
        for c in contracts:
            end = f"–{format_date(c.end_date)}" if c.end_date else "–"
            label = f"{ContractKind(c.kind).label} {format_date(c.start_date)}{end}"
            self.contract.addItem(label, c.id)
        self.contract.blockSignals(False)
        self.contract.setVisible(bool(contracts))
        self.refresh()

    def refresh(self) -> None:
        contract_id = self.contract.currentData()
        if contract_id is None:
            self.table.set_rows([])
            self.table.hide()
            self.empty.show()
            return
        months = list(reversed(rent_by_month(self._db, int(contract_id), today=self._today())))
        self.table.set_rows(
            [
                [
                    f"{m.month:%Y-%m}",
                    format_amount(m.rent_ore) if m.rent_ore is not None else "",
                    format_amount(m.paid_ore) if m.paid_ore else "",
                    m.status.label,
                    ", ".join(str(v) for v in m.vouchers),
                ]
                for m in months
            ]
        )
        paint_column(self.table, 3, [STATUS_COLOURS.get(m.status) for m in months])
        self.table.show()
        self.empty.hide()
