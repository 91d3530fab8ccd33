"""Table models for the Egna medel page: the account list and an account's entries (lazy)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from bobudget.db.engine import Database
from bobudget.funds.queries import AccountRow, EntryLine, entries_page, entry_count
from bobudget.kernel.formatting import format_date, format_timestamp
from bobudget.kernel.money import format_amount
from bobudget.kernel.urgency import Urgency
from bobudget.model.vocab import EntryKind
from ui.style import GREY, URGENCY_COLOURS
from ui.table_model import RowListModel

AnyIndex = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class AccountListModel(RowListModel[AccountRow]):
    """Accounts found by a search: holder, personnummer, balance, review date, state."""

    HEADERS = ("Namn", "Personnummer", "Saldo", "Omprövning", "Fullmakt")
    AccountIdRole = Qt.ItemDataRole.UserRole + 1

    def account_at(self, row: int) -> AccountRow:
        return self.row_at(row)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        account = self.shown_row(index)
        if account is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return account.name
            if column == 1:
                return account.identity
            if column == 2:
                return format_amount(account.balance_ore)
            if column == 3:
                return format_date(account.review_date) if account.closed_date is None else ""
            if account.closed_date is not None:
                return f"avslutad {format_date(account.closed_date)}"
            if account.review_status is Urgency.OVERDUE:
                return "omprövningen har passerat"
            return "omprövas snart" if account.review_status is Urgency.SOON else "gäller"
        if role == self.AccountIdRole:
            return account.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            if account.closed_date is not None:
                return QColor(GREY)
            status = account.review_status
            if column in (3, 4) and status is not None and status in URGENCY_COLOURS:
                return QColor(URGENCY_COLOURS[status])
        if role == Qt.ItemDataRole.ToolTipRole and column in (3, 4):
            if account.closed_date is not None:
                return f"Kontot avslutades {format_date(account.closed_date)}"
            if account.review_status is Urgency.OVERDUE:
                return "Fullmakten skulle ha omprövats: omprövningsdatumet har passerat"
            if account.review_status is Urgency.SOON:
                return "Fullmakten ska omprövas inom 30 dagar"
        return None


class EntryTableModel(QAbstractTableModel):
    """An account's entries, newest voucher first, fetched a page at a time as you scroll.

    The vouchers run 1…n without gaps, so the row count is known at once from the last
    voucher; only the rows shown are read, however long the ledger.
    """

    HEADERS = (
        "Ver.",
        "Datum",
        "Typ",
        "Kategori",
        "Motpart och anteckning",
        "Belopp",
        "Saldo",
        "Rättelse",
        "Bokförd av",
    )
    EntryIdRole = Qt.ItemDataRole.UserRole + 1
    PAGE = 200

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._account_id: int | None = None
        self._rows: list[EntryLine] = []
        self._total = 0

    @property
    def total(self) -> int:
        return self._total

    def set_account(self, account_id: int | None) -> None:
        self.beginResetModel()
        self._account_id = account_id
        self._rows = []
        self._total = entry_count(self._db, account_id) if account_id is not None else 0
        self.endResetModel()
        if self.canFetchMore():
            self.fetchMore()

    def reload(self) -> None:
        self.set_account(self._account_id)

    def entry_at(self, row: int) -> EntryLine:
        return self._rows[row]

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._account_id is None:
            return
        below = self._rows[-1].voucher_number if self._rows else None
        page = entries_page(self._db, self._account_id, below_voucher=below, limit=self.PAGE)
        if not page:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 8:
                return f"Bokförd {format_timestamp(entry.created_at)} av {entry.created_by}"
            return self._text(entry, column)
        if role == self.EntryIdRole:
            return entry.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 5, 6):
            return RIGHT
        cancelled = entry.reversed_by_voucher is not None or entry.kind == EntryKind.REVERSAL
        if role == Qt.ItemDataRole.ForegroundRole and cancelled:
            # Done with, in grey: an entry that was reversed, and the reversal itself.
            return QColor(GREY)
        if role == Qt.ItemDataRole.FontRole and entry.reversed_by_voucher is not None:
            font = QFont()
            font.setStrikeOut(column == 5)
            return font
        return None

    @staticmethod
    def _text(entry: EntryLine, column: int) -> str:
        if column == 0:
            return str(entry.voucher_number)
        if column == 1:
            return format_date(entry.entry_date)
        if column == 2:
            return entry.kind_label
        if column == 3:
            return entry.category_label
        if column == 4:
            parts = [entry.counterparty]
            if entry.kind == EntryKind.CASH:
                receipt = "kvitto signerat" if entry.receipt_signed else "kvitto ej signerat"
                parts.append(f"utlämnat av {entry.handed_out_by}, {receipt}")
            if entry.covers_month is not None:
                parts.append(f"avser {entry.covers_month:%Y-%m}")
            if entry.note:
                parts.append(entry.note)
            return " – ".join(p for p in parts if p)
        if column == 5:
            return format_amount(entry.amount_ore)
        if column == 6:
            return format_amount(entry.balance_after_ore)
        if column == 7:
            if entry.reverses_voucher is not None:
                return f"rättar ver. {entry.reverses_voucher}"
            if entry.reversed_by_voucher is not None:
                return f"rättad av ver. {entry.reversed_by_voucher}"
            return ""
        return entry.created_by
