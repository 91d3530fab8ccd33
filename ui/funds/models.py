"""Table models for the Egna medel page: the account list and an account's entries (lazy)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject
from PySide6.QtGui import QFont

from bobudget.db.engine import Database
from bobudget.funds.queries import AccountRow, EntryLine, entries_page, entry_count
from bobudget.funds.rules import REVIEW_WINDOW_DAYS
from bobudget.kernel.formatting import format_date, format_timestamp
from bobudget.kernel.money import format_amount
from bobudget.kernel.urgency import Urgency
from bobudget.model.vocab import EntryKind

from ..kit.id_rows import RowListModel
from ..kit.table_model import Column, TableModel
from ..style import GREY, URGENCY_COLOURS


def _review_state(account: AccountRow) -> str:
    if account.closed_date is not None:
        return f"avslutad {format_date(account.closed_date)}"
    if account.review_status is Urgency.OVERDUE:
        return "omprövningen har passerat"
    return "omprövas snart" if account.review_status is Urgency.SOON else "gäller"


def _review_colour(account: AccountRow) -> str | None:
    if account.closed_date is not None:
        return GREY
    status = account.review_status
    return URGENCY_COLOURS.get(status) if status is not None else None


def _review_tooltip(account: AccountRow) -> str | None:
    if account.closed_date is not None:
        return f"Kontot avslutades {format_date(account.closed_date)}"
    if account.review_status is Urgency.OVERDUE:
        return "Fullmakten skulle ha omprövats: omprövningsdatumet har passerat"
    if account.review_status is Urgency.SOON:
        return f"Fullmakten ska omprövas inom {REVIEW_WINDOW_DAYS} dagar"
    return None


def _grey_if_closed(account: AccountRow) -> str | None:
    return GREY if account.closed_date is not None else None


def _no_tooltip(_account: AccountRow) -> str | None:
    return None


class AccountListModel(RowListModel[AccountRow]):
    """Accounts found by a search: holder, personnummer, balance, review date, state."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column("Namn", lambda a: a.name, colour=_grey_if_closed, tooltip=_no_tooltip),
                Column(
                    "Personnummer",
                    lambda a: a.identity,
                    colour=_grey_if_closed,
                    tooltip=_no_tooltip,
                ),
                Column(
                    "Saldo",
                    lambda a: format_amount(a.balance_ore),
                    right=True,
                    colour=_grey_if_closed,
                    tooltip=_no_tooltip,
                ),
                Column(
                    "Omprövning",
                    lambda a: format_date(a.review_date) if a.closed_date is None else "",
                    colour=_review_colour,
                    tooltip=_review_tooltip,
                ),
                Column("Fullmakt", _review_state, colour=_review_colour, tooltip=_review_tooltip),
                Column(
                    "Ansvarig",
                    lambda a: a.responsible_name or "–",
                    colour=_grey_if_closed,
                    tooltip=_no_tooltip,
                ),
            ],
            parent=parent,
        )

    def account_at(self, row: int) -> AccountRow:
        return self.row_at(row)


def _details(entry: EntryLine) -> str:
    parts = [entry.counterparty]
    if entry.kind == EntryKind.CASH:
        receipt = "kvitto signerat" if entry.receipt_signed else "kvitto ej signerat"
        parts.append(f"utlämnat av {entry.handed_out_by}, {receipt}")
    if entry.covers_month is not None:
        parts.append(f"avser {entry.covers_month:%Y-%m}")
    if entry.note:
        parts.append(entry.note)
    return " – ".join(p for p in parts if p)


def _correction(entry: EntryLine) -> str:
    if entry.reverses_voucher is not None:
        return f"rättar ver. {entry.reverses_voucher}"
    if entry.reversed_by_voucher is not None:
        return f"rättad av ver. {entry.reversed_by_voucher}"
    return ""


def _cancelled_grey(entry: EntryLine) -> str | None:
    # Done with, in grey: an entry that was reversed, and the reversal itself.
    cancelled = entry.reversed_by_voucher is not None or entry.kind == EntryKind.REVERSAL
    return GREY if cancelled else None


def _plain_if_reversed(entry: EntryLine) -> QFont | None:
    return QFont() if entry.reversed_by_voucher is not None else None


def _struck_if_reversed(entry: EntryLine) -> QFont | None:
    if entry.reversed_by_voucher is None:
        return None
    font = QFont()
    font.setStrikeOut(True)
    return font


ENTRY_COLUMNS: list[Column[EntryLine]] = [
    Column("Ver.", lambda e: str(e.voucher_number), right=True),
    Column("Datum", lambda e: format_date(e.entry_date)),
    Column("Typ", lambda e: e.kind_label),
    Column("Kategori", lambda e: e.category_label),
    Column("Motpart och anteckning", _details),
    Column("Belopp", lambda e: format_amount(e.amount_ore), right=True, font=_struck_if_reversed),
    Column("Saldo", lambda e: format_amount(e.balance_after_ore), right=True),
    Column("Rättelse", _correction),
    Column(
        "Bokförd av",
        lambda e: e.created_by,
        tooltip=lambda e: f"Bokförd {format_timestamp(e.created_at)} av {e.created_by}",
    ),
]


class EntryTableModel(TableModel[EntryLine]):
    """An account's entries, newest voucher first, fetched a page at a time as you scroll.

    The vouchers run 1…n without gaps, so the row count is known at once from the last
    voucher; only the rows shown are read, however long the ledger.
    """

    PAGE = 200

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(
            ENTRY_COLUMNS,
            row_colour=_cancelled_grey,
            row_font=_plain_if_reversed,
            page_size=self.PAGE,
            parent=parent,
        )
        self._db = db
        self._account_id: int | None = None

    def set_account(self, account_id: int | None) -> None:
        self._account_id = account_id
        total = entry_count(self._db, account_id) if account_id is not None else 0
        self.reload(self._next_page, total)

    def _next_page(self, offset: int, limit: int) -> Sequence[EntryLine]:
        """Read by voucher (keyset), not by offset: the page below the last one shown."""
        if self._account_id is None:
            return []
        shown = self.rows()[:offset]
        below = shown[-1].voucher_number if shown else None
        return entries_page(self._db, self._account_id, below_voucher=below, limit=limit)

    def reload_account(self) -> None:
        self.set_account(self._account_id)

    def entry_at(self, row: int) -> EntryLine:
        return self.row_at(row)
