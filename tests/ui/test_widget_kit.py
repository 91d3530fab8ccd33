"""The window's one widget kit: the same date and amount field in every domain, the table model
with paging, and the same choice on a conflict."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QWidget

from bobudget.app.person_card import get_person_card
from bobudget.db.engine import Database
from bobudget.kernel.errors import ValidationError
from bobudget.persons.registry import PersonInput, update_person
from tests.ui.conftest import TODAY, MessageBoxes
from ui.follow_up.support_tab import ReviewDialog
from ui.funds.entry_dialogs import EntryDialog
from ui.kit import AmountField, DateField
from ui.kit.table_model import Column, TableModel
from ui.persons.form import PersonFormDialog
from ui.placement.contract_dialogs import EndContractDialog

_PARENTS: list[QWidget] = []


def _funds_entry(db: Database) -> tuple[QWidget, DateField]:
    account: Any = SimpleNamespace(id=1, name="Anna Andersson", identity="x", balance_ore=0)
    dialog = EntryDialog(db, account, "payment", user_name="testare", today=TODAY)
    return dialog, dialog.entry_date


def _follow_up_review(db: Database) -> tuple[QWidget, DateField]:
    row: Any = SimpleNamespace(id=1, version=1, next_review_date=TODAY)
    _PARENTS.append(QWidget())  # the follow-up dialogs want a parent; it must outlive them
    dialog = ReviewDialog(db, row, lambda: TODAY, _PARENTS[-1])
    return dialog, dialog.day


def _placement_end(db: Database) -> tuple[QWidget, DateField]:
    dialog = EndContractDialog(db, lambda: TODAY, 1, 1, "Kontraktet")
    return dialog, dialog.date


@pytest.mark.parametrize("make", [_funds_entry, _follow_up_review, _placement_end])
@pytest.mark.parametrize("typed", ["2026-03-05", "20260305", "5/3"])
def test_every_domain_reads_a_typed_date_the_same_way(
    qtbot, sqlite_db: Database, make: Any, typed: str
) -> None:
    dialog, field = make(sqlite_db)
    qtbot.addWidget(dialog)
    assert isinstance(field, QLineEdit)
    field.clear()
    QTest.keyClicks(field, typed)
    assert field.required_value() == dt.date(dt.date.today().year if "/" in typed else 2026, 3, 5)


@pytest.mark.parametrize("make", [_funds_entry, _follow_up_review, _placement_end])
def test_an_impossible_date_is_refused_not_rolled_over(
    qtbot, sqlite_db: Database, make: Any
) -> None:
    dialog, field = make(sqlite_db)
    qtbot.addWidget(dialog)
    field.clear()
    QTest.keyClicks(field, "2026-02-31")
    assert "31 februari 2026 finns inte" in field.toolTip()
    with pytest.raises(ValidationError, match="31 februari 2026 finns inte"):
        field.value()
    assert field.text() == "2026-02-31"  # left as typed for the user to correct


def test_an_optional_date_may_be_empty_a_required_one_not(qtbot) -> None:
    optional = DateField("Slutdatum", required=False)
    required = DateField("Startdatum")
    qtbot.addWidget(optional)
    qtbot.addWidget(required)
    assert optional.value() is None
    with pytest.raises(ValidationError, match="Fyll i startdatum"):
        required.value()


def test_the_calendar_opens_with_alt_down_and_a_pick_fills_the_field(qtbot) -> None:
    field = DateField("Datum", dt.date(2026, 3, 5))
    qtbot.addWidget(field)
    field.show()
    QTest.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert field.calendar.isVisible()
    assert field.calendar.selectedDate().day() == 5
    field.calendar.clicked.emit(field.calendar.selectedDate().addDays(2))
    assert not field.calendar.isVisible()
    assert field.required_value() == dt.date(2026, 3, 7)


@pytest.mark.parametrize(
    ("typed", "ore"), [("1 234,50", 123450), ("1234.50", 123450), ("1234", 123400)]
)
def test_an_amount_round_trips_as_ore_and_shows_the_swedish_way(
    qtbot, typed: str, ore: int
) -> None:
    field = AmountField("Belopp")
    qtbot.addWidget(field)
    QTest.keyClicks(field.edit, typed)
    assert field.value_ore() == ore
    field.edit.editingFinished.emit()
    assert field.text() == ("1 234,50" if ore == 123450 else "1 234,00")
    field.set_ore(ore)
    assert field.value_ore() == ore


def test_a_negative_amount_only_where_allowed(qtbot) -> None:
    rent = AmountField("Månadshyra")
    bank = AmountField("Bankens saldo", negative=True)
    qtbot.addWidget(rent)
    qtbot.addWidget(bank)
    rent.setText("-5")
    bank.setText("-5")
    with pytest.raises(ValidationError, match="Månadshyra: Beloppet får inte vara negativt"):
        rent.value_ore()
    assert bank.value_ore() == -500


def test_the_table_model_reads_pages_as_the_view_scrolls(qtbot) -> None:
    numbers = list(range(1, 11))
    asked: list[tuple[int, int]] = []

    def page(offset: int, limit: int) -> list[int]:
        asked.append((offset, limit))
        return numbers[offset : offset + limit]

    model: TableModel[int] = TableModel(
        [Column("Nr", str, right=True), Column("Dubbelt", lambda n: str(2 * n), sort_key=int)],
        row_colour=lambda n: "#ff0000" if n == 1 else None,
        page_size=4,
    )
    model.reload(page, total=len(numbers))
    assert model.rowCount() == 4 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 8
    model.fetch_all()
    assert model.rowCount() == 10 and not model.canFetchMore()
    assert asked == [(0, 4), (4, 4), (8, 4)]
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Dubbelt"
    assert model.data(model.index(2, 1)) == "6"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole).name() == "#ff0000"
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert model.texts()[0] == ["10", "20"]


def _conflict(db: Database, person_id: int, qtbot) -> PersonFormDialog:
    """The form is open in one session; another session saves the same person first."""
    dialog = PersonFormDialog.for_edit(db, get_person_card(db, person_id), None)
    qtbot.addWidget(dialog)
    card = get_person_card(db, person_id)
    update_person(
        db,
        card.id,
        card.version,
        PersonInput(card.identity, card.first_name, card.last_name, phone="08-123 45 67"),
        user="kollega",
    )
    dialog.email.setText("anna@example.se")
    return dialog


def test_a_conflict_keeps_the_typing_and_shows_both_versions(
    qtbot, sqlite_db: Database, people, message_boxes: MessageBoxes
) -> None:
    dialog = _conflict(sqlite_db, people.plain, qtbot)
    message_boxes.answer("Tillbaka till formuläret")
    dialog.save()
    box = message_boxes.shown[0]
    assert "Ändrat av kollega" in box.informative
    assert "Telefon, E-post" in box.informative
    assert "du skrev: anna@example.se" in box.detail
    assert "sparat nu: 08-123 45 67" in box.detail
    assert dialog.email.text() == "anna@example.se" and dialog.phone.text() == ""
    assert not dialog.saved


def test_read_in_the_saved_version(
    qtbot, sqlite_db: Database, people, message_boxes: MessageBoxes
) -> None:
    dialog = _conflict(sqlite_db, people.plain, qtbot)
    message_boxes.answer("Läs in det sparade")
    dialog.save()
    assert dialog.phone.text() == "08-123 45 67" and dialog.email.text() == ""
    assert not dialog.saved
    assert get_person_card(sqlite_db, people.plain).email == ""


def test_save_my_changes_again_over_the_new_version(
    qtbot, sqlite_db: Database, people, message_boxes: MessageBoxes
) -> None:
    dialog = _conflict(sqlite_db, people.plain, qtbot)
    message_boxes.answer("Spara mina ändringar igen")
    dialog.save()
    assert dialog.saved
    saved = get_person_card(sqlite_db, people.plain)
    assert saved.email == "anna@example.se"
    assert saved.phone == ""  # the typed values, all of them, over the other version
