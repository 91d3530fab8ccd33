"""The agreed monthly budget, and a recurring payment to be proposed each month."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from bobudget.db.engine import Database
from bobudget.funds.budget import BudgetInput, BudgetRow, budget_lines, save_budget
from bobudget.funds.recurring import (
    RecurringInput,
    RecurringRow,
    add_recurring,
    recurring_payments,
    update_recurring,
)
from bobudget.kernel.errors import ValidationError
from bobudget.kernel.money import format_amount, parse_amount_ore
from bobudget.model.vocab import BudgetDirection

from ..kit import amount_text
from .dialog import FundsDialog
from .fields import AmountField, CategoryBox

log = logging.getLogger(__name__)


class BudgetDialog(FundsDialog):
    """One row per category: incomes and expenses per month, and what is left."""

    def __init__(
        self, db: Database, account_id: int, lines: list[BudgetRow], parent: QWidget | None = None
    ) -> None:
        super().__init__("Budget per månad", parent=parent)
        self._db = db
        self._account_id = account_id
        self._lines = list(lines)
        self._read_versions = {line.id: line.version for line in lines}
        self.setMinimumWidth(640)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["", "Kategori", "Belopp per månad"])
        self.table.setAccessibleName("Budgetrader")
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(2, 160)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 16)
        self.table.setMinimumHeight(300)
        self._ids: list[int | None] = []
        self.summary = QLabel()
        self.summary.setAccessibleName("Summering")
        self._fill(lines)

        self.add_income = QPushButton("Lägg till &inkomst")
        self.add_expense = QPushButton("Lägg till &utgift")
        self.remove = QPushButton("&Ta bort rad")
        self.add_income.clicked.connect(
            lambda: self.add_budget_line(BudgetDirection.INCOME, "", None, None)
        )
        self.add_expense.clicked.connect(
            lambda: self.add_budget_line(BudgetDirection.EXPENSE, "", None, None)
        )
        self.remove.clicked.connect(self.remove_selected)
        row = QHBoxLayout()
        for button in (self.add_income, self.add_expense, self.remove):
            row.addWidget(button)
        row.addStretch(1)
        self.layout_.addWidget(self.table, 1)
        self.layout_.addLayout(row)
        self.layout_.addWidget(self.summary)
        self.finish_layout()
        self.update_summary()

    def add_budget_line(
        self, direction: BudgetDirection, category: str, ore: int | None, line_id: int | None
    ) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(direction.label)
        item.setData(256, direction)
        self.table.setItem(row, 0, item)
        box = CategoryBox(direction, f"Kategori, rad {row + 1}")
        if category:
            box.select(category)
        self.table.setCellWidget(row, 1, box)
        amount = QLineEdit(amount_text(ore) if ore is not None else "")
        amount.setAccessibleName(f"Belopp per månad, rad {row + 1}")
        amount.textChanged.connect(self.update_summary)
        self.table.setCellWidget(row, 2, amount)
        self._ids.append(line_id)
        self.update_summary()

    def _fill(self, lines: list[BudgetRow]) -> None:
        self.table.setRowCount(0)
        self._ids = []
        for line in lines:
            self.add_budget_line(line.direction, line.category, line.monthly_amount_ore, line.id)
        self.update_summary()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)
            del self._ids[row]
        self.update_summary()

    def _cells(self, row: int) -> tuple[BudgetDirection, CategoryBox, QLineEdit]:
        item = self.table.item(row, 0)
        box = self.table.cellWidget(row, 1)
        amount = self.table.cellWidget(row, 2)
        assert item is not None and isinstance(box, CategoryBox) and isinstance(amount, QLineEdit)
        return BudgetDirection(str(item.data(256))), box, amount

    def update_summary(self) -> None:
        totals = dict.fromkeys(BudgetDirection, 0)
        for row in range(self.table.rowCount()):
            direction, _box, amount = self._cells(row)
            try:
                totals[direction] += parse_amount_ore(amount.text()) if amount.text().strip() else 0
            except ValidationError:
                continue
        income, expense = totals[BudgetDirection.INCOME], totals[BudgetDirection.EXPENSE]
        self.summary.setText(
            f"Inkomster {format_amount(income)}, utgifter {format_amount(expense)}, "
            f"kvar {format_amount(income - expense)} per månad"
        )

    def budget_inputs(self) -> list[BudgetInput]:
        inputs = []
        for row in range(self.table.rowCount()):
            direction, box, amount = self._cells(row)
            inputs.append(BudgetInput(direction, box.code(), amount.text(), self._ids[row]))
        return inputs

    def commit(self) -> None:
        save_budget(self._db, self._account_id, self.budget_inputs(), self._read_versions)
        log.info("budget saved for funds account %d", self._account_id)

    # The budget is a table of lines, not form rows: the conflict box compares line by line,
    # and the typing is the lines themselves (loading builds the table anew).

    def values(self) -> dict[str, str]:
        shown: dict[str, str] = {}
        for row in range(self.table.rowCount()):
            direction, box, amount = self._cells(row)
            label = f"{BudgetDirection(direction).label} {box.currentText()}"
            shown[label] = amount.text().strip()
        return shown

    def typed_state(self) -> object:
        lines = []
        for row, line_id in enumerate(self._ids):
            direction, box, amount = self._cells(row)
            lines.append((direction, box.code(), amount.text(), line_id))
        return lines

    def restore_typed(self, state: object) -> None:
        assert isinstance(state, list)
        self.table.setRowCount(0)
        self._ids = []
        for direction, category, amount, line_id in state:
            self.add_budget_line(direction, category, None, line_id)
            self._cells(self.table.rowCount() - 1)[2].setText(amount)
        self.update_summary()

    def saved_now(self) -> list[BudgetRow]:
        return budget_lines(self._db, self._account_id)

    def load(self, saved: object) -> None:
        assert isinstance(saved, list)
        self._lines = saved
        self._read_versions = {line.id: line.version for line in saved}
        self._fill(saved)

    def edited(self) -> list[BudgetRow]:
        return self._lines


class RecurringDialog(FundsDialog):
    """A payment made every month (rent on the 25th…): proposed each month for confirmation."""

    def __init__(
        self,
        db: Database,
        account_id: int,
        existing: RecurringRow | None,
        parent: QWidget | None = None,
    ) -> None:
        title = "Ändra återkommande betalning" if existing else "Ny återkommande betalning"
        super().__init__(title, parent=parent)
        self._db = db
        self._account_id = account_id
        self._existing = existing
        self.day = QSpinBox()
        self.day.setRange(1, 31)
        self.day.setValue(25)
        self.day.setAccessibleName("Dag i månaden")
        self.amount = AmountField("Belopp", zero=False)
        self.category = CategoryBox(BudgetDirection.EXPENSE)
        self.category.select("hyra")
        self.counterparty = QLineEdit()
        self.counterparty.setAccessibleName("Mottagare")
        self.note = QLineEdit()
        self.note.setAccessibleName("Anteckning")
        self.covers_next = QCheckBox("Betalningen gäller nästa månad (som hyra i förskott)")
        self.covers_next.setAccessibleName("Gäller nästa månad")
        self.covers_next.setChecked(True)
        self.active = QCheckBox("Föreslå varje månad")
        self.active.setAccessibleName("Aktiv")
        self.active.setChecked(True)
        if existing:
            self._fill(existing)
        self.form.addRow("&Dag i månaden:", self.day)
        self.form.addRow("&Belopp:", self.amount)
        self.form.addRow("&Kategori:", self.category)
        self.form.addRow("&Mottagare:", self.counterparty)
        self.form.addRow("&Anteckning:", self.note)
        self.form.addRow("", self.covers_next)
        self.form.addRow("", self.active)
        hint = QLabel(
            "Betalningen bokförs aldrig av sig själv: den föreslås varje månad under "
            "Att bekräfta, och bokförs när du bekräftar den."
        )
        hint.setWordWrap(True)
        hint.setObjectName("muted")
        self.form.addRow(hint)
        self.finish_layout()

    def _fill(self, row: RecurringRow) -> None:
        self.day.setValue(row.day_of_month)
        self.amount.set_ore(row.amount_ore)
        self.category.select(row.category)
        self.counterparty.setText(row.counterparty)
        self.note.setText(row.note)
        self.covers_next.setChecked(row.covers_next_month)
        self.active.setChecked(row.active)

    def recurring_input(self) -> RecurringInput:
        return RecurringInput(
            day_of_month=self.day.value(),
            amount=self.amount.text(),
            category=self.category.code(),
            counterparty=self.counterparty.text(),
            note=self.note.text(),
            covers_next_month=self.covers_next.isChecked(),
            active=self.active.isChecked(),
        )

    def commit(self) -> None:
        data = self.recurring_input()
        if self._existing is None:
            add_recurring(self._db, self._account_id, data)
        else:
            update_recurring(self._db, self._existing.id, self._existing.version, data)

    def saved_now(self) -> RecurringRow | None:
        if self._existing is None:
            return None
        existing_id = self._existing.id
        rows = [r for r in recurring_payments(self._db, self._account_id) if r.id == existing_id]
        return rows[0] if rows else None

    def load(self, saved: object) -> None:
        assert isinstance(saved, RecurringRow)
        self._existing = saved
        self._fill(saved)

    def edited(self) -> RecurringRow | None:
        return self._existing
