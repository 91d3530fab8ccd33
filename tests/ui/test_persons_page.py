"""The Personer page: searching as you type, the list, and the card beside it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from bobudget.db.engine import Database
from ui.pages.persons import PersonsPage
from ui.persons import search as person_search


@pytest.fixture
def page(qtbot, sqlite_db: Database, people) -> PersonsPage:
    widget = PersonsPage(sqlite_db)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def listed_names(page: PersonsPage) -> list[str]:
    model = page.search.model
    return [model.index(r, 1).data() for r in range(model.rowCount())]


def test_empty_search_lists_everyone(page: PersonsPage) -> None:
    assert listed_names(page) == ["Andersson, Anna", "Lindqvist, Elsa", "Öberg, Karin"]
    assert page.search.count_label.text() == "3 personer"


def test_typing_oberg_finds_oberg(qtbot, page: PersonsPage, typist) -> None:
    typist(page.search.field, "öberg")
    assert page.search.field.text() == "öberg"
    qtbot.waitUntil(lambda: listed_names(page) == ["Öberg, Karin"])
    assert page.search.count_label.text() == "1 person"


def test_a_search_for_the_personnummer_finds_the_person(qtbot, page: PersonsPage) -> None:
    qtbot.keyClicks(page.search.field, "19920505")
    qtbot.waitUntil(lambda: listed_names(page) == ["Lindqvist, Elsa"])


def test_a_protected_persons_city_shows_as_skyddad(page: PersonsPage, people) -> None:
    model = page.search.model
    row = model.row_of(people.protected)
    assert row is not None
    assert model.index(row, 2).data() == "Skyddad"
    assert "Hemby" not in [model.index(r, 2).data() for r in range(model.rowCount())]


def test_selecting_a_row_shows_the_card_with_contract_kind_and_rent(
    qtbot, page: PersonsPage, people
) -> None:
    row = page.search.model.row_of(people.oberg)
    page.search.table.selectRow(row)
    qtbot.waitUntil(lambda: page.card.card is not None and page.card.card.id == people.oberg)
    shown = page.card.visible_text()
    assert "Karin Öberg" in shown
    contracts = page.card.contracts_table.cell_texts()
    social = next(r for r in contracts if r[0] == "Socialt kontrakt")
    assert social[1] == "Kvarngatan 7"
    assert social[4] == "7\u00a0123,50\u00a0kr"
    temporary = next(r for r in contracts if r[0] == "Tillfälligt boende")
    assert temporary[1] == "Vandrarhemmet Sjöviken"
    assert temporary[5] == "2026-05-14"  # the last day of the current (renewed) period


def test_enter_in_the_search_field_opens_the_first_match(qtbot, page: PersonsPage) -> None:
    qtbot.keyClicks(page.search.field, "lindqvist")
    qtbot.keyClick(page.search.field, Qt.Key.Key_Return)
    assert page.card.card is not None
    assert page.card.card.name == "Elsa Lindqvist"


def test_double_click_opens_the_card(qtbot, page: PersonsPage, people) -> None:
    row = page.search.model.row_of(people.plain)
    index = page.search.model.index(row, 1)
    rect = page.search.table.visualRect(index)
    qtbot.mouseDClick(page.search.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.card.card is not None
    assert page.card.card.id == people.plain


def test_too_many_matches_asks_to_type_more(
    qtbot, page: PersonsPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(person_search, "SEARCH_LIMIT", 2)
    page.refresh()
    assert page.search.count_label.text() == "Fler än 2 träffar – skriv mer för att begränsa"


def test_new_person_is_saved_and_shown(
    qtbot, page: PersonsPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bobudget.kernel.identity import demo_identity
    from ui.persons.form import PersonFormDialog

    number = demo_identity(dt.date(1990, 7, 1), 4).display

    def fill_and_save(dialog: PersonFormDialog) -> int:
        dialog.identity.edit.setText(number)
        dialog.first_name.setText("Åke")
        dialog.last_name.setText("Ödman")
        dialog.save()
        return int(dialog.result())

    monkeypatch.setattr(PersonFormDialog, "exec", fill_and_save)
    page.new_button.click()
    assert listed_names(page) == ["Ödman, Åke"]
    assert page.card.card is not None
    assert page.card.card.name == "Åke Ödman"
    assert page.card.card.identity == number


def test_a_refused_search_says_why_and_the_next_one_runs(qtbot, page: PersonsPage) -> None:
    page.search.field.setText("öberg\x00")
    qtbot.waitUntil(lambda: page.search.count_label.text().startswith("Sökningen innehåller"))
    assert listed_names(page) == []
    page.search.field.setText(" ".join(["ord"] * 1000))
    qtbot.waitUntil(lambda: "högst 10 ord och 100 tecken" in page.search.count_label.text())
    page.search.field.setText("öberg")
    qtbot.waitUntil(lambda: listed_names(page) == ["Öberg, Karin"])
    assert page.search.count_label.text() == "1 person"
