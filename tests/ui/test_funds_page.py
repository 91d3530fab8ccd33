"""The Egna medel page, driven as a user drives it: search, book, reverse, reconcile, confirm,
budget, export, print, open and close accounts. Real widgets, offscreen."""

from __future__ import annotations

import datetime as dt
import sys
import types
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from bobudget.db.engine import Database
from bobudget.db.uow import UnitOfWork
from bobudget.funds import queries as funds
from bobudget.funds.accounts import close_account, open_account
from bobudget.funds.posting import post_entry
from bobudget.funds.queries import AccountInput, EntryInput
from bobudget.funds.recurring import RecurringInput, add_recurring
from bobudget.model import Contract
from tests.ui.placement_helpers import ready_to_write_letters
from ui.funds import statement
from ui.funds.account_dialogs import AccountDialog, CloseAccountDialog
from ui.funds.entry_dialogs import EntryDialog, ReverseDialog
from ui.funds.models import AccountListModel
from ui.funds.output_dialogs import ExportDialog, StatementDialog
from ui.funds.plan_dialogs import BudgetDialog, RecurringDialog
from ui.funds.reconcile_dialog import ReconcileDialog
from ui.main_window import MainWindow
from ui.pages.funds import FundsPage
from ui.style import RED

TODAY = dt.date(2026, 11, 27)
START = dt.date(2026, 1, 1)
NBSP = "\u00a0"

Handler = Callable[[QDialog], None]


class Dialogs:
    """Modal dialogs answered by the test: each handler gets the dialog the page opened."""

    def __init__(self) -> None:
        self.handlers: list[Handler] = []
        self.shown: list[QDialog] = []

    def then(self, handler: Handler) -> None:
        self.handlers.append(handler)


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    answered = Dialogs()

    def fake_exec(dialog: QDialog) -> int:
        answered.shown.append(dialog)
        if answered.handlers:
            answered.handlers.pop(0)(dialog)
        if dialog.isVisible() or dialog.result() == 0:
            dialog.reject()
        return int(dialog.result())

    monkeypatch.setattr(QDialog, "exec", fake_exec)
    return answered


def book(db: Database, account: int, kind: str, day: dt.date, amount: int, category: str) -> None:
    post_entry(
        db,
        account,
        EntryInput(kind, day, amount, category, "Motpart", handed_out_by="Lena"),
        user="testare",
        today=TODAY,
    )


@pytest.fixture
def accounts(sqlite_db: Database, person_factory) -> dict[str, int]:
    oberg = person_factory("Karin", "Öberg", serial=1)
    berg = person_factory("Lars", "Berg", birth=dt.date(1950, 2, 2), serial=3)
    closed = person_factory("Anna", "Andersson", birth=dt.date(1960, 1, 2), serial=2)
    ids = {
        "oberg": open_account(
            sqlite_db,
            oberg,
            AccountInput(
                START,
                review_date=dt.date(2026, 11, 1),
                bank_account_reference="8327-9, 123 456 789-0",
            ),
        ),
        "berg": open_account(sqlite_db, berg, AccountInput(START, review_date=dt.date(2027, 6, 1))),
        "closed": open_account(sqlite_db, closed, AccountInput(START)),
    }
    book(sqlite_db, ids["oberg"], "income", dt.date(2026, 10, 19), 12_000_00, "pension")
    book(sqlite_db, ids["oberg"], "payment", dt.date(2026, 10, 27), 7_000_00, "hyra")
    close_account(sqlite_db, ids["closed"], dt.date(2026, 6, 30), user="t", today=TODAY)
    return ids


@pytest.fixture
def page(qtbot, sqlite_db: Database, accounts: dict[str, int]) -> FundsPage:
    widget = FundsPage(sqlite_db, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    return widget


def listed(page: FundsPage) -> list[str]:
    model = page.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def open_account_row(page: FundsPage, account_id: int) -> None:
    page.select_account(account_id)
    assert page.view.card is not None and page.view.card.id == account_id


def entry_texts(page: FundsPage, row: int) -> list[str]:
    model = page.view.entries
    return [model.index(row, c).data() for c in range(model.columnCount())]


# --- the list ---------------------------------------------------------------------------------


def test_open_accounts_are_listed_and_found_by_name_or_personnummer(
    qtbot, page: FundsPage, typist
) -> None:
    assert listed(page) == ["Berg, Lars", "Öberg, Karin"]
    page.show_closed.setChecked(True)
    assert listed(page) == ["Berg, Lars", "Öberg, Karin", "Andersson, Anna"]
    typist(page.field, "öberg")
    qtbot.waitUntil(lambda: listed(page) == ["Öberg, Karin"])
    page.field.clear()
    qtbot.keyClicks(page.field, "19500202")
    qtbot.waitUntil(lambda: listed(page) == ["Berg, Lars"])


def test_an_overdue_review_is_red_in_the_list(page: FundsPage, accounts: dict[str, int]) -> None:
    row = page.model.row_of(accounts["oberg"])
    assert row is not None
    index = page.model.index(row, 3)
    assert index.data() == "2026-11-01"
    assert index.data(Qt.ItemDataRole.ForegroundRole) == QColor(RED)
    assert page.model.index(row, 4).data() == "omprövningen har passerat"
    assert page.model.index(row, 2).data() == f"5{NBSP}000,00{NBSP}kr"


def test_selecting_an_account_shows_its_balance_and_entries(
    page: FundsPage, accounts: dict[str, int]
) -> None:
    open_account_row(page, accounts["oberg"])
    view = page.view
    assert view.name_label.text() == "Karin Öberg"
    assert view.balance_label.text() == f"Saldo 5{NBSP}000,00{NBSP}kr"
    assert "8327-9, 123 456 789-0" in view.facts_label.text()
    assert "har passerat" in view.review_label.text()
    assert view.entries.rowCount() == 2
    assert entry_texts(page, 0)[:3] == ["2", "2026-10-27", "Betalning"]


# --- booking ----------------------------------------------------------------------------------


def fill_entry(amount: str, category: str = "", counterparty: str = "") -> Handler:
    def handler(dialog: QDialog) -> None:
        assert isinstance(dialog, EntryDialog)
        dialog.amount.edit.setText(amount)
        if category:
            dialog.category.select(category)
        if counterparty:
            dialog.counterparty.setText(counterparty)
        dialog.save_button.click()

    return handler


def test_booking_income_from_the_window(
    page: FundsPage, accounts: dict[str, int], dialogs: Dialogs
) -> None:
    open_account_row(page, accounts["oberg"])
    dialogs.then(fill_entry("1 234,50", "bostadsbidrag", "Försäkringskassan"))
    page.view.income_button.click()
    dialog = dialogs.shown[-1]
    assert isinstance(dialog, EntryDialog) and dialog.saved
    assert page.view.balance_label.text() == f"Saldo 6{NBSP}234,50{NBSP}kr"
    assert entry_texts(page, 0)[:6] == [
        "3",
        "2026-11-27",
        "Insättning",
        "Bostadsbidrag",
        "Försäkringskassan",
        f"1{NBSP}234,50{NBSP}kr",
    ]
    row = page.model.row_of(accounts["oberg"])
    assert page.model.index(row, 2).data() == f"6{NBSP}234,50{NBSP}kr"


def test_a_payment_that_would_overdraw_is_refused_and_the_dialog_stays_open(
    page: FundsPage, accounts: dict[str, int], dialogs: Dialogs
) -> None:
    open_account_row(page, accounts["oberg"])
    seen: dict[str, str] = {}

    def attempt(dialog: QDialog) -> None:
        assert isinstance(dialog, EntryDialog)
        dialog.amount.edit.setText("5 000,01")
        dialog.counterparty.setText("Hyresvärden")
        dialog.save_button.click()
        seen["error"] = dialog.error_label.text()
        seen["visible"] = str(dialog.error_label.isVisibleTo(dialog))

    dialogs.then(attempt)
    page.view.payment_button.click()
    assert "inte pengar" in seen["error"] and seen["visible"] == "True"
    assert not dialogs.shown[-1].saved  # type: ignore[attr-defined]
    assert page.view.entries.total == 2
    assert page.view.balance_label.text() == f"Saldo 5{NBSP}000,00{NBSP}kr"


def test_an_amount_with_three_decimals_is_flagged_as_you_type_and_refused(
    page: FundsPage, accounts: dict[str, int], dialogs: Dialogs
) -> None:
    open_account_row(page, accounts["oberg"])
    seen: dict[str, str] = {}

    def attempt(dialog: QDialog) -> None:
        assert isinstance(dialog, EntryDialog)
        dialog.amount.edit.setText("10,505")
        seen["hint"] = dialog.amount.hint.text()
        dialog.save_button.click()
        seen["error"] = dialog.error_label.text()

    dialogs.then(attempt)
    page.view.payment_button.click()
    assert "fler än två decimaler" in seen["hint"]
    assert "fler än två decimaler" in seen["error"]
    assert page.view.entries.total == 2


def test_handing_out_cash_records_who_and_the_receipt(
    page: FundsPage, accounts: dict[str, int], dialogs: Dialogs
) -> None:
    open_account_row(page, accounts["oberg"])

    def cash(dialog: QDialog) -> None:
        assert isinstance(dialog, EntryDialog)
        dialog.amount.edit.setText("500")
        dialog.handed_out_by.setText("Lena Berg")
        dialog.receipt_signed.setChecked(True)
        dialog.save_button.click()

    dialogs.then(cash)
    page.view.cash_button.click()
    texts = entry_texts(page, 0)
    assert texts[2] == "Kontantutbetalning"
    assert "utlämnat av Lena Berg, kvitto signerat" in texts[4]
    assert texts[5] == f"-500,00{NBSP}kr"


def test_reversing_the_selected_entry(
    page: FundsPage, accounts: dict[str, int], dialogs: Dialogs
) -> None:
    open_account_row(page, accounts["oberg"])
    page.view.table.selectRow(0)

    def reverse(dialog: QDialog) -> None:
        assert isinstance(dialog, ReverseDialog)
        assert "Verifikation 2" in dialog.windowTitle() or "verifikation 2" in dialog.windowTitle()
        dialog.reason.setText("Fel belopp")
        dialog.save_button.click()

    dialogs.then(reverse)
    page.view.reverse_button.click()
    assert entry_texts(page, 0)[:3] == ["3", "2026-11-27", "Rättelse"]
    assert entry_texts(page, 0)[7] == "rättar ver. 2"
    assert entry_texts(page, 1)[7] == "rättad av ver. 3"
    assert page.view.balance_label.text() == f"Saldo 12{NBSP}000,00{NBSP}kr"


def test_a_reversal_without_a_reason_is_refused(
    page: FundsPage, accounts: dict[str, int], dialogs: Dialogs
) -> None:
    open_account_row(page, accounts["oberg"])
    page.view.table.selectRow(1)
    seen: list[str] = []

    def reverse(dialog: QDialog) -> None:
        assert isinstance(dialog, ReverseDialog)
        dialog.save_button.click()
        seen.append(dialog.error_label.text())

    dialogs.then(reverse)
    page.view.reverse_button.click()
    assert "Skriv varför" in seen[0]
    assert page.view.entries.total == 2


def test_nothing_can_be_booked_on_a_closed_account(
    page: FundsPage, accounts: dict[str, int]
) -> None:
    open_account_row(page, accounts["closed"])
    view = page.view
    assert "Avslutat 2026-06-30" in view.badge.text()
    for button in (view.income_button, view.payment_button, view.cash_button, view.reverse_button):
        assert not button.isEnabled()


# --- reconciliation, recurring payments, budget, rent ----------------------------------------


def test_reconciling_shows_the_difference_and_records_it(
    page: FundsPage, accounts: dict[str, int], dialogs: Dialogs
) -> None:
    open_account_row(page, accounts["oberg"])
    seen: dict[str, str] = {}

    def reconcile(dialog: QDialog) -> None:
        assert isinstance(dialog, ReconcileDialog)
        dialog.bank.edit.setText("4 990")
        dialog.refresh()
        seen["book"] = dialog.book_label.text()
        seen["difference"] = dialog.difference_label.text()
        seen["rows"] = str(dialog.entries.rowCount())
        dialog.save_button.click()
        seen["refused"] = dialog.error_label.text()
        dialog.note.setText("Bankavgift 10 kr, bokförs i morgon")
        dialog.save_button.click()

    dialogs.then(reconcile)
    page.view.reconcile_button.click()
    assert seen["book"] == f"5{NBSP}000,00{NBSP}kr"
    assert seen["difference"].startswith(f"-10,00{NBSP}kr")
    assert seen["rows"] == "2"
    assert "Skriv i anteckningen" in seen["refused"]
    rows = page.view.reconciliations_tab.table.cell_texts()
    assert rows[0][:4] == [
        "2026-11-27",
        f"4{NBSP}990,00{NBSP}kr",
        f"5{NBSP}000,00{NBSP}kr",
        f"-10,00{NBSP}kr",
    ]
    assert page.view.tabs.currentWidget() is page.view.reconciliations_tab


def test_a_recurring_payment_is_set_up_proposed_and_confirmed(
    page: FundsPage,
    accounts: dict[str, int],
    dialogs: Dialogs,
    recurring_set_up_on_test_day: object,
) -> None:
    open_account_row(page, accounts["oberg"])
    tab = page.view.proposals_tab

    def set_up(dialog: QDialog) -> None:
        assert isinstance(dialog, RecurringDialog)
        dialog.day.setValue(5)
        dialog.amount.edit.setText("420")
        dialog.category.select("el")
        dialog.counterparty.setText("Sjövik Energi AB")
        dialog.covers_next.setChecked(False)
        dialog.save_button.click()

    dialogs.then(set_up)
    tab.new_button.click()
    assert [p.label for p in tab.proposals] == ["El"]
    assert page.view.tabs.tabText(1) == "Att &bekräfta (1)"
    assert tab.table.item(0, 0).foreground().color() == QColor(RED)  # the 5th has passed
    tab.check(0)
    tab.confirm_button.click()
    assert tab.proposals == []
    assert entry_texts(page, 0)[3:6] == [
        "El",
        "Sjövik Energi AB – avser 2026-11",
        f"-420,00{NBSP}kr",
    ]


def test_the_budget_is_agreed_and_compared_with_the_outcome(
    page: FundsPage, accounts: dict[str, int], dialogs: Dialogs
) -> None:
    open_account_row(page, accounts["oberg"])
    tab = page.view.budget_tab
    tab.month.set_value(dt.date(2026, 10, 1))

    def budget(dialog: QDialog) -> None:
        assert isinstance(dialog, BudgetDialog)
        dialog.add_income.click()
        dialog.add_expense.click()
        _d, income_box, income_amount = dialog._cells(0)
        income_box.select("pension")
        income_amount.setText("12 000")
        _d, expense_box, expense_amount = dialog._cells(1)
        expense_box.select("hyra")
        expense_amount.setText("6 500")
        assert "kvar 5" in dialog.summary.text()
        dialog.save_button.click()

    dialogs.then(budget)
    tab.edit_button.click()
    rows = tab.table.cell_texts()
    assert rows[0] == [
        "Pension",
        f"12{NBSP}000,00{NBSP}kr",
        f"12{NBSP}000,00{NBSP}kr",
        f"0,00{NBSP}kr",
    ]
    assert rows[2] == [
        "Hyra",
        f"6{NBSP}500,00{NBSP}kr",
        f"7{NBSP}000,00{NBSP}kr",
        f"500,00{NBSP}kr",
    ]


def test_rent_per_month_shows_on_the_account_for_the_holders_contract(
    qtbot, sqlite_db: Database, accounts: dict[str, int]
) -> None:
    holder = funds.get_account(sqlite_db, accounts["oberg"]).person_id
    with UnitOfWork(sqlite_db, "t") as uow:
        uow.session.add(
            Contract(
                kind="social",
                person_id=holder,
                start_date=dt.date(2026, 9, 1),
                monthly_rent_ore=7_000_00,
            )
        )
        uow.commit()
    page = FundsPage(sqlite_db, today=lambda: TODAY)
    qtbot.addWidget(page)
    open_account_row(page, accounts["oberg"])
    rows = page.view.rent_tab.table.cell_texts()
    assert [(r[0], r[3]) for r in rows] == [
        ("2026-11", "Ingen betalning"),
        ("2026-10", "Betald"),
        ("2026-09", "Ingen betalning"),
    ]


# --- export and the statement -----------------------------------------------------------------


def test_exporting_a_period_to_excel(
    page: FundsPage,
    accounts: dict[str, int],
    dialogs: Dialogs,
    message_boxes,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    open_account_row(page, accounts["oberg"])
    target = tmp_path / "export"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )

    def export(dialog: QDialog) -> None:
        assert isinstance(dialog, ExportDialog)
        assert dialog.first.value() == dt.date(2026, 10, 1)
        dialog.save_button.click()

    dialogs.then(export)
    page.view.export_button.click()
    written = tmp_path / "export.xlsx"
    assert written.exists()
    assert "2 transaktioner exporterades" in message_boxes.texts


def test_the_statement_is_saved_as_pdf_without_the_letter_preview(
    page: FundsPage,
    accounts: dict[str, int],
    dialogs: Dialogs,
    message_boxes,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    sqlite_db: Database,
) -> None:
    ready_to_write_letters(sqlite_db)
    open_account_row(page, accounts["oberg"])
    monkeypatch.setitem(sys.modules, "ui.letters.print_action", None)  # as if it did not exist
    target = tmp_path / "utdrag.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )

    def month(dialog: QDialog) -> None:
        assert isinstance(dialog, StatementDialog)
        assert dialog.chosen_month() == dt.date(2026, 10, 1)
        dialog.save_button.click()

    dialogs.then(month)
    page.view.statement_button.click()
    assert target.read_bytes().startswith(b"%PDF")
    assert "Kontoutdraget för 2026-10 sparades" in message_boxes.texts


def test_the_statement_opens_in_the_letter_preview_when_there_is_one(
    page: FundsPage,
    accounts: dict[str, int],
    dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    open_account_row(page, accounts["oberg"])
    calls: list[tuple[object, ...]] = []
    preview = types.ModuleType("ui.letters.print_action")

    def open_letter_preview(
        parent: QWidget,
        db: Database,
        kind: str,
        person_id: int,
        contract_id=None,
        **options: object,
    ) -> None:
        calls.append((kind, person_id, contract_id, options))

    preview.open_letter_preview = open_letter_preview  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ui.letters.print_action", preview)
    dialogs.then(lambda dialog: dialog.save_button.click())  # type: ignore[attr-defined]
    page.view.statement_button.click()
    card = page.view.card
    assert card is not None
    assert calls == [
        (
            "managed_funds_statement",
            card.person_id,
            None,
            {"subject_id": card.id, "month": dt.date(2026, 10, 1), "today": TODAY},
        )
    ]
    assert statement.STATEMENT_KIND == "managed_funds_statement"


# --- opening and closing accounts -------------------------------------------------------------


def test_opening_an_account_for_a_person(
    qtbot, page: FundsPage, dialogs: Dialogs, person_factory
) -> None:
    newcomer = person_factory("Olle", "Nyström", birth=dt.date(1970, 7, 7), serial=4)
    page.field.setText("x")  # the new account is shown even when a search hid it

    def open_new(dialog: QDialog) -> None:
        assert isinstance(dialog, AccountDialog) and dialog.person_search is not None
        dialog.save_button.click()  # no person chosen yet
        assert "Välj personen" in dialog.error_label.text()
        dialog.person_search.search_for("nyström", select_person=None)
        dialog.person_search.table.selectRow(0)
        assert dialog.person_search.selected_person_id() == newcomer
        dialog.bank.setText("8327-9, 555 555 555-5")
        dialog.save_button.click()

    dialogs.then(open_new)
    page.new_button.click()
    assert page.view.card is not None and page.view.card.name == "Olle Nyström"
    assert page.view.balance_label.text() == f"Saldo 0,00{NBSP}kr"
    assert page.view.count_label.text() == "Inga transaktioner än."


def test_closing_an_account_with_money_left_is_refused(
    page: FundsPage, accounts: dict[str, int], dialogs: Dialogs
) -> None:
    open_account_row(page, accounts["oberg"])
    seen: list[str] = []

    def close(dialog: QDialog) -> None:
        assert isinstance(dialog, CloseAccountDialog)
        dialog.save_button.click()
        seen.append(dialog.error_label.text())

    dialogs.then(close)
    page.view.close_button.click()
    assert "saldo på 5" in seen[0]
    assert page.view.card is not None and page.view.card.is_open


# --- a long ledger is read a page at a time -----------------------------------------------------


def test_a_long_ledger_is_fetched_lazily(
    qtbot, sqlite_db: Database, accounts: dict[str, int]
) -> None:
    account = accounts["berg"]
    book(sqlite_db, account, "income", dt.date(2026, 2, 1), 1_000_000_00, "lön")
    for n in range(449):
        book(
            sqlite_db,
            account,
            "payment",
            dt.date(2026, 2, 2) + dt.timedelta(days=n % 200),
            1_00,
            "el",
        )
    page = FundsPage(sqlite_db, today=lambda: TODAY)
    qtbot.addWidget(page)
    open_account_row(page, account)
    model = page.view.entries
    assert model.total == 450
    assert model.rowCount() == 200
    assert model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 450 and not model.canFetchMore()
    assert [model.index(r, 0).data() for r in (0, 199, 200, 449)] == ["450", "251", "250", "1"]


def test_the_account_list_model_headers() -> None:
    model = AccountListModel()
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Namn",
        "Personnummer",
        "Saldo",
        "Omprövning",
        "Fullmakt",
    ]


def test_the_main_window_shows_the_funds_page(qtbot, sqlite_db: Database) -> None:
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    window.show_area("funds")
    assert window.stack.currentWidget() is window.funds_page
    assert isinstance(window.funds_page, FundsPage)


def test_recurring_setup_through_the_service_shows_in_the_tab(
    qtbot, sqlite_db: Database, accounts: dict[str, int]
) -> None:
    add_recurring(
        sqlite_db,
        accounts["oberg"],
        RecurringInput(27, 7_000_00, "hyra", "Sjöviks Bostäder AB", covers_next_month=True),
    )
    page = FundsPage(sqlite_db, today=lambda: TODAY)
    qtbot.addWidget(page)
    open_account_row(page, accounts["oberg"])
    rows = page.view.proposals_tab.recurring_table.cell_texts()
    assert rows == [
        ["27", "Hyra", "Sjöviks Bostäder AB", f"7{NBSP}000,00{NBSP}kr", "nästa månad", "ja"]
    ]


def test_an_att_gora_review_opens_the_account(
    qtbot, sqlite_db: Database, accounts: dict[str, int]
) -> None:
    from bobudget.app.todo import TodoItem
    from bobudget.kernel.urgency import Urgency
    from ui.main_window import MainWindow

    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    item = TodoItem(
        typ="egna_medel_omprovning",
        label="Omprövning egna medel",
        datum=dt.date(2026, 11, 1),
        urgency=Urgency.OVERDUE,
        person_id=0,
        personnummer="",
        name="Karin Öberg",
        what="Omprövning",
        area="funds",
        target_id=accounts["oberg"],
    )
    window.open_todo_item(item)
    assert window.current_area() == "funds"
    funds = window.pages["funds"]
    assert isinstance(funds, FundsPage)
    assert funds.view.card is not None and funds.view.card.id == accounts["oberg"]


def test_a_refused_search_says_why_in_the_list(qtbot, page: FundsPage) -> None:
    page.field.setText("\x00")
    qtbot.waitUntil(lambda: page.count_label.text().startswith("Sökningen innehåller"))
    assert listed(page) == []
    page.field.setText("öberg")
    qtbot.waitUntil(lambda: listed(page) == ["Öberg, Karin"])


# --- rent paid twice, and what cannot be reversed --------------------------------------------


def test_rent_for_a_month_already_paid_asks_naming_the_voucher(
    page: FundsPage, accounts: dict[str, int], dialogs: Dialogs, message_boxes
) -> None:
    open_account_row(page, accounts["oberg"])
    dialogs.then(fill_entry("2 000,00", "hyra", "Åkerbo"))
    page.view.payment_button.click()  # rent for December (paid after the 15th)
    assert page.view.entries.total == 3
    refused: list[str] = []

    def again(dialog: QDialog) -> None:
        fill_entry("2 000,00", "hyra", "Åkerbo")(dialog)
        assert isinstance(dialog, EntryDialog)
        refused.append(dialog.error_label.text())
        assert not dialog.saved
        dialog.save_button.click()  # asked again: booked anyway this time

    message_boxes.answer("Tillbaka")
    message_boxes.answer("Bokför ändå")
    dialogs.then(again)
    page.view.payment_button.click()
    asked = message_boxes.shown[0]
    assert asked.buttons == ["Bokför ändå", "Tillbaka"]
    assert "redan betald" in asked.text
    assert "december 2026" in asked.informative and "verifikation 3" in asked.informative
    assert "Ingenting bokfördes" in refused[0] and "verifikation 3" in refused[0]
    assert dialogs.shown[-1].saved
    assert page.view.entries.total == 4


def test_rätta_is_not_offered_for_a_reversed_entry_nor_for_a_reversal(
    page: FundsPage, accounts: dict[str, int], dialogs: Dialogs
) -> None:
    open_account_row(page, accounts["oberg"])
    view = page.view
    view.table.selectRow(0)
    assert view.reverse_button.isEnabled()

    def reverse(dialog: QDialog) -> None:
        assert isinstance(dialog, ReverseDialog)
        dialog.reason.setText("Fel belopp")
        dialog.save_button.click()

    dialogs.then(reverse)
    view.reverse_button.click()
    view.table.selectRow(0)  # the reversal, voucher 3
    assert not view.reverse_button.isEnabled()
    assert "själv en rättelse" in view.reverse_button.toolTip()
    view.table.selectRow(1)  # the rent it reversed, voucher 2
    assert not view.reverse_button.isEnabled()
    assert "redan rättad (av verifikation 3)" in view.reverse_button.toolTip()
    view.table.selectRow(2)  # the pension, untouched
    assert view.reverse_button.isEnabled()
    assert view.reverse_button.toolTip() == "Rätta den markerade transaktionen"
