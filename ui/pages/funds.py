"""The Egna medel page: the accounts on the left (search by name or personnummer), the card
of the selected account beside them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QItemSelection, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bobudget.app.todo import TodoItem
from bobudget.db.changes import ChangeKind, ChangeSet
from bobudget.db.engine import Database
from bobudget.funds.queries import search_accounts
from bobudget.kernel.errors import ValidationError

from ..changes import ChangeListener
from ..funds.account_dialogs import AccountDialog
from ..funds.account_view import AccountView
from ..funds.models import AccountListModel

SEARCH_LIMIT = 500
DEBOUNCE_MS = 200


class FundsPage(QWidget):
    def __init__(
        self,
        db: Database,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today
        self.setAccessibleName("Egna medel")

        self.field = QLineEdit()
        self.field.setPlaceholderText("Sök på namn eller personnummer")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Sök konto")
        self.show_closed = QCheckBox("Visa avslutade")
        self.show_closed.setAccessibleName("Visa avslutade konton")
        self.new_button = QPushButton("Nytt konto…")
        self.new_button.setAccessibleName("Öppna ett nytt konto för egna medel")
        self.new_button.clicked.connect(self.new_account)
        self.count_label = QLabel()
        self.count_label.setObjectName("muted")
        self.model = AccountListModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Konton")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = self.fontMetrics()
        for column, sample in enumerate(
            ("Efternamnsson-Långt, Förnamn", "19991231-9999", "999 999,00 kr", "2026-12-31")
        ):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        self.view = AccountView(db, today)

        # The list on top and the account below it: a ledger needs the window's full width.
        title = QLabel("Egna medel")
        title.setObjectName("pageTitle")
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(self.field, 1)
        top.addWidget(self.show_closed)
        top.addWidget(self.count_label)
        top.addWidget(self.new_button)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(12, 8, 12, 4)
        upper_layout.addLayout(top)
        upper_layout.addWidget(self.table, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("fundsSplitter")
        self.splitter.addWidget(upper)
        self.splitter.addWidget(self.view)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([210, 590])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.field.textChanged.connect(self._timer.start)
        self.field.returnPressed.connect(self._enter_in_field)
        self.show_closed.toggled.connect(lambda _on: self.run_search())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._reading_again = False
        self.changes = ChangeListener(self, self.concerns, self._reload_for_change)
        self.changes.stale = True  # the accounts are read when the page is first shown

    @staticmethod
    def concerns(changes: ChangeSet) -> bool:
        # The list shows the account holders' names, their balances and reviews.
        return changes.touches(ChangeKind.FUNDS, ChangeKind.PERSONS)

    def run_search(self, keep: int | None = None) -> None:
        self._timer.stop()
        keep = keep if keep is not None else self.selected_account_id()
        try:
            rows = search_accounts(
                self._db,
                self.field.text(),
                include_closed=self.show_closed.isChecked(),
                today=self._today(),
                limit=SEARCH_LIMIT,
            )
        except ValidationError as error:
            # A search refused (a control character, too long): say why where the count is.
            self.model.set_rows([])
            self.count_label.setText(str(error))
            return
        self.model.set_rows(rows)
        if len(rows) >= SEARCH_LIMIT:
            self.count_label.setText(f"Fler än {SEARCH_LIMIT} konton – skriv mer för att begränsa")
        else:
            self.count_label.setText("1 konto" if len(rows) == 1 else f"{len(rows)} konton")
        row = self.model.row_of(keep) if keep is not None else None
        if row is not None:
            self.table.selectRow(row)

    def selected_account_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.account_at(rows[0].row()).id if rows else None

    def open_todo_item(self, item: TodoItem) -> None:
        """Att göra: an account whose review is due opens here, selected."""
        if item.target_id is not None:
            self.select_account(item.target_id)

    def select_account(self, account_id: int) -> None:
        row = self.model.row_of(account_id)
        if row is None:
            self.field.clear()
            self.show_closed.setChecked(True)
            self.run_search()
            row = self.model.row_of(account_id)
        if row is not None:
            self.table.selectRow(row)

    def _reload_for_change(self) -> None:
        # The account is read once, below, not again when the list selects it anew.
        self._reading_again = True
        try:
            self.run_search()
        finally:
            self._reading_again = False
        self.view.reload()

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._reading_again:
            return
        account_id = self.selected_account_id()
        if account_id is not None:
            self.view.show_account(account_id)

    def _enter_in_field(self) -> None:
        self.run_search()
        if self.model.rowCount() and self.selected_account_id() is None:
            self.table.selectRow(0)
        self.table.setFocus()

    def focus_search(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def refresh(self) -> None:
        """F5: read the list and the shown account again."""
        self.run_search()
        self.view.reload()

    def new_account(self) -> None:
        dialog = AccountDialog(self._db, None, today=self._today(), parent=self)
        dialog.exec()
        if dialog.saved and dialog.account_id is not None:
            self.field.clear()
            self.select_account(dialog.account_id)

    def save_state(self) -> dict[str, QByteArray]:
        return {
            "splitter": self.splitter.saveState(),
            "columns": self.table.horizontalHeader().saveState(),
        }

    def restore_state(self, splitter: QByteArray | None, columns: QByteArray | None) -> None:
        if splitter:
            self.splitter.restoreState(splitter)
        if columns:
            self.table.horizontalHeader().restoreState(columns)
